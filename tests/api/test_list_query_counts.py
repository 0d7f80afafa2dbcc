"""Every list endpoint of the API answers a page of 1 row and a page of 100 rows with the
same number of SQL queries: nothing is fetched per row (no N+1), so the count does not
grow with the data either. Runs over the demo data, as the administrator, who sees (nearly) all."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import User
from vuxportal.api_urls import router

# Administrators do not read other people's support requests; the IT staff who handle
# them do.
VIEWER = {"support-requests": "it@vux.example"}
# Lists the demo data leaves with fewer than two rows, so a page size makes no difference
# there; each has its own query-count test.
FEW_ROWS = {
    "reports": "no report is compiled by seed_demo (tests/reports/test_views.py counts)",
    # One's own plans only: the administrator has none (tests/competence/test_plans.py counts).
    "development-plans": "one's own only (tests/competence/test_plans.py counts)",
    # Rows only for frameworks with a target level (tests/competence/test_needs.py counts).
    "needs": "frameworks with a target level only (tests/competence/test_needs.py counts)",
    "projects": "the demo has one project, Vux 2.0 (tests/organisation/test_projects.py counts)",
}


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response.json()["count"]


@pytest.mark.django_db
def test_list_endpoints_run_the_same_queries_for_1_and_100_rows(client, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    failures, measured = [], {}
    for prefix, _viewset, _basename in router.registry:
        client.force_login(User.objects.get(email=VIEWER.get(prefix, "admin@vux.example")))
        url = f"/api/v1/{prefix}/"
        one, total = _count(client, url, page_size=1)
        many, _total = _count(client, url, page_size=100)
        measured[prefix] = (one, many, total)
        if prefix in FEW_ROWS:
            continue
        if total < 2:
            failures.append(f"{url}: the demo data has {total} rows; the test needs 2 or more")
        elif one != many:
            failures.append(f"{url}: {one} queries for 1 row, {many} for {min(total, 100)}")
    assert not failures, "\n".join(failures) + f"\n{measured}"
