"""Demo schools and people, including the demo accounts of DESIGN.md (password vuxdemo),
and their working groups, meetings, routines, support requests, help articles and
scanning notes, dated around the day the demo lives in (``vuxportal.seeds.demo_today``).
The rows are data tables; the functions only look them up by natural keys and create
what is missing, so a second run changes nothing."""

from datetime import date, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password

from vuxportal.roles import Role
from vuxportal.seeds import demo_now, demo_today, on_demo_day

from .models import (
    Decision,
    HelpArticle,
    HourlyCost,
    Meeting,
    Membership,
    Project,
    Routine,
    ScanningNote,
    School,
    SupportReply,
    SupportRequest,
    User,
    WorkingGroup,
)

DEMO_PASSWORD = "vuxdemo"
DEMO_SINCE = date(2020, 8, 1)

SCHOOLS = [
    ("sodermalm", "Vux Södermalm", "Ringvägen 100, Stockholm", 900),
    ("kista", "Vux Kista", "Kistagången 12, Kista", 750),
    ("farsta", "Vux Farsta", "Farstaplan 5, Farsta", 600),
    ("vallingby", "Vux Vällingby", "Vällingbyplan 2, Vällingby", 500),
]

# (email, first, last, title, role, school code or None)
DEMO_ACCOUNTS = [
    ("admin@vux.example", "Anna", "Andersson", "Verksamhetsutvecklare", Role.ADMINISTRATOR, None),
    ("rektor@vux.example", "Rebecka", "Rask", "Rektor", Role.SCHOOL_LEADER, "sodermalm"),
    (
        "larare@vux.example",
        "Lars",
        "Lind",
        "Lärare i svenska som andraspråk",
        Role.TEACHER,
        "sodermalm",
    ),
    ("it@vux.example", "Ida", "Tekniksson", "IT-tekniker", Role.IT_STAFF, "sodermalm"),
]

FIRST_NAMES = [
    "Maria",
    "Erik",
    "Karin",
    "Johan",
    "Sara",
    "Mikael",
    "Elin",
    "Ahmed",
    "Fatima",
    "Oskar",
    "Lina",
    "Daniel",
    "Noor",
    "Per",
    "Sofia",
    "Hassan",
    "Emma",
    "Jonas",
    "Leila",
    "Björn",
]
LAST_NAMES = [
    "Nilsson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Karlsson",
    "Ali",
    "Mohammed",
    "Berg",
]


@cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow (~0.4 s). The demo accounts share one known password
    # anyway, so hashing it once keeps seed_demo fast.
    return make_password(DEMO_PASSWORD)


def _person(email, first, last, title, role, school):
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "title": title,
            "password": _demo_password_hash(),
        },
    )
    if not Membership.objects.filter(
        user=user, role=role, school=school, ends_on__isnull=True
    ).exists():
        # Demo staff have worked here for years, so staff metrics of past periods count them.
        Membership.objects.create(user=user, role=role, school=school, starts_on=DEMO_SINCE)
    return user


def seed(demo):
    schools = {}
    for code, name, address, places in SCHOOLS:
        schools[code], _ = School.objects.get_or_create(
            code=code, defaults={"name": name, "address": address, "student_places": places}
        )
    demo.schools = schools
    demo.accounts = {}
    for email, first, last, title, role, code in DEMO_ACCOUNTS:
        demo.accounts[email] = _person(email, first, last, title, role, schools.get(code))
    # Each school gets a leader, an IT technician, other staff and twelve teachers, so
    # aggregates over at least five people can be shown.
    index = 0
    demo.staff = {code: [] for code in schools}
    for code, school in schools.items():
        plan = [(Role.SCHOOL_LEADER, 1), (Role.IT_STAFF, 1), (Role.STAFF, 2), (Role.TEACHER, 12)]
        for role, count in plan:
            if code == "sodermalm" and role in (Role.SCHOOL_LEADER, Role.IT_STAFF):
                continue  # the demo accounts fill these roles at Södermalm
            for _n in range(count):
                first = FIRST_NAMES[index % len(FIRST_NAMES)]
                last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
                email = f"{first}.{last}.{index}@vux.example".lower()
                title = {
                    Role.SCHOOL_LEADER: "Rektor",
                    Role.IT_STAFF: "IT-tekniker",
                    Role.STAFF: "Studie- och yrkesvägledare",
                    Role.TEACHER: "Lärare",
                }[role]
                demo.staff[code].append(_person(email, first, last, title, role, school))
                index += 1
        demo.staff[code].extend(
            u for u in demo.accounts.values() if u.memberships.filter(school=school).exists()
        )
    seed_work(demo)
    _seed_project(demo)


