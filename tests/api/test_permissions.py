import pytest

from tests.matrix import Case, expect


@pytest.fixture
def teachers_token(teacher):
    from vuxportal.tokens import token_create

    return token_create(user=teacher, name="Lärarens")[0]


CASES = [
    Case("api_tokens", expect("all")),
    # The portal's own pages beside the tokens: the search, for everyone signed in.
    Case("search", expect("all"), data={"q": "Skola A"}),
    # A token belongs to its owner alone: everyone else gets 404, whatever their role.
    Case(
        "api_token_revoke",
        expect(
            ["teacher"],
            not_found=("staff", "school_leader", "it_staff", "administrator"),
            status=302,
        ),
        args=("teachers_token",),
        method="post",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, run_matrix):
    run_matrix(case)
