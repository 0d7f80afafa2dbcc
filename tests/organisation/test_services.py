"""People, memberships and the one scoping mechanism."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from organisation import services
from organisation.models import Membership, School, User
from tests.factories import MembershipFactory, SchoolFactory, person
from vuxportal.roles import Role
from vuxportal.scoping import access_of


@pytest.mark.django_db
def test_invite_creates_person_without_password_and_emails_a_link(
    school_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.person_invite(
            email=" Ny.Person@Vux.Test ",
            first_name="Ny",
            last_name="Person",
            role=Role.TEACHER,
            school=school_a,
        )
    assert user.email == "ny.person@vux.test"
    assert not user.has_usable_password()
    assert user.memberships.get().school == school_a
    assert len(mail.outbox) == 1
    assert "Välkommen till Vuxportal" in mail.outbox[0].subject


@pytest.mark.django_db
def test_invite_refuses_an_existing_email_in_any_case(teacher):
    with pytest.raises(ValidationError) as error:
        services.person_invite(email=teacher.email.upper(), first_name="A", last_name="B")
    assert "finns redan" in str(error.value)


@pytest.mark.django_db
def test_the_same_open_role_twice_is_refused(teacher, school_a):
    with pytest.raises(ValidationError):
        services.membership_add(user=teacher, role=Role.TEACHER, school=school_a)
    # The database refuses it too, whatever the caller.
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=teacher, role=Role.TEACHER, school=school_a)


@pytest.mark.django_db
def test_deactivating_a_person_ends_every_role_and_access(teacher):
    services.person_deactivate(user=teacher)
    teacher.refresh_from_db()
    assert not teacher.is_active
    assert not Membership.objects.current().filter(user=teacher).exists()
    assert access_of(User.objects.get(pk=teacher.pk)).roles == set()


@pytest.mark.django_db
def test_ended_membership_no_longer_gives_access(teacher):
    membership = teacher.memberships.get()
    membership.starts_on = timezone.localdate() - timedelta(days=10)
    membership.save()
    services.membership_end(membership=membership)
    assert access_of(User.objects.get(pk=teacher.pk)).roles == set()


@pytest.mark.django_db
def test_access_knows_roles_and_schools(school_a, school_b):
    user = person(Role.TEACHER, school_a)
    MembershipFactory(user=user, role=Role.SCHOOL_LEADER, school=school_b)
    access = access_of(User.objects.get(pk=user.pk))
    assert access.primary_role == Role.SCHOOL_LEADER
    assert access.school_ids(Role.TEACHER) == {school_a.pk}
    assert access.school_ids() == {school_a.pk, school_b.pk}
    assert not access.is_org_wide()


@pytest.mark.django_db
def test_visible_to_scopes_by_school(leader, administrator, teacher, teacher_b, school_a, school_b):
    # A leader sees people of their own school, never another school's.
    assert set(User.objects.visible_to(leader)) >= {leader, teacher}
    assert teacher_b not in User.objects.visible_to(leader)
    # Administrators are organisation-wide.
    assert {teacher, teacher_b} <= set(User.objects.visible_to(administrator))
    # A teacher sees only themselves among people.
    assert list(User.objects.visible_to(teacher)) == [teacher]
    # Schools: every member sees theirs; the administrator all; edits only administrators.
    assert list(School.objects.visible_to(teacher)) == [school_a]
    assert set(School.objects.visible_to(administrator)) == {school_a, school_b}
    assert not School.objects.editable_by(leader).exists()


@pytest.mark.django_db
def test_anonymous_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    SchoolFactory()
    assert not School.objects.visible_to(AnonymousUser()).exists()
    assert not User.objects.visible_to(AnonymousUser()).exists()


@pytest.mark.django_db
def test_access_is_read_in_one_query(teacher, django_assert_num_queries):
    user = User.objects.get(pk=teacher.pk)
    with django_assert_num_queries(1):
        access_of(user)
        access_of(user)
        access_of(user).school_ids()
