"""Demo schools and people, including the demo accounts of DESIGN.md (password vuxdemo)."""

from datetime import date
from functools import cache

from django.contrib.auth.hashers import make_password

from vuxportal.roles import Role

from .models import Membership, School, User

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


# --- Working groups, routines, support, scanning (issue 6) ----------------------------------


def _ago(days: int):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() - timedelta(days=days)


def seed_work(demo):
    """Working groups with meetings and decisions, routines (some due), support requests
    in every status, help articles and scanning notes. Looked up by natural keys, so a
    second run changes nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import (
        Decision,
        HelpArticle,
        Meeting,
        Routine,
        ScanningNote,
        SupportReply,
        SupportRequest,
        WorkingGroup,
    )

    admin = demo.accounts["admin@vux.example"]
    rektor = demo.accounts["rektor@vux.example"]
    larare = demo.accounts["larare@vux.example"]
    it = demo.accounts["it@vux.example"]

    def of_title(code, title):
        return [u for u in demo.staff[code] if u.title == title]

    teachers = [of_title(code, "Lärare")[0] for code in demo.schools]
    leaders = [rektor] + [of_title(c, "Rektor")[0] for c in demo.schools if c != "sodermalm"]
    technicians = [it] + [of_title(c, "IT-tekniker")[0] for c in demo.schools if c != "sodermalm"]

    groups = {}
    for name, area, purpose, convener, members in [
        (
            "Arbetsgrupp lärare",
            WorkingGroup.Area.TEACHING,
            "Tvärorganisatorisk grupp av lärare och IT-pedagoger som utvecklar undervisning "
            "med digitala verktyg och svarar på frågor om digitala verktyg i undervisningen.",
            teachers[1],
            [larare, *teachers],
        ),
        (
            "Arbetsgrupp skolledning",
            WorkingGroup.Area.LEADERSHIP,
            "Skolledare från alla skolor som leder och följer upp digitaliseringen.",
            rektor,
            leaders,
        ),
        (
            "Arbetsgrupp system och teknik",
            WorkingGroup.Area.SYSTEMS,
            "IT-tekniker och systemförvaltare som samordnar system, konton och enheter.",
            it,
            technicians,
        ),
    ]:
        group, _created = WorkingGroup.objects.get_or_create(
            name=name, defaults={"area": area, "purpose": purpose, "convener": convener}
        )
        group.members.add(*members)
        groups[area] = group
    demo.working_groups = groups

    meeting_plan = [
        (
            WorkingGroup.Area.TEACHING,
            90,
            "1. Erfarenheter av Teams i grupparbeten\n2. Planering av workshop",
            "Gruppen delade exempel från tre skolor.",
            [("Ta fram en lathund för grupparbete i Teams.", larare, 30)],
        ),
        (
            WorkingGroup.Area.TEACHING,
            20,
            "1. Uppföljning av lathunden\n2. Digital kompetens i ämneslag",
            "Lathunden är klar och delas i hjälpartiklarna.",
            [("Genomför en workshop om digitala prov på varje skola.", teachers[1], 60)],
        ),
        (
            WorkingGroup.Area.LEADERSHIP,
            45,
            "1. Tertialuppföljning\n2. Fortbildningsplan för skolledare",
            "Skolledarna gick igenom målen inför tertialrapporten.",
            [
                ("Alla skolor redovisar sina analyser före tertialets slut.", rektor, 21),
                ("Boka en gemensam fortbildningsdag om digitalt ledarskap.", rektor, 60),
            ],
        ),
        (
            WorkingGroup.Area.SYSTEMS,
            30,
            "1. Kontohantering vid terminsstart\n2. Inventering av enheter",
            "Rutinen för nya konton ses över.",
            [("Uppdatera rutinen för konton vid terminsstart.", it, 14)],
        ),
    ]
    for area, days_ago, agenda, minutes, decisions in meeting_plan:
        meeting, created = Meeting.objects.get_or_create(
            group=groups[area],
            agenda=agenda,
            defaults={"held_on": _ago(days_ago), "minutes": minutes},
        )
        if created:
            Decision.objects.bulk_create(
                Decision(
                    meeting=meeting,
                    text=text,
                    responsible=who,
                    due_on=meeting.held_on + timedelta(days=due),
                )
                for text, who, due in decisions
            )

    for title, area, owner, months_ago, interval, link in [
        ("Konton för nyanställda", Routine.Area.ACCOUNTS, it, 14, 12, ""),
        ("Utlåning av elevdatorer", Routine.Area.DEVICES, it, 3, 12, ""),
        ("Felanmälan och IT-support", Routine.Area.SUPPORT, it, 7, 6, ""),
        ("Behörigheter i Skolplattformen", Routine.Area.SYSTEMS, admin, 26, 24, ""),
        ("Personuppgiftsincidenter", Routine.Area.SECURITY, admin, 2, 12, ""),
        (
            "Introduktion till digitala verktyg för nya lärare",
            Routine.Area.TEACHING,
            rektor,
            13,
            12,
            "",
        ),
    ]:
        Routine.objects.get_or_create(
            title=title,
            defaults={
                "area": area,
                "owner": owner,
                "description": f"Så här gör vi: {title.lower()}.",
                "link": link,
                "last_reviewed_on": _ago(months_ago * 30),
                "review_interval_months": interval,
            },
        )

    kista_teacher = of_title("kista", "Lärare")[0]
    farsta_teacher = of_title("farsta", "Lärare")[0]
    farsta_it = of_title("farsta", "IT-tekniker")[0]
    support_plan = [
        # requester, school, category, subject, description, status, days ago, days to
        # resolve, replies (author, body, by handler)
        (
            larare,
            "sodermalm",
            SupportRequest.Category.ACCOUNT,
            "Kan inte logga in i Skolplattformen",
            "Jag får felmeddelandet ”kontot är låst” när jag loggar in.",
            SupportRequest.Status.RESOLVED,
            20,
            1,
            [
                (it, "Kontot var låst efter tre felaktiga försök. Jag har låst upp det.", True),
                (larare, "Tack, nu fungerar det!", False),
            ],
        ),
        (
            larare,
            "sodermalm",
            SupportRequest.Category.DEVICE,
            "Projektorn i sal 204 visar ingen bild",
            "Projektorn startar men visar ”ingen signal” från datorn.",
            SupportRequest.Status.IN_PROGRESS,
            3,
            None,
            [(it, "Jag kommer förbi i morgon med en ny kabel.", True)],
        ),
        (
            kista_teacher,
            "kista",
            SupportRequest.Category.TEACHING,
            "Hur gör jag grupparbeten i Teams?",
            "Jag vill dela in klassen i grupper med egna kanaler.",
            SupportRequest.Status.WAITING,
            6,
            None,
            [(teachers[1], "Vilken version av Teams använder du, webb eller app?", True)],
        ),
        (
            larare,
            "sodermalm",
            SupportRequest.Category.SYSTEM,
            "Elever saknas i lärplattformen",
            "Tre nya elever syns inte i min kurs.",
            SupportRequest.Status.NEW,
            1,
            None,
            [],
        ),
        (
            farsta_teacher,
            "farsta",
            SupportRequest.Category.DEVICE,
            "Tangentbordet fungerar inte",
            "Flera tangenter på min bärbara dator slutar fungera.",
            SupportRequest.Status.RESOLVED,
            40,
            8,
            [(farsta_it, "Datorn är lagad och kan hämtas i receptionen.", True)],
        ),
        (
            farsta_teacher,
            "farsta",
            SupportRequest.Category.OTHER,
            "Skrivaren skriver ut tomma sidor",
            "Skrivaren på plan 2 skriver ut tomma sidor.",
            SupportRequest.Status.RESOLVED,
            12,
            2,
            [(farsta_it, "Tonern var slut och är bytt.", True)],
        ),
    ]
    now = timezone.now()
    for requester, code, category, subject, text, status, days, to_resolve, replies in support_plan:
        request, created = SupportRequest.objects.get_or_create(
            requester=requester,
            subject=subject,
            defaults={
                "school": demo.schools[code],
                "category": category,
                "description": text,
            },
        )
        if not created:
            continue
        filed = now - timedelta(days=days)
        resolved = filed + timedelta(days=to_resolve) if to_resolve is not None else None
        # Set the status and the dates in the past as they would have happened.
        SupportRequest.objects.filter(pk=request.pk).update(
            handling_group=groups.get(
                {
                    SupportRequest.Category.SYSTEM: WorkingGroup.Area.SYSTEMS,
                    SupportRequest.Category.TEACHING: WorkingGroup.Area.TEACHING,
                }.get(category)
            ),
            status=status,
            created=filed,
            resolved_at=resolved,
        )
        for index, (author, body, by_handler) in enumerate(replies):
            reply = SupportReply.objects.create(
                request=request, author=author, body=body, by_handler=by_handler
            )
            SupportReply.objects.filter(pk=reply.pk).update(
                created=filed + timedelta(hours=2 + index * 3)
            )
    first = SupportRequest.objects.get(requester=larare, subject=support_plan[0][3])
    for title, category, body, source in [
        (
            "Mitt konto är låst – vad gör jag?",
            SupportRequest.Category.ACCOUNT,
            "Kontot låses efter tre felaktiga inloggningsförsök. Kontakta IT på din skola "
            "via Support i portalen, så låser de upp det. Byt gärna lösenord efteråt.",
            first,
        ),
        (
            "Hur kopplar jag datorn till projektorn?",
            SupportRequest.Category.DEVICE,
            "Använd HDMI-kabeln vid katedern och tryck Windows+P för att välja ”Duplicera”.",
            None,
        ),
        (
            "Hur skapar jag grupper i Teams?",
            SupportRequest.Category.TEACHING,
            "Skapa en privat kanal per grupp under Kanaler → Lägg till kanal. Lathunden från "
            "arbetsgruppen för lärare visar steg för steg.",
            None,
        ),
    ]:
        HelpArticle.objects.get_or_create(
            title=title,
            defaults={"category": category, "body": body, "source_request": source, "author": it},
        )

    for title, source, link, summary, part, tags, days, author in [
        (
            "Skolverkets nationella digitaliseringsstrategi",
            "Skolverket",
            "https://www.skolverket.se/",
            "Strategin pekar ut digital kompetens för alla i skolväsendet.",
            2,
            "strategi, digital kompetens",
            10,
            admin,
        ),
        (
            "AI-verktyg i vuxenutbildningen",
            "Konferens: Framtidens lärande",
            "",
            "Flera kommuner prövar AI-stöd för studievägledning och språkinlärning.",
            1,
            "ai, vägledning",
            25,
            rektor,
        ),
        (
            "Ny vägledning om informationssäkerhet i skolan",
            "MSB",
            "https://www.msb.se/",
            "Vägledningen beskriver hur skolor klassar information och hanterar konton.",
            4,
            "informationssäkerhet, konton",
            40,
            admin,
        ),
        (
            "Digitala nationella prov",
            "Skolverket",
            "https://www.skolverket.se/",
            "Proven digitaliseras stegvis; skolorna behöver enheter och rutiner på plats.",
            4,
            "prov, enheter",
            55,
            it,
        ),
        (
            "Kollegialt lärande i nätverk",
            "Rapport från SKR",
            "",
            "Tvärorganisatoriska nätverk ökar spridningen av goda exempel.",
            3,
            "nätverk, kollegialt lärande",
            70,
            rektor,
        ),
    ]:
        ScanningNote.objects.get_or_create(
            title=title,
            defaults={
                "source": source,
                "link": link,
                "summary": summary,
                "plan_part": part,
                "tags": tags,
                "noted_on": _ago(days),
                "author": author,
            },
        )
