"""The action pages whose service errors go through the shared mechanisms
(``ObjectPostActionView``, ``ServiceFormMixin``): what the user sees on success and when
the service or the form refuses."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from infrastructure import services
from infrastructure.models import AccessCount, DeviceAuditItem, Repair
from tests.factories import today
from tests.infrastructure.factories import DeviceFactory

pytestmark = pytest.mark.django_db


def sv(text):
    """The page speaks Swedish (LANGUAGE_CODE)."""
    with translation.override("sv"):
        return gettext(text)


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_an_access_count_is_saved_and_a_second_one_the_same_day_replaces_it(
    login, it_staff, system, school_a
):
    client = login(it_staff)
    url = reverse("infrastructure:accesscount_create", args=[system.pk])
    data = {
        "school": school_a.pk,
        "counted_on": today().isoformat(),
        "with_access": 40,
        "should_have_access": 50,
    }
    response = client.post(url, data)
    assert response.url == system.get_absolute_url()
    assert messages_of(response) == [("success", sv("The access count was saved."))]
    client.post(url, {**data, "with_access": 45})
    count = AccessCount.objects.get(system=system, school=school_a)
    assert (count.with_access, count.should_have_access) == (45, 50)


def test_an_invalid_access_count_gives_one_message_per_field_and_saves_nothing(
    login, it_staff, system, school_a
):
    response = login(it_staff).post(
        reverse("infrastructure:accesscount_create", args=[system.pk]),
        {"school": school_a.pk, "counted_on": "", "with_access": 60, "should_have_access": 50},
    )
    assert response.url == system.get_absolute_url()
    levels = [level for level, _text in messages_of(response)]
    assert levels == ["error", "error"]
    assert not AccessCount.objects.exists()


def test_scanning_nothing_or_into_a_completed_round_says_why(login, it_staff, audit_a):
    client = login(it_staff)
    url = reverse("infrastructure:audit_scan", args=[audit_a.pk])
    response = client.post(url, {"tags": ""})
    assert messages_of(response) == [("error", sv("Type or scan at least one asset tag."))]
    services.audit_complete(audit=audit_a)
    response = client.post(url, {"tags": "A-0001"})
    assert response.url == audit_a.get_absolute_url()
    # The first answer's message was never shown, so it is still waiting in front.
    assert messages_of(response)[-1] == ("error", sv("The inventory round is completed."))
    assert not DeviceAuditItem.objects.filter(asset_tag="A-0001").exists()


def test_a_scan_records_the_tags(login, it_staff, audit_a, device_a):
    response = login(it_staff).post(
        reverse("infrastructure:audit_scan", args=[audit_a.pk]), {"tags": device_a.asset_tag}
    )
    assert messages_of(response) == [
        ("success", sv("%(count)s asset tags recorded.") % {"count": 1})
    ]
    assert audit_a.items.get().device == device_a


def test_a_second_open_repair_is_refused_on_the_form(login, it_staff, device_a):
    client = login(it_staff)
    data = {"device": device_a.pk, "problem": "Trasig skärm", "vendor": ""}
    response = client.post(reverse("infrastructure:repair_create"), data)
    assert response.url == device_a.get_absolute_url()
    # The device is in repair now, so it is not offered again; its open repair is refused
    # by the service for a device put back in stock by hand.
    type(device_a).objects.filter(pk=device_a.pk).update(status="in_stock")
    response = client.post(reverse("infrastructure:repair_create"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        sv("The device already has an open repair.")
    ]
    assert Repair.objects.filter(device=device_a).count() == 1


def test_the_staff_offered_for_a_device_are_the_ones_the_service_accepts(
    login, it_staff, device_a, teacher, teacher_b
):
    from infrastructure.forms import AssignForm

    offered = set(AssignForm(device=device_a, user=it_staff).fields["user"].queryset)
    assert teacher in offered and teacher_b not in offered
    other = DeviceFactory(school=device_a.school, model=device_a.model)
    response = login(it_staff).post(
        reverse("infrastructure:device_assign", args=[other.pk]), {"user": teacher_b.pk}
    )
    assert messages_of(response) == [
        ("error", sv("Choose a member of staff at the device's school."))
    ]
