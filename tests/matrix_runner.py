import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES
from tests.matrix import LOGIN, Case


@pytest.fixture
def run_matrix(request, client):
    def run(case: Case):
        for name in case.setup:
            request.getfixturevalue(name)
        args = []
        for name in case.args:
            value = request.getfixturevalue(name)
            args.append(value if isinstance(value, str | int) else value.pk)
        url = reverse(case.url_name, args=args)
        # Data may need fixtures (ids of objects): a callable gets ``getfixturevalue``.
        data = case.data(request.getfixturevalue) if callable(case.data) else case.data
        failures = []
        for who, expected in case.expected.items():
            client.logout()
            if who != "anonymous":
                client.force_login(request.getfixturevalue(ROLE_FIXTURES[who]))
            kwargs = (
                {"content_type": "application/json"} if case.api and case.method != "get" else {}
            )
            response = getattr(client, case.method)(url, data, **kwargs)
            if expected == LOGIN:
                ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
            elif case.api and who == "anonymous":
                ok = response.status_code in (401, 403)
            else:
                ok = response.status_code == expected
            if not ok:
                failures.append(f"{who}: expected {expected}, got {response.status_code}")
        assert not failures, f"{case} ({url}): " + "; ".join(failures)

    return run