# --- Working groups, routines, support, scanning (issue 6) ----------------------------------

# People in the tables below: a demo account by its email, (school code, title) for the
# first person with that title at the school, or (EVERY_SCHOOL, title) for the first one
# at each school in turn.
ADMIN, REKTOR, LARARE, IT = (
    "admin@vux.example",
    "rektor@vux.example",
    "larare@vux.example",
    "it@vux.example",
)
EVERY_SCHOOL = "*"
KISTA_TEACHER = ("kista", "Lärare")
FARSTA_TEACHER = ("farsta", "Lärare")
FARSTA_IT = ("farsta", "IT-tekniker")

Area = WorkingGroup.Area

# (name, area, purpose, convener, members)
WORKING_GROUPS = (
    (
        "Arbetsgrupp lärare",
        Area.TEACHING,
        "Tvärorganisatorisk grupp av lärare och IT-pedagoger som utvecklar undervisning "
        "med digitala verktyg och svarar på frågor om digitala verktyg i undervisningen.",
        KISTA_TEACHER,
        (LARARE, (EVERY_SCHOOL, "Lärare")),
    ),
    (
        "Arbetsgrupp skolledning",
        Area.LEADERSHIP,
        "Skolledare från alla skolor som leder och följer upp digitaliseringen.",
        REKTOR,
        ((EVERY_SCHOOL, "Rektor"),),  # the rektor account is Södermalm's leader
    ),
    (
        "Arbetsgrupp system och teknik",
        Area.SYSTEMS,
        "IT-tekniker och systemförvaltare som samordnar system, konton och enheter.",
        IT,
        ((EVERY_SCHOOL, "IT-tekniker"),),  # the IT account is Södermalm's technician
    ),
)

# (group area, held days ago (negative: planned), agenda, minutes, decisions: (text,
# responsible, due days after the meeting))
MEETINGS = (
    (
        Area.TEACHING,
        90,
        "1. Erfarenheter av Teams i grupparbeten\n2. Planering av workshop",
        "Gruppen delade exempel från tre skolor.",
        (("Ta fram en lathund för grupparbete i Teams.", LARARE, 30),),
    ),
    (
        Area.TEACHING,
        20,
        "1. Uppföljning av lathunden\n2. Digital kompetens i ämneslag",
        "Lathunden är klar och delas i hjälpartiklarna.",
        (("Genomför en workshop om digitala prov på varje skola.", KISTA_TEACHER, 60),),
    ),
    (
        Area.LEADERSHIP,
        45,
        "1. Tertialuppföljning\n2. Fortbildningsplan för skolledare",
        "Skolledarna gick igenom målen inför tertialrapporten.",
        (
            ("Alla skolor redovisar sina analyser före tertialets slut.", REKTOR, 21),
            ("Boka en gemensam fortbildningsdag om digitalt ledarskap.", REKTOR, 60),
        ),
    ),
    (
        Area.SYSTEMS,
        30,
        "1. Kontohantering vid terminsstart\n2. Inventering av enheter",
        "Rutinen för nya konton ses över.",
        (("Uppdatera rutinen för konton vid terminsstart.", IT, 14),),
    ),
    (
        Area.SYSTEMS,
        -12,
        "1. Uppföljning av inventeringen\n2. Låneenheter inför nästa kursstart",
        "",
        (),
    ),
)

