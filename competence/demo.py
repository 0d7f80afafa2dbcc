"""Demo data for digital competence: three frameworks, a Vux 2.0 series of sessions (some
held, some upcoming), enrolments, evaluations, training logs over two years,
self-assessments in the current period and the two before it, and practice examples,
plus automatic indicators on the competence goals; all dated around the day the demo
lives in (``vuxportal.seeds.demo_today``).

Idempotent: rows are looked up by natural keys; volume goes in with bulk_create only for
what is missing.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from goals.models import Action, Indicator, IndicatorTarget, ReportingPeriod
from goals.selectors import active_plan
from organisation.models import Project
from vuxportal.roles import Role
from vuxportal.seeds import demo_now, demo_today

from .models import (
    ActivityEvaluation,
    Area,
    Competence,
    DevelopmentPlan,
    Enrolment,
    Framework,
    Level,
    PlanComment,
    PracticeExample,
    PracticeUse,
    Rating,
    SelfAssessment,
    TrainingActivity,
    TrainingRecord,
)
from .services import attendance_mark, school_of

# DigCompEdu (the European Framework for the Digital Competence of Educators): the names
# of its areas, competences and levels are facts; the descriptions are our own words.
DIGCOMPEDU_LEVELS = [
    ("A1", "Nykomling (Newcomer)", "Har börjat använda digitala verktyg och behöver stöd."),
    ("A2", "Utforskare (Explorer)", "Provar digitala verktyg i några delar av arbetet."),
    ("B1", "Integrerare (Integrator)", "Använder digitala verktyg på flera sätt i undervisningen."),
    ("B2", "Expert (Expert)", "Väljer verktyg med omdöme och utvecklar sin praktik medvetet."),
    ("C1", "Ledare (Leader)", "Delar med sig, stöttar kollegor och utvärderar kritiskt."),
    ("C2", "Pionjär (Pioneer)", "Förnyar undervisningen och driver utvecklingen framåt."),
]
DIGCOMPEDU = [
    (
        "Professionellt engagemang",
        "Digitala verktyg i kontakten med kollegor, elever och i den egna utvecklingen.",
        [
            (
                "1.1",
                "Organisatorisk kommunikation",
                "Kommunicera med elever och kollegor digitalt.",
            ),
            ("1.2", "Professionellt samarbete", "Samarbeta med kollegor via digitala verktyg."),
            ("1.3", "Reflekterande praktik", "Granska och utveckla sin egen digitala praktik."),
            ("1.4", "Digital kompetensutveckling", "Lära sig nytt med hjälp av digitala källor."),
        ],
    ),
    (
        "Digitala resurser",
        "Att hitta, skapa och dela digitalt material.",
        [
            ("2.1", "Välja digitala resurser", "Hitta och bedöma material för undervisningen."),
            ("2.2", "Skapa och anpassa", "Göra eget material och bearbeta andras."),
            ("2.3", "Hantera, skydda och dela", "Ordna material och respektera upphovsrätt."),
        ],
    ),
    (
        "Undervisning och lärande",
        "Att planera och genomföra undervisning med digitala verktyg.",
        [
            ("3.1", "Undervisning", "Använda digitala verktyg i själva undervisningen."),
            ("3.2", "Vägledning", "Stötta eleverna digitalt, även utanför lektionen."),
            ("3.3", "Samarbetsinriktat lärande", "Låta eleverna samarbeta med digitala verktyg."),
            ("3.4", "Självreglerat lärande", "Hjälpa eleverna att planera och följa sitt lärande."),
        ],
    ),
    (
        "Bedömning",
        "Digitala verktyg för att bedöma och ge återkoppling.",
        [
            ("4.1", "Bedömningsstrategier", "Variera och förbättra bedömningen digitalt."),
            ("4.2", "Analysera underlag", "Tolka data om elevernas lärande."),
            ("4.3", "Återkoppling och planering", "Ge återkoppling och planera efter den."),
        ],
    ),
    (
        "Stärka eleverna",
        "Att göra undervisningen tillgänglig och engagerande för alla.",
        [
            ("5.1", "Tillgänglighet och inkludering", "Se till att alla elever kan delta."),
            ("5.2", "Differentiering och individanpassning", "Anpassa efter elevernas behov."),
            ("5.3", "Aktivt engagera eleverna", "Få eleverna att arbeta aktivt och kreativt."),
        ],
    ),
    (
        "Främja elevernas digitala kompetens",
        "Att utveckla elevernas egen digitala förmåga.",
        [
            ("6.1", "Informations- och mediekunnighet", "Söka, granska och värdera information."),
            ("6.2", "Digital kommunikation och samarbete", "Kommunicera och samarbeta säkert."),
            ("6.3", "Skapa digitalt innehåll", "Uttrycka sig genom digitala format."),
            ("6.4", "Ansvarsfull användning", "Skydda sig själv, andra och sin hälsa på nätet."),
            ("6.5", "Digital problemlösning", "Lösa tekniska och praktiska problem."),
        ],
    ),
]
STEP_LEVELS = [
    ("1", "Grundläggande", "Känner till området."),
    ("2", "Utvecklande", "Använder det ibland, med stöd."),
    ("3", "Säker", "Använder det självständigt och regelbundet."),
    ("4", "Fördjupad", "Utvecklar området och stöttar andra."),
]
TPACK = [
    (
        "Grundkunskaper",
        "De tre grundläggande kunskapsområdena.",
        [
            ("TK", "Teknisk kunskap (TK)", "Att kunna hantera digitala verktyg."),
            ("PK", "Pedagogisk kunskap (PK)", "Att veta hur vuxna lär och hur man undervisar."),
            ("CK", "Ämneskunskap (CK)", "Att kunna sitt ämne eller sin kurs."),
        ],
    ),
    (
        "Kombinerade kunskaper",
        "Där två områden möts.",
        [
            ("PCK", "Ämnesdidaktisk kunskap (PCK)", "Att undervisa just i sitt ämne."),
            ("TCK", "Teknisk ämneskunskap (TCK)", "Hur tekniken förändrar ämnet."),
            ("TPK", "Teknisk-pedagogisk kunskap (TPK)", "Hur tekniken förändrar undervisningen."),
        ],
    ),
    (
        "Integrerad kunskap",
        "Där alla tre möts – kärnan i planens vision.",
        [("TPACK", "TPACK", "Att välja ändamålsenlig teknik för ämnet och eleverna.")],
    ),
]
LEADERSHIP = [
    (
        "Vision och strategi",
        "Att ge riktning åt det digitala arbetet.",
        [
            ("1.1", "Formulera en digital vision", "Koppla digitaliseringen till skolans mål."),
            ("1.2", "Prioritera och planera", "Göra en plan med resurser och tidsplan."),
        ],
    ),
    (
        "Organisation och resurser",
        "Att skapa förutsättningar.",
        [
            ("2.1", "Infrastruktur och verktyg", "Se till att utrustning och system fungerar."),
            ("2.2", "Tid och struktur", "Ge tid för lärande och samarbete."),
        ],
    ),
    (
        "Kompetens och kultur",
        "Att leda lärande och delning.",
        [
            ("3.1", "Leda kompetensutveckling", "Följa upp personalens kompetens och behov."),
            ("3.2", "Främja en delningskultur", "Lyfta och sprida goda exempel."),
        ],
    ),
    (
        "Uppföljning",
        "Att följa upp och lära av resultaten.",
        [
            ("4.1", "Följa upp mål", "Använda indikatorer och analysera resultat."),
            ("4.2", "Utveckla utifrån resultat", "Göra nästa steg utifrån uppföljningen."),
        ],
    ),
]
FRAMEWORKS = [
    (
        "digcompedu",
        "DigCompEdu",
        "Europeiska ramverket för lärares digitala kompetens: sex områden, 22 kompetenser och "
        "sex nivåer från nykomling till pionjär.",
        DIGCOMPEDU_LEVELS,
        DIGCOMPEDU,
    ),
    (
        "tpack",
        "TPACK",
        "Modellen som handlingsplanens vision vilar på: hur teknisk, pedagogisk och "
        "ämneskunskap samverkar i sju kunskapsdomäner.",
        STEP_LEVELS,
        TPACK,
    ),
    (
        "leadership",
        "Leda digital utveckling",
        "Rektorers förmåga att strategiskt leda digitalt utvecklingsarbete (planens mål 2).",
        STEP_LEVELS,
        LEADERSHIP,
    ),
]


# Who self-assesses which framework, and the level everyone should reach (its code on
# the scale): DigCompEdu for everyone who teaches or supports teaching, TPACK for
# teachers, the leadership framework for school leaders.
AUDIENCES = {
    "digcompedu": ([Role.TEACHER, Role.STAFF], "B1"),
    "tpack": ([Role.TEACHER], None),
    "leadership": ([Role.SCHOOL_LEADER], None),
}


def _audience(framework):
    """Sets a demo framework's audience and target once; a framework an administrator
    has already given an audience or a target keeps it (and a second run changes nothing)."""
    roles, target_code = AUDIENCES.get(framework.code, ([], None))
    changed = []
    if roles and not framework.audience_roles:
        framework.audience_roles = [str(r) for r in roles]
        changed.append("audience_roles")
    if target_code and framework.target_level is None:
        level = framework.levels.filter(code=target_code).first()
        if level is not None:
            framework.target_level = level.value
            changed.append("target_level")
    if changed:
        framework.save(update_fields=[*changed, "updated"])


def _frameworks():
    result = {}
    for code, name, description, levels, areas in FRAMEWORKS:
        framework, _ = Framework.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )
        if not framework.levels.exists():
            Level.objects.bulk_create(
                Level(framework=framework, value=i, code=c, name=n, description=d)
                for i, (c, n, d) in enumerate(levels, start=1)
            )
        if not framework.areas.exists():
            for number, (area_name, area_description, competences) in enumerate(areas, start=1):
                area = Area.objects.create(
                    framework=framework,
                    number=number,
                    name=area_name,
                    description=area_description,
                )
                Competence.objects.bulk_create(
                    Competence(area=area, code=c, name=n, description=d, order=i)
                    for i, (c, n, d) in enumerate(competences)
                )
        _audience(framework)
        result[code] = framework
    return result


SELF_ASSESSMENT_PERIODS = 3


def _periods(demo):
    """The periods the staff self-assessed in: the current one (goals' demo made it) and
    the ones before it, each the current period in its time, where the portal put the
    self-assessments made then."""
    latest = ReportingPeriod.objects.filter(sort_key__lte=demo.current_period.sort_key)
    return list(latest.order_by("-sort_key")[:SELF_ASSESSMENT_PERIODS])[::-1]


def _self_assessments(demo, frameworks, periods):
    framework = frameworks["digcompedu"]
    competences = list(Competence.objects.filter(area__framework=framework).order_by("pk"))
    people = [(code, u) for code, staff in demo.staff.items() for u in staff]
    larare = demo.accounts["larare@vux.example"]
    existing = set(
        SelfAssessment.objects.filter(framework=framework, period__in=periods).values_list(
            "person_id", "period_id"
        )
    )
    new = []
    for step, period in enumerate(periods):
        for code, person in people:
            # The demo teacher's current period is left open for them to fill in.
            if person == larare and step == len(periods) - 1:
                continue
            if (person.pk, period.pk) in existing:
                continue
            new.append(
                SelfAssessment(
                    person=person,
                    framework=framework,
                    period=period,
                    school=demo.schools[code],
                    reflection="Jag vill bli säkrare på digital bedömning."
                    if person.pk % 3 == 0
                    else "",
                )
            )
    created = SelfAssessment.objects.bulk_create(new)
    step_of = {p.pk: i for i, p in enumerate(periods)}
    ratings = []
    for assessment in created:
        rng = random.Random(assessment.person_id * 1000 + assessment.period_id)
        base = 1 + (assessment.person_id % 3)
        for competence in competences:
            # A step up for a sixth more of the ratings each period: a steady rise.
            growth = 1 if rng.random() < 0.15 + step_of[assessment.period_id] / 6 else 0
            level = max(1, min(6, base + growth + rng.choice((-1, 0, 0, 1))))
            ratings.append(Rating(assessment=assessment, competence=competence, level=level))
    Rating.objects.bulk_create(ratings, batch_size=2000)


SESSIONS = [
    # (title, format, days from the demo's day, hours, capacity, competence codes,
    # description)
    (
        "Vux 2.0: Digitala prov i lärplattformen",
        TrainingActivity.Format.WORKSHOP,
        -150,
        3,
        30,
        ["4.1", "TK"],
        "Att bygga, genomföra och rätta prov digitalt.",
    ),
    (
        "Vux 2.0: Kom igång med lärplattformen",
        TrainingActivity.Format.WORKSHOP,
        -60,
        3,
        30,
        ["3.1", "TK"],
        "Grunderna i lärplattformen: kursrum, uppgifter och återkoppling.",
    ),
    (
        "Vux 2.0: Digital bedömning och återkoppling",
        TrainingActivity.Format.WORKSHOP,
        -30,
        3,
        30,
        ["4.1", "4.3", "TPK"],
        "Hur digitala verktyg kan ge snabbare och tydligare återkoppling.",
    ),
    (
        "Vux 2.0: Tillgänglighet för alla elever",
        TrainingActivity.Format.WEBINAR,
        -10,
        1.5,
        None,
        ["5.1", "5.2"],
        "Talsyntes, textning och tillgängliga dokument.",
    ),
    (
        "Vux 2.0: Grupparbeten i Teams",
        TrainingActivity.Format.WEBINAR,
        3,
        1.5,
        None,
        ["3.3", "1.2"],
        "Kanaler, delade dokument och gruppuppgifter i Teams.",
    ),
    (
        "Vux 2.0: Kollegialt lärande – dela en lektion",
        TrainingActivity.Format.COLLEGIAL,
        14,
        2,
        3,
        ["1.2", "TPACK"],
        "Vi visar varandra en lektion och ger återkoppling.",
    ),
    (
        "Vux 2.0: AI i vuxenutbildningen",
        TrainingActivity.Format.COURSE,
        30,
        6,
        40,
        ["6.1", "6.4", "TCK"],
        "Möjligheter och risker med generativ AI i undervisningen.",
    ),
    (
        "Leda digital utveckling – rektorsprogram",
        TrainingActivity.Format.COURSE,
        -45,
        8,
        20,
        ["1.1", "3.1"],
        "För rektorer: strategi, uppföljning och en kultur som delar.",
    ),
]


def _sessions(demo, frameworks):
    admin = demo.accounts["admin@vux.example"]
    competences = {
        (c.area.framework.code, c.code): c
        for c in Competence.objects.select_related("area__framework")
    }
    today = demo_today(demo)
    activities = []
    for title, fmt, days, hours, capacity, codes, description in SESSIONS:
        leadership = title.startswith("Leda")
        day = today + timedelta(days=days)
        starts = timezone.make_aware(datetime.combine(day, time(13, 0)))
        activity, created = TrainingActivity.objects.get_or_create(
            title=title,
            defaults={
                "description": description,
                "organiser": admin,
                "format": fmt,
                "series": "" if leadership else "Vux 2.0",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=float(hours)),
                "hours": Decimal(str(hours)),
                "place": "Vux Södermalm, aula" if fmt != TrainingActivity.Format.WEBINAR else "",
                "online_url": "https://teams.example/vux20"
                if fmt == TrainingActivity.Format.WEBINAR
                else "",
                "audience_roles": [Role.SCHOOL_LEADER]
                if leadership
                else [Role.TEACHER, Role.STAFF],
                "capacity": capacity,
            },
        )
        if created:
            framework_code = "leadership" if leadership else None
            chosen = []
            for code in codes:
                key = (framework_code, code) if framework_code else None
                if key and key in competences:
                    chosen.append(competences[key])
                    continue
                for fw in ("digcompedu", "tpack"):
                    if (fw, code) in competences:
                        chosen.append(competences[(fw, code)])
                        break
            activity.competences.set(chosen)
        activities.append((activity, leadership))
    _tie_sessions([a for a, _leadership in activities])
    return activities


# Which of the active plan's actions (goals/demo.py, by title) each demo session serves.
LEARNING_PLATFORM = "Införa gemensam lärplattform på alla skolor"
LEADERSHIP_ACTION = "Utbildning i strategiskt digitalt ledarskap för rektorer"
TEACHER_STAIRS = "Kompetensutvecklingstrappa för lärare (DigCompEdu)"
SHARING_NETWORK = "Nätverk för delning av praktiknära exempel"
SESSION_ACTIONS = {
    "Vux 2.0: Kom igång med lärplattformen": LEARNING_PLATFORM,
    "Vux 2.0: Kollegialt lärande – dela en lektion": SHARING_NETWORK,
    "Leda digital utveckling – rektorsprogram": LEADERSHIP_ACTION,
}


def _plan_actions() -> dict:
    plan = active_plan()
    if plan is None:
        return {}
    return {a.title: a for a in Action.objects.filter(plan=plan)}


def _tie_sessions(activities):
    """Ties the demo's sessions to the plan's actions and the Vux 2.0 series to the
    project organisation's demo made (looked up by name: it may not exist). Only empty
    links are filled, so a second run, or an organiser's own choice, is left alone."""
    actions = _plan_actions()
    project = Project.objects.filter(name="Vux 2.0").first()
    for activity in activities:
        changed = []
        action = actions.get(SESSION_ACTIONS.get(activity.title, TEACHER_STAIRS))
        if activity.action_id is None and action is not None:
            activity.action = action
            changed.append("action")
        if project and activity.series == "Vux 2.0" and activity.project_id is None:
            activity.project = project
            changed.append("project")
        if changed:
            activity.save(update_fields=[*changed, "updated"])


def _enrolments(demo, activities):
    teachers = [
        u
        for code, staff in demo.staff.items()
        for u in staff
        if u.memberships.filter(role=Role.TEACHER).exists()
    ][:24]
    leaders = [
        u
        for staff in demo.staff.values()
        for u in staff
        if u.memberships.filter(role=Role.SCHOOL_LEADER).exists()
    ]
    larare = demo.accounts["larare@vux.example"]
    now = demo_now(demo)
    for activity, leadership in activities:
        if activity.enrolments.exists():
            continue
        people = leaders if leadership else [larare, *[t for t in teachers if t != larare]]
        # Held or upcoming as seen from the demo's day, not the clock's.
        ended = activity.ends_at <= now
        if activity.capacity and not ended:
            # The small upcoming session is full, with two on the waiting list.
            people = people[: activity.capacity + 2]
        elif not ended:
            people = [p for p in people if p != larare][:10]
        rows = []
        for i, person in enumerate(people):
            full = activity.capacity is not None and i >= activity.capacity
            rows.append(
                Enrolment(
                    activity=activity,
                    person=person,
                    status=Enrolment.Status.WAITING if full else Enrolment.Status.ENROLLED,
                    enrolled_at=activity.starts_at - timedelta(days=20, minutes=-i),
                )
            )
        Enrolment.objects.bulk_create(rows)
        if ended:
            enrolled = list(activity.enrolments.active())
            # Most attend; every seventh is absent.
            attendance_mark(
                activity=activity,
                attended_ids={e.pk for i, e in enumerate(enrolled) if i % 7 != 6},
            )
            evaluations = []
            for i, enrolment in enumerate(enrolled):
                if i % 7 == 6 or i % 3 == 2 or enrolment.person == larare:
                    continue
                evaluations.append(
                    ActivityEvaluation(
                        activity=activity,
                        person=enrolment.person,
                        overall=3 + (i % 3),
                        relevance=2 + (i % 4),
                        will_use=ActivityEvaluation.WillUse.YES
                        if i % 2
                        else ActivityEvaluation.WillUse.MAYBE,
                        comment="Bra exempel som gick att använda direkt." if i % 4 == 0 else "",
                    )
                )
            ActivityEvaluation.objects.bulk_create(evaluations)


OUTSIDE_TRAINING = [
    ("Webbinarium: Skolverkets stödmaterial om digitalisering", TrainingRecord.Kind.WEBINAR, 1.5),
    ("Kurs: Digitala verktyg i sfi", TrainingRecord.Kind.COURSE, 6),
    ("Självstudier: Tillgängliga dokument", TrainingRecord.Kind.SELF_STUDY, 2),
    ("Konferens: Framtidens lärande", TrainingRecord.Kind.CONFERENCE, 7),
]


LEADERSHIP_TRAINING = (
    "Rektorsprogrammet: Leda digitalisering",
    TrainingRecord.Kind.LEADERSHIP,
    8,
)
# Each person logs an entry every so many days back from the demo's day, closer together
# in the last year as the plan's training picked up, so every period has training and the
# later ones more (the training metrics of past periods are not empty).
LOG_DAYS = 730
LOG_GAP_LAST_YEAR = 40
LOG_GAP_EARLIER = 80


def _log_entries(i: int, is_leader: bool):
    """(days ago, (title, kind, hours), n) of the i:th person's log; every other leader
    follows the leadership programme in every other entry."""
    days, n = 10 + 9 * (i % 5), 0
    while days <= LOG_DAYS:
        entry = OUTSIDE_TRAINING[(n + i) % len(OUTSIDE_TRAINING)]
        if is_leader and i % 2 == 0 and n % 2 == 0:
            entry = LEADERSHIP_TRAINING
        yield days, entry, n
        days += LOG_GAP_LAST_YEAR if days < 365 else LOG_GAP_EARLIER
        n += 1


def _training_log(demo):
    today = demo_today(demo)
    existing = set(
        TrainingRecord.objects.filter(activity__isnull=True).values_list(
            "person_id", "title", "date"
        )
    )
    rows = []
    for code, staff in demo.staff.items():
        school = demo.schools[code]
        for i, person in enumerate(staff):
            is_leader = person.memberships.filter(role=Role.SCHOOL_LEADER).exists()
            for days, (title, kind, hours), n in _log_entries(i, is_leader):
                day = today - timedelta(days=days)
                if (person.pk, title, day) in existing:
                    continue
                rows.append(
                    TrainingRecord(
                        person=person,
                        school=school,
                        date=day,
                        title=title,
                        hours=Decimal(str(hours)),
                        kind=kind,
                        reflection="Gav idéer till nästa kursstart." if n == 0 else "",
                    )
                )
    TrainingRecord.objects.bulk_create(rows)


# How long ago each example below was published: spread over the periods.
EXAMPLE_DAYS_AGO = (12, 60, 140, 250, 400)
EXAMPLES = [
    (
        "Ljudfiler som stöd i sfi-läsningen",
        "Eleverna spelar in sin egen läsning och lyssnar på kamraternas.",
        "Svenska för invandrare",
        "Lärplattformen, mobilens röstmemo",
        ["3.4", "5.2"],
    ),
    (
        "Digitala exit tickets i matematik",
        "Tre snabba frågor i slutet av lektionen visar vad som behöver repeteras.",
        "Matematik 1a",
        "Forms, lärplattformen",
        ["4.1", "4.3"],
    ),
    (
        "Källkritik med verkliga nyhetsflöden",
        "Eleverna granskar nyheter från sina egna flöden i grupp.",
        "Samhällskunskap 1b",
        "Webbläsare, delat dokument",
        ["6.1"],
    ),
    (
        "Gemensam skrivning i delat dokument",
        "Grupper skriver en text tillsammans och ser varandras ändringar.",
        "Svenska 1",
        "Delat dokument",
        ["3.3", "6.2"],
    ),
    (
        "Talsyntes för alla",
        "Så visar vi alla elever hur talsyntes fungerar första veckan.",
        "Alla kurser",
        "Talsyntes, lärplattformen",
        ["5.1"],
    ),
]


def _examples(demo):
    competences = {c.code: c for c in Competence.objects.filter(area__framework__code="digcompedu")}
    authors = [demo.accounts["larare@vux.example"]] + [
        staff[0] for staff in demo.staff.values() if staff
    ]
    colleagues = [u for staff in demo.staff.values() for u in staff[1:6]]
    sharing = _plan_actions().get(SHARING_NETWORK)
    for i, (title, summary, subject, tools, codes) in enumerate(EXAMPLES):
        author = authors[(i + 1) % len(authors)]
        example, created = PracticeExample.objects.get_or_create(
            title=title,
            defaults={
                "author": author,
                "school": school_of(author),
                "summary": summary,
                "body": summary + "\n\nSå gjorde vi: planering, genomförande och utvärdering "
                "med eleverna. Materialet går att anpassa till andra kurser.",
                "subject": subject,
                "tools": tools,
                "published_at": demo_now(demo) - timedelta(days=EXAMPLE_DAYS_AGO[i]),
            },
        )
        if sharing is not None and example.action_id is None:
            example.action = sharing
            example.save(update_fields=["action", "updated"])
        if created:
            example.competences.set([competences[c] for c in codes if c in competences])
            PracticeUse.objects.bulk_create(
                PracticeUse(example=example, person=p, school=school_of(p))
                for p in colleagues[i : i + 3 + i]
                if p != author
            )


INDICATORS = [
    # (goal number, metric key, name, unit, targets per year offset)
    (
        3,
        "competence.teachers_training_hours",
        "Andel lärare med minst tio timmars kompetensutveckling per år",
        Indicator.Unit.PERCENT,
        (60, 75, 90),
    ),
    (
        3,
        "competence.mean_level_digcompedu",
        "Genomsnittlig självskattad nivå i DigCompEdu (1–6)",
        Indicator.Unit.SCORE,
        (3, 3.5, 4),
    ),
    (
        2,
        "competence.leaders_leadership_training",
        "Andel rektorer som genomgått utbildning i att leda digital utveckling",
        Indicator.Unit.PERCENT,
        (50, 75, 100),
    ),
    (
        5,
        "competence.examples_per_100_staff",
        "Delade praktikexempel per 100 anställda",
        Indicator.Unit.COUNT,
        (5, 10, 15),
    ),
]


def _indicators(demo):
    goals = getattr(demo, "goals", None) or {}
    year = demo_today(demo).year
    for number, key, name, unit, targets in INDICATORS:
        goal = goals.get(number)
        if goal is None:
            continue
        indicator, _ = Indicator.objects.get_or_create(
            goal=goal,
            metric_key=key,
            defaults={"name": name, "unit": unit, "kind": Indicator.Kind.AUTOMATIC, "order": 10},
        )
        for offset, value in enumerate(targets):
            IndicatorTarget.objects.get_or_create(
                indicator=indicator,
                year=year - 1 + offset,
                defaults={"value": Decimal(str(value))},
            )


def seed(demo):
    frameworks = _frameworks()
    periods = _periods(demo)
    _self_assessments(demo, frameworks, periods)
    activities = _sessions(demo, frameworks)
    _enrolments(demo, activities)
    _training_log(demo)
    _examples(demo)
    _indicators(demo)
    _development_plans(demo, periods)


def _development_plans(demo, periods):
    """A few personal plans at Vux Södermalm (issue 16): each focuses on the person's lowest
    ratings in the latest period they answered; the rektor has commented on the teacher's.
    Idempotent: one plan per person and period, as the model allows."""
    rektor, larare = demo.accounts["rektor@vux.example"], demo.accounts["larare@vux.example"]
    colleagues = [u for u in demo.staff["sodermalm"] if u not in (rektor, larare)]
    people = [larare, *colleagues[:3]]
    for person in people:
        latest = (
            SelfAssessment.objects.filter(person=person, period__in=periods)
            .order_by("-period__sort_key")
            .first()
        )
        if latest is None:
            continue
        plan, created = DevelopmentPlan.objects.get_or_create(
            person=person,
            period=latest.period,
            defaults={"note": "Fokus på digital bedömning och återkoppling i mina kurser."},
        )
        if created:
            lowest = latest.ratings.order_by("level", "competence_id")[:3]
            plan.focus.set([r.competence_id for r in lowest])
            if person == people[0]:
                PlanComment.objects.create(
                    plan=plan, author=rektor, text="Bra val. Vi följer upp på utvecklingssamtalet."
                )
