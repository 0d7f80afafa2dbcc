"""Demo schools and people, including the demo accounts of DESIGN.md (password vuxdemo)."""

from functools import cache

from django.contrib.auth.hashers import make_password

from vuxportal.roles import Role

from .models import Membership, School, User

DEMO_PASSWORD = "vuxdemo"

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
        Membership.objects.create(user=user, role=role, school=school)
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
