import pytest


@pytest.fixture
def teacher_b_membership(teacher_b):
    return teacher_b.memberships.get()
