"""The portal's rules decide its own permissions; Django's model permissions stay the
Django admin's (vuxportal/auth_backends.py)."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.mark.django_db
def test_a_page_asks_the_database_for_no_model_permissions(client, teacher):
    client.force_login(teacher)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if "auth_permission" in q["sql"]]


@pytest.mark.django_db
def test_a_rule_that_says_no_is_final(teacher):
    # A model permission with the same name cannot grant what the rule refuses.
    assert not teacher.has_perm("organisation.manage_people")
    teacher.user_permissions.add(
        Permission.objects.create(
            codename="manage_people",
            name="x",
            content_type=ContentType.objects.get_for_model(type(teacher)),
        )
    )
    teacher = type(teacher).objects.get(pk=teacher.pk)
    assert not teacher.has_perm("organisation.manage_people")


@pytest.mark.django_db
def test_the_django_admins_model_permissions_still_work(teacher):
    permission = Permission.objects.get(codename="view_device")
    assert not teacher.has_perm("infrastructure.view_device")
    teacher.user_permissions.add(permission)
    teacher = type(teacher).objects.get(pk=teacher.pk)
    assert teacher.has_perm("infrastructure.view_device")


@pytest.mark.django_db
def test_a_rule_that_says_yes_still_grants(administrator):
    assert administrator.has_perm("organisation.manage_people")