# (title, area, owner, last reviewed months ago, review interval in months, link): two
# overdue for half a year, two just overdue, two in good time.
ROUTINES = (
    ("Konton för nyanställda", Routine.Area.ACCOUNTS, IT, 18, 12, ""),
    ("Utlåning av elevdatorer", Routine.Area.DEVICES, IT, 3, 12, ""),
    ("Felanmälan och IT-support", Routine.Area.SUPPORT, IT, 7, 6, ""),
    ("Behörigheter i Skolplattformen", Routine.Area.SYSTEMS, ADMIN, 30, 24, ""),
    ("Personuppgiftsincidenter", Routine.Area.SECURITY, ADMIN, 2, 12, ""),
    (
        "Introduktion till digitala verktyg för nya lärare",
        Routine.Area.TEACHING,
        REKTOR,
        13,
        12,
        "",
    ),
)

Category, Status = SupportRequest.Category, SupportRequest.Status

# Requests in these categories are routed to a working group.
HANDLING_GROUP = {Category.SYSTEM: Area.SYSTEMS, Category.TEACHING: Area.TEACHING}

# (requester, school, category, subject, description, status, filed days ago, days to
# resolve, replies: (author, body, by a handler))
SUPPORT_REQUESTS = (
    (
        LARARE,
        "sodermalm",
        Category.ACCOUNT,
        "Kan inte logga in i Skolplattformen",
        "Jag får felmeddelandet ”kontot är låst” när jag loggar in.",
        Status.RESOLVED,
        20,
        1,
        (
            (IT, "Kontot var låst efter tre felaktiga försök. Jag har låst upp det.", True),
            (LARARE, "Tack, nu fungerar det!", False),
        ),
    ),
    (
        LARARE,
        "sodermalm",
        Category.DEVICE,
        "Projektorn i sal 204 visar ingen bild",
        "Projektorn startar men visar ”ingen signal” från datorn.",
        Status.IN_PROGRESS,
        3,
        None,
        ((IT, "Jag kommer förbi i morgon med en ny kabel.", True),),
    ),
    (
        KISTA_TEACHER,
        "kista",
        Category.TEACHING,
        "Hur gör jag grupparbeten i Teams?",
        "Jag vill dela in klassen i grupper med egna kanaler.",
        Status.WAITING,
        6,
        None,
        ((KISTA_TEACHER, "Vilken version av Teams använder du, webb eller app?", True),),
    ),
    (
        LARARE,
        "sodermalm",
        Category.SYSTEM,
        "Elever saknas i lärplattformen",
        "Tre nya elever syns inte i min kurs.",
        Status.NEW,
        1,
        None,
        (),
    ),
    (
        FARSTA_TEACHER,
        "farsta",
        Category.DEVICE,
        "Tangentbordet fungerar inte",
        "Flera tangenter på min bärbara dator slutar fungera.",
        Status.RESOLVED,
        40,
        8,
        ((FARSTA_IT, "Datorn är lagad och kan hämtas i receptionen.", True),),
    ),
    (
        FARSTA_TEACHER,
        "farsta",
        Category.OTHER,
        "Skrivaren skriver ut tomma sidor",
        "Skrivaren på plan 2 skriver ut tomma sidor.",
        Status.RESOLVED,
        12,
        2,
        ((FARSTA_IT, "Tonern var slut och är bytt.", True),),
    ),
)

# (title, category, body, the subject of the request it was published from, or None);
# every article is written by the IT account.
HELP_ARTICLES = (
    (
        "Mitt konto är låst – vad gör jag?",
        Category.ACCOUNT,
        "Kontot låses efter tre felaktiga inloggningsförsök. Kontakta IT på din skola "
        "via Support i portalen, så låser de upp det. Byt gärna lösenord efteråt.",
        "Kan inte logga in i Skolplattformen",
    ),
    (
        "Hur kopplar jag datorn till projektorn?",
        Category.DEVICE,
        "Använd HDMI-kabeln vid katedern och tryck Windows+P för att välja ”Duplicera”.",
        None,
    ),
    (
        "Hur skapar jag grupper i Teams?",
        Category.TEACHING,
        "Skapa en privat kanal per grupp under Kanaler → Lägg till kanal. Lathunden från "
        "arbetsgruppen för lärare visar steg för steg.",
        None,
    ),
)

