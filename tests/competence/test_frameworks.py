"""Administrators edit a framework with its scale, areas and competences."""

import pytest
from django.urls import reverse

from competence.models import Competence


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_administrator_adds_an_area_and_a_competence(login, administrator, framework):
    client = login(administrator)
    url = reverse("competence:framework_update", args=[framework.pk])
    page = client.get(url)
    assert page.status_code == 200
    levels = list(framework.levels.all())
    areas = list(framework.areas.all())
    data = {"name": framework.name, "code": framework.code, "is_active": "on"}
    data |= _management("levels", len(levels), len(levels))
    for i, level in enumerate(levels):
        data |= {
            f"levels-{i}-id": level.pk,
            f"levels-{i}-value": level.value,
            f"levels-{i}-code": level.code,
            f"levels-{i}-name": level.name,
        }
    data |= _management("areas", len(areas) + 1, len(areas))
    for i, area in enumerate(areas):
        data |= {
            f"areas-{i}-id": area.pk,
            f"areas-{i}-number": area.number,
            f"areas-{i}-name": area.name,
        }
    data |= {f"areas-{len(areas)}-number": "9", f"areas-{len(areas)}-name": "Nytt område"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    area = framework.areas.get(number=9)
    area_url = reverse("competence:area_update", args=[framework.pk, area.pk])
    data = {"number": "9", "name": "Nytt område"} | _management("competences", 1, 0)
    data |= {"competences-0-order": "1", "competences-0-code": "9.1", "competences-0-name": "AI"}
    assert client.post(area_url, data).status_code == 302
    assert Competence.objects.get(area=area).name == "AI"


@pytest.mark.django_db
def test_duplicate_level_values_are_refused(login, administrator, framework):
    client = login(administrator)
    url = reverse("competence:framework_update", args=[framework.pk])
    data = {"name": framework.name, "code": framework.code}
    data |= _management("levels", 2, 0)
    data |= {"levels-0-value": "1", "levels-0-code": "X", "levels-0-name": "X"}
    data |= {"levels-1-value": "1", "levels-1-code": "Y", "levels-1-name": "Y"}
    data |= _management("areas", 0, 0)
    response = client.post(url, data)
    assert response.status_code == 200
    assert framework.levels.filter(code="X").count() == 0
