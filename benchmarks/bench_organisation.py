"""Organisation at scale: support, routines, working groups and scanning with thousands of
rows. Creates its own data inside a transaction that is rolled back, so it can run on any
benchmark database; measures list pages (queries and time) and the metrics."""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks.__main__ import Row

PAGE_TARGET_MS = 500
METRIC_TARGET_MS = 300


class Rollback(Exception):
    pass


def _seed(schools: int):
    from organisation.models import (
        Meeting,
        Membership,
        Routine,
        ScanningNote,
        School,
        SupportRequest,
        User,
        WorkingGroup,
    )
    from vuxportal.roles import Role

    today = timezone.localdate()
    school_objs = School.objects.bulk_create(
        School(code=f"bench-{i}", name=f"Bänkskola {i}") for i in range(schools)
    )
    users = User.objects.bulk_create(
        User(email=f"bench{i}@vux.bench", first_name="Bänk", last_name=str(i))
        for i in range(schools * 20)
    )
    Membership.objects.bulk_create(
        Membership(
            user=u,
            school=school_objs[i % schools],
            role=Role.IT_STAFF if i % 20 == 0 else Role.TEACHER,
        )
        for i, u in enumerate(users)
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(name=f"Bänkgrupp {i}", area="teaching", convener=users[i])
        for i in range(schools * 2)
    )
    through = WorkingGroup.members.through
    through.objects.bulk_create(
        through(workinggroup=g, user=users[(gi * 7 + k) % len(users)])
        for gi, g in enumerate(groups)
        for k in range(8)
    )
    Meeting.objects.bulk_create(
        Meeting(group=groups[i % len(groups)], held_on=today - timedelta(days=i % 700))
        for i in range(schools * 40)
    )
    Routine.objects.bulk_create(
        Routine(
            title=f"Bänkrutin {i}",
            area="support",
            owner=users[i % len(users)],
            school=school_objs[i % schools] if i % 3 else None,
            last_reviewed_on=today - timedelta(days=i % 900),
            next_review_on=today - timedelta(days=i % 900) + timedelta(days=365),
        )
        for i in range(schools * 10)
    )
    now = timezone.now()
    requests = []
    for i in range(schools * 200):
        filed = now - timedelta(days=i % 365, hours=i % 24)
        resolved = i % 4 != 0
        requests.append(
            SupportRequest(
                requester=users[i % len(users)],
                school=school_objs[i % schools],
                category="account",
                subject=f"Bänkfråga {i}",
                description="Text",
                status="resolved" if resolved else "new",
                resolved_at=filed + timedelta(hours=1 + i % 200) if resolved else None,
            )
        )
    SupportRequest.objects.bulk_create(requests, batch_size=5000)
    # ``created`` is set on insert; move it back so requests took hours to days.
    for hours in (2, 20, 70, 200):
        SupportRequest.objects.filter(
            resolved_at__isnull=False, subject__endswith=str(hours % 10)
        ).update(created=F("resolved_at") - timedelta(hours=hours))
    SupportRequest.objects.filter(resolved_at__isnull=False, created__gt=F("resolved_at")).update(
        created=F("resolved_at") - timedelta(hours=30)
    )
    ScanningNote.objects.bulk_create(
        ScanningNote(
            title=f"Bänknot {i}",
            source="Bänk",
            summary="Text",
            plan_part=1 + i % 4,
            tags="ai, prov",
            noted_on=today - timedelta(days=i % 365),
            author=users[i % len(users)],
        )
        for i in range(schools * 40)
    )
    admin = User.objects.create(email="bench-admin@vux.bench")
    Membership.objects.create(user=admin, role=Role.ADMINISTRATOR, school=None)
    return admin, users[0], school_objs[0]


def _time(fn):
    start = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - start) * 1000


def run(options) -> list[Row]:
    from vuxportal.metrics import metrics

    rows: list[Row] = []
    schools = max(1, options.schools)
    try:
        with transaction.atomic():
            admin, it_person, school = _seed(schools)
            host = next(
                (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and h[0] != "."),
                "localhost",
            )
            client = Client(HTTP_HOST=host)
            for viewer_name, viewer in (("administrator", admin), ("it staff", it_person)):
                client.force_login(viewer)
                for name in (
                    "organisation:support_list",
                    "organisation:routine_list",
                    "organisation:working_group_list",
                    "organisation:scanning_list",
                    "organisation:scanning_digest",
                    "organisation:responsibilities",
                ):
                    url = reverse(name)
                    client.get(url)
                    with CaptureQueriesContext(connection) as queries:
                        response, ms = _time(lambda url=url: client.get(url))
                    rows.append(
                        Row(
                            "organisation",
                            f"{name.split(':')[1]} ({viewer_name})",
                            f"{ms:.0f} ms, {len(queries)} queries (HTTP {response.status_code})",
                            f"< {PAGE_TARGET_MS} ms",
                            response.status_code == 200 and ms < PAGE_TARGET_MS,
                        )
                    )
            start, end = date(timezone.localdate().year - 1, 1, 1), timezone.localdate()
            for key in (
                "organisation.routines_reviewed",
                "organisation.support_median_days",
                "organisation.support_resolved_within_target",
                "organisation.meetings_held",
                "organisation.scanning_notes",
            ):
                metric = metrics.get(key)
                value, ms = _time(lambda metric=metric: metric.compute(start=start, end=end))
                _v, school_ms = _time(
                    lambda metric=metric: metric.compute(school=school, start=start, end=end)
                )
                rows.append(
                    Row(
                        "organisation",
                        key,
                        f"{value} in {ms:.0f} ms (one school {school_ms:.0f} ms)",
                        f"< {METRIC_TARGET_MS} ms",
                        max(ms, school_ms) < METRIC_TARGET_MS,
                    )
                )
            raise Rollback
    except Rollback:
        pass
    return rows