# (title, source, link, summary, part of the plan, tags, noted days ago, author)
SCANNING_NOTES = (
    (
        "Skolverkets nationella digitaliseringsstrategi",
        "Skolverket",
        "https://www.skolverket.se/",
        "Strategin pekar ut digital kompetens för alla i skolväsendet.",
        2,
        "strategi, digital kompetens",
        10,
        ADMIN,
    ),
    (
        "AI-verktyg i vuxenutbildningen",
        "Konferens: Framtidens lärande",
        "",
        "Flera kommuner prövar AI-stöd för studievägledning och språkinlärning.",
        1,
        "ai, vägledning",
        25,
        REKTOR,
    ),
    (
        "Ny vägledning om informationssäkerhet i skolan",
        "MSB",
        "https://www.msb.se/",
        "Vägledningen beskriver hur skolor klassar information och hanterar konton.",
        4,
        "informationssäkerhet, konton",
        40,
        ADMIN,
    ),
    (
        "Digitala nationella prov",
        "Skolverket",
        "https://www.skolverket.se/",
        "Proven digitaliseras stegvis; skolorna behöver enheter och rutiner på plats.",
        4,
        "prov, enheter",
        55,
        IT,
    ),
    (
        "Kollegialt lärande i nätverk",
        "Rapport från SKR",
        "",
        "Tvärorganisatoriska nätverk ökar spridningen av goda exempel.",
        3,
        "nätverk, kollegialt lärande",
        70,
        REKTOR,
    ),
)


def _ago(demo, days: int) -> date:
    return demo_today(demo) - timedelta(days=days)


def _people(demo, ref) -> list[User]:
    """The people a table names (see the note above the tables)."""
    if isinstance(ref, str):
        return [demo.accounts[ref]]
    code, title = ref
    codes = list(demo.schools) if code == EVERY_SCHOOL else [code]
    return [next(u for u in demo.staff[c] if u.title == title) for c in codes]


def _person_of(demo, ref) -> User:
    (user,) = _people(demo, ref)
    return user


def seed_work(demo):
    """Working groups with meetings and decisions, routines (some due), support requests
    in every status, help articles and scanning notes."""
    demo.working_groups = _seed_groups(demo)
    _seed_meetings(demo)
    _seed_routines(demo)
    _seed_support(demo)
    _seed_help_articles(demo)
    _seed_scanning(demo)


def _seed_groups(demo) -> dict[str, WorkingGroup]:
    groups = {}
    for name, area, purpose, convener, members in WORKING_GROUPS:
        group, _created = WorkingGroup.objects.get_or_create(
            name=name,
            defaults={"area": area, "purpose": purpose, "convener": _person_of(demo, convener)},
        )
        group.members.add(*(user for ref in members for user in _people(demo, ref)))
        groups[area] = group
    return groups


def _seed_meetings(demo):
    for area, days_ago, agenda, minutes, decisions in MEETINGS:
        meeting, created = Meeting.objects.get_or_create(
            group=demo.working_groups[area],
            agenda=agenda,
            defaults={"held_on": _ago(demo, days_ago), "minutes": minutes},
        )
        if created:
            Decision.objects.bulk_create(
                Decision(
                    meeting=meeting,
                    text=text,
                    responsible=_person_of(demo, who),
                    due_on=meeting.held_on + timedelta(days=due),
                )
                for text, who, due in decisions
            )


def _seed_routines(demo):
    for title, area, owner, months_ago, interval, link in ROUTINES:
        routine, created = Routine.objects.get_or_create(
            title=title,
            defaults={
                "area": area,
                "owner": _person_of(demo, owner),
                "description": f"Så här gör vi: {title.lower()}.",
                "link": link,
                "last_reviewed_on": _ago(demo, months_ago * 30),
                "review_interval_months": interval,
            },
        )
        if created:
            # Written one interval before its last review, so the routines metric of past
            # periods counts it.
            written = _ago(demo, (months_ago + interval) * 30)
            Routine.objects.filter(pk=routine.pk).update(created=on_demo_day(written))


