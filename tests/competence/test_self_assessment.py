"""Self-assessment: one per person, framework and period; privacy of aggregates."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from competence import services
from competence.models import Competence, SelfAssessment
from competence.selectors import self_assessment_aggregate
from goals.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory, person
from vuxportal.roles import Role

from .factories import assess


def _levels(framework, value=3):
    return {c.pk: value for c in Competence.objects.filter(area__framework=framework)}


@pytest.mark.django_db
def test_saving_twice_updates_the_same_assessment(teacher, framework, period):
    services.self_assessment_save(
        person=teacher, framework=framework, period=period, levels=_levels(framework, 2)
    )
    assessment = services.self_assessment_save(
        person=teacher,
        framework=framework,
        period=period,
        levels=_levels(framework, 4),
        reflection="Mer bedömning",
    )
    assert SelfAssessment.objects.filter(person=teacher).count() == 1
    assert {r.level for r in assessment.ratings.all()} == {4}
    assert assessment.reflection == "Mer bedömning"
    assert assessment.school == teacher.memberships.get().school


@pytest.mark.django_db
def test_closed_period_is_frozen(teacher, framework):
    closed = ReportingPeriodFactory(
        year=2024, kind="tertial1", status=ReportingPeriod.Status.CLOSED
    )
    with pytest.raises(ValidationError, match=r"stängd|closed"):
        services.self_assessment_save(
            person=teacher, framework=framework, period=closed, levels=_levels(framework)
        )


@pytest.mark.django_db
def test_every_competence_must_be_rated(teacher, framework, period):
    levels = _levels(framework)
    levels.popitem()
    with pytest.raises(ValidationError):
        services.self_assessment_save(
            person=teacher, framework=framework, period=period, levels=levels
        )


@pytest.mark.django_db
def test_teacher_self_assesses_through_the_form_and_sees_profile(login, teacher, framework, period):
    client = login(teacher)
    url = reverse("competence:self_assessment_edit", args=[framework.pk])
    data = {f"c{c.pk}": "3" for c in Competence.objects.filter(area__framework=framework)}
    first = next(iter(data))
    missing = {**data}
    del missing[first]
    response = client.post(url, {**missing, "reflection": "Min reflektion"})
    assert response.status_code == 200
    assert "Välj en nivå för den här kompetensen." in response.content.decode()
    assert 'value="Min reflektion"' in response.content.decode() or "Min reflektion" in (
        response.content.decode()
    )
    response = client.post(url, {**data, "reflection": "Min reflektion"})
    assert response.status_code == 302
    page = client.get(reverse("competence:self_assessment_list")).content.decode()
    assert "Min profil" in page and "<img" in page


@pytest.mark.django_db
def test_others_never_see_a_persons_assessment(teacher, leader, administrator, framework, period):
    assess(teacher, framework, period)
    assert SelfAssessment.objects.visible_to(teacher).count() == 1
    assert SelfAssessment.objects.visible_to(leader).count() == 0
    assert SelfAssessment.objects.visible_to(administrator).count() == 0


def _school_of_n(school, n, framework, period):
    for i in range(n):
        assess(person(Role.TEACHER, school, email=f"t{i}@{school.code}.test"), framework, period)


@pytest.mark.django_db
def test_four_people_are_withheld_five_are_shown(login, leader, school_a, framework, period):
    _school_of_n(school_a, 4, framework, period)
    aggregate = self_assessment_aggregate(
        framework=framework, period=period, school_ids={school_a.pk}
    )
    assert aggregate.withheld and aggregate.areas == [] and aggregate.competences == []
    client = login(leader)
    url = reverse("competence:aggregate") + f"?framework={framework.pk}&period={period.pk}"
    page = client.get(url).content.decode()
    assert "för liten" in page
    assert "Heatmap" not in page and "Värmekarta" not in page

    assess(person(Role.TEACHER, school_a, email="femte@a.test"), framework, period, level=5)
    aggregate = self_assessment_aggregate(
        framework=framework, period=period, school_ids={school_a.pk}
    )
    assert not aggregate.withheld and aggregate.size == 5
    # Four at level 3 and one at level 5: a mean of 3.4 in every area.
    assert [str(row.mean) for row in aggregate.areas] == ["3.4", "3.4"]
    page = client.get(url).content.decode()
    assert "Värmekarta per område" in page
    assert "80 %" in page and "20 %" in page  # text values, not colour alone


@pytest.mark.django_db
def test_change_since_previous_period(school_a, framework):
    before = ReportingPeriodFactory(year=2025, kind="tertial1")
    now = ReportingPeriodFactory(year=2025, kind="tertial2")
    people = [person(Role.TEACHER, school_a, email=f"p{i}@a.test") for i in range(5)]
    for p in people:
        assess(p, framework, before, level=2)
        assess(p, framework, now, level=3)
    aggregate = self_assessment_aggregate(framework=framework, period=now, school_ids=None)
    assert [str(row.change) for row in aggregate.areas] == ["1.0", "1.0"]


@pytest.mark.django_db
def test_leader_sees_only_her_school_administrator_all_with_small_schools_withheld(
    login, leader, administrator, school_a, school_b, framework, period
):
    _school_of_n(school_a, 5, framework, period)
    _school_of_n(school_b, 2, framework, period)
    page = login(leader).get(
        reverse("competence:aggregate") + f"?school={school_b.pk}&period={period.pk}"
    )
    # A school outside her scope is ignored: she still sees her own.
    assert "Vux Skola B" not in page.content.decode()
    admin_page = login(administrator).get(reverse("competence:aggregate") + f"?period={period.pk}")
    text = admin_page.content.decode()
    assert "Medelnivå per skola och område" in text
    assert "Vux Skola B" in text and "Gruppen är för liten för att visas" in text


@pytest.mark.django_db
def test_the_cached_aggregate_follows_every_new_or_changed_assessment(
    school_a, framework, period, django_assert_num_queries
):
    from competence.services import self_assessment_save
    from tests.factories import person

    people = [person(Role.TEACHER, school_a) for _ in range(5)]
    competences = list(Competence.objects.filter(area__framework=framework))

    def answer(who, level):
        self_assessment_save(
            person=who,
            framework=framework,
            period=period,
            levels={c.pk: level for c in competences},
        )

    def mean():
        aggregate = self_assessment_aggregate(framework=framework, period=period, school_ids=None)
        return aggregate.areas[0].mean

    for who in people:
        answer(who, 1)
    assert mean() == Decimal("1.0")
    # Asked again with no new data, the aggregate comes from the cache: only the version
    # (the previous period and the assessments' count and latest change) is read.
    with django_assert_num_queries(2):
        assert mean() == Decimal("1.0")
    answer(people[0], 3)  # a changed assessment
    assert mean() == Decimal("1.4")
    answer(person(Role.TEACHER, school_a), 3)  # a new one
    assert mean() == Decimal("1.7")  # (4 × 1 + 2 × 3) / 6


@pytest.mark.django_db
def test_self_assessments_go_into_the_current_period_in_its_one_meaning():
    # A tertial still waiting for its reports comes before the next one, and tertials
    # before the annual report (ReportingPeriodQuerySet.current).
    year = timezone.localdate().year - 1
    periods = [
        ReportingPeriodFactory(year=year, kind=kind) for kind in ("tertial1", "tertial2", "annual")
    ]
    for period in periods:
        assert services.current_period() == period == ReportingPeriod.objects.current()
        period.status = ReportingPeriod.Status.CLOSED
        period.save()
    assert services.current_period() is None


@pytest.mark.django_db
def test_with_every_period_closed_there_is_none_to_self_assess_in(login, teacher, framework):
    ReportingPeriodFactory(year=2024, kind="tertial1", status=ReportingPeriod.Status.CLOSED)
    assert ReportingPeriod.objects.current() is not None  # shown, but frozen
    assert services.current_period() is None
    url = reverse("competence:self_assessment_edit", args=[framework.pk])
    data = {f"c{c.pk}": "3" for c in Competence.objects.filter(area__framework=framework)}
    response = login(teacher).post(url, data)
    assert response.status_code == 200
    assert "Det finns ingen öppen rapporteringsperiod." in response.content.decode()
    assert not SelfAssessment.objects.exists()