def _seed_support(demo):
    now = demo_now(demo)
    for (
        requester,
        code,
        category,
        subject,
        text,
        status,
        days,
        to_resolve,
        replies,
    ) in SUPPORT_REQUESTS:
        request, created = SupportRequest.objects.get_or_create(
            requester=_person_of(demo, requester),
            subject=subject,
            defaults={"school": demo.schools[code], "category": category, "description": text},
        )
        if not created:
            continue
        filed = now - timedelta(days=days)
        resolved = filed + timedelta(days=to_resolve) if to_resolve is not None else None
        # Set the status and the dates in the past as they would have happened.
        SupportRequest.objects.filter(pk=request.pk).update(
            handling_group=demo.working_groups.get(HANDLING_GROUP.get(category)),
            status=status,
            created=filed,
            resolved_at=resolved,
        )
        for index, (author, body, by_handler) in enumerate(replies):
            reply = SupportReply.objects.create(
                request=request, author=_person_of(demo, author), body=body, by_handler=by_handler
            )
            SupportReply.objects.filter(pk=reply.pk).update(
                created=filed + timedelta(hours=2 + index * 3)
            )


def _seed_help_articles(demo):
    author = demo.accounts[IT]
    for title, category, body, source_subject in HELP_ARTICLES:
        source = (
            SupportRequest.objects.get(requester=demo.accounts[LARARE], subject=source_subject)
            if source_subject
            else None
        )
        HelpArticle.objects.get_or_create(
            title=title,
            defaults={
                "category": category,
                "body": body,
                "source_request": source,
                "author": author,
            },
        )


def _seed_scanning(demo):
    for title, source, link, summary, part, tags, days, author in SCANNING_NOTES:
        ScanningNote.objects.get_or_create(
            title=title,
            defaults={
                "source": source,
                "link": link,
                "summary": summary,
                "plan_part": part,
                "tags": tags,
                "noted_on": _ago(demo, days),
                "author": _person_of(demo, author),
            },
        )


# --- The ESF project Vux 2.0 (seed 004) ------------------------------------------------------

# Demo figures (salary with social costs, kr per hour): the seed gives none.
HOURLY_COSTS = {
    Role.TEACHER: 450,
    Role.STAFF: 400,
    Role.SCHOOL_LEADER: 600,
    Role.IT_STAFF: 430,
    Role.ADMINISTRATOR: 520,
}


def _seed_project(demo):
    """Vux 2.0 as seed 004 describes it, with the three cross-school working groups it
    names (teachers, school leadership, systems and technology) and the hourly costs that
    value its participants' hours. The seed gives no project number nor the split of the
    budget into co-financing, so they stay empty."""
    demo.project, _created = Project.objects.get_or_create(
        name="Vux 2.0",
        defaults={
            "funder": "Europeiska socialfonden (ESF)",
            "programme": "Socialfonden 2014–2020, programområde 1 – kompetensförsörjning",
            "starts_on": date(2017, 12, 15),
            "ends_on": date(2022, 6, 30),
            "owner_name": "Stockholms stad, arbetsmarknadsförvaltningen",
            "owner": demo.accounts.get("admin@vux.example"),
            "budget": 23_369_929,
            "description": (
                "Kompetensutvecklings- och digitaliseringsprojekt för en bred användning av "
                "digitala verktyg inom Vuxenutbildningen i egen regi inom Stockholms stad: "
                "utbildningstillfällen för lärare, insatser för skolledare och "
                "tvärorganisatoriska arbetsgrupper för lärare, skolledning och system/teknik."
            ),
        },
    )
    # The demo's groups are the three the seed names, one per area.
    WorkingGroup.objects.filter(
        pk__in=[g.pk for g in demo.working_groups.values()], project__isnull=True
    ).update(project=demo.project)
    for role, amount in HOURLY_COSTS.items():
        HourlyCost.objects.get_or_create(role=role, defaults={"amount": amount})
