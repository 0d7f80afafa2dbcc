"""The one access mechanism is total (issue: trust).

Generated, not listed: the tests walk every model, every form and every serializer the
project defines, so a new model, form, field or serializer is covered without editing
this file. For every relation field and every role they check, on the demo data (four
schools, every role at each):

- nothing from another school is offered;
- an id outside the user's scope is refused with the same answer as a missing id.
"""

import inspect
import io
import re
from importlib import import_module
from importlib.util import find_spec

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from competence.models import Competence
from goals.models import ActionPlan, Goal
from infrastructure.models import Device
from organisation.models import Membership, School, User
from vuxportal.api import ScopedSerializerMixin
from vuxportal.forms import ScopedFormMixin
from vuxportal.models import TrackedModel
from vuxportal.roles import Role
from vuxportal.scoping import ScopedQuerySet, schools_for

MISSING_ID = 2_000_000_000


def project_modules(suffix: str) -> list:
    modules = []
    for app in settings.LOCAL_APPS:
        name = f"{app}.{suffix}"
        if find_spec(app) and _spec(name):
            modules.append(import_module(name))
    return modules


def _spec(name):
    try:
        return find_spec(name)
    except ModuleNotFoundError:
        return None


def _subclasses(base) -> set:
    found, todo = set(), [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _is_project_class(cls) -> bool:
    if cls.__module__.split(".")[0] not in settings.LOCAL_APPS or inspect.isabstract(cls):
        return False
    # The bases themselves (a ModelForm or ModelSerializer without a model) are not forms.
    if issubclass(cls, forms.BaseModelForm):
        return cls._meta.model is not None
    if issubclass(cls, serializers.ModelSerializer):
        return getattr(getattr(cls, "Meta", None), "model", None) is not None
    return True


def project_forms() -> list:
    project_modules("forms")
    import_module("vuxportal.imports")
    return sorted(
        (c for c in _subclasses(forms.BaseForm) if _is_project_class(c)),
        key=lambda c: c.__qualname__,
    )


def project_serializers() -> list:
    project_modules("api.serializers")
    return sorted(
        (c for c in _subclasses(serializers.BaseSerializer) if _is_project_class(c)),
        key=lambda c: c.__qualname__,
    )


def _relation_fields(form_class) -> list[str]:
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    ]


# --- The models -------------------------------------------------------------------------


def test_every_model_that_holds_data_has_the_scoped_manager():
    unscoped = []
    for model in apps.get_models():
        if model._meta.app_label not in settings.LOCAL_APPS:
            continue
        if model.__name__.startswith("Historical"):
            continue  # reached through ``Model.history``, checked below
        queryset = model._default_manager.all()
        if not isinstance(queryset, ScopedQuerySet):
            unscoped.append(model._meta.label)
        if issubclass(model, TrackedModel) and not isinstance(model.history.all(), ScopedQuerySet):
            unscoped.append(f"{model._meta.label}.history")
    assert unscoped == []


# --- The world: the demo's four schools, and one person per role at one of them ------------


@pytest.fixture
def demo_world(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=io.StringIO())
    people = {}
    for role in Role.values:
        membership = (
            Membership.objects.current()
            .filter(role=role, user__is_active=True)
            .order_by("school_id" if role != Role.ADMINISTRATOR else "pk")
        )
        if role == Role.ADMINISTRATOR:
            membership = membership.filter(school__isnull=True)
        else:
            # Someone who holds this one role at one school, nothing else.
            single = (
                Membership.objects.current()
                .values("user_id")
                .annotate(n=Count("pk"))
                .filter(n=1)
                .values("user_id")
            )
            membership = membership.filter(school__isnull=False, user_id__in=single)
        people[role] = membership.select_related("user").first().user
    return people


def own_schools(user) -> set[int] | None:
    ids = user.access.school_ids()
    return None if ids is None else set(ids)


def belongs_elsewhere(obj, schools: set[int]) -> bool:
    """Whether ``obj`` is tied to a school outside ``schools`` (the oracle, independent of
    the mechanism): a school itself, a person working only elsewhere, a row with a school."""
    if isinstance(obj, School):
        return obj.pk not in schools
    if isinstance(obj, User):
        theirs = set(
            Membership.objects.current()
            .filter(user=obj, school__isnull=False)
            .values_list("school_id", flat=True)
        )
        return bool(theirs) and not theirs & schools
    school_id = getattr(obj, "school_id", None)
    return school_id is not None and school_id not in schools


# Keyword arguments some forms need besides ``user``, by parameter name. A form with a new
# parameter fails here loudly (TypeError), never silently.
def form_context(user):
    plan = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first()
    device = Device.objects.editable_by(user).first() or Device.objects.first()
    return {
        "plan": plan,
        "goal": Goal.objects.filter(plan=plan).first(),
        "device": device,
        "from_person": user,
        "is_handler": True,
        "enrolments": [],
        # The development plan form's focus choices: the competences the view hands in.
        "competences": Competence.objects.all(),
        "current": {},  # the hourly costs form's amounts so far
    }


def build_form(form_class, user, data=None):
    signature_kwargs = set()
    for cls in form_class.__mro__:
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind is param.KEYWORD_ONLY and param.default is param.empty:
                signature_kwargs.add(name)
    context = form_context(user)
    kwargs = {name: context[name] for name in signature_kwargs if name in context}
    if data is not None:
        return form_class(data, user=user, **kwargs)
    return form_class(user=user, **kwargs)


def normalised(errors) -> list[tuple[str, str]]:
    """An error's code and message with the offending id taken out, so "id 5 is not
    available" and "id 2000000000 is not available" compare equal."""
    return [(e.code, re.sub(r"\d+", "N", str(e.message % (e.params or {})))) for e in errors]


# --- Forms --------------------------------------------------------------------------------


def test_every_form_with_a_relation_field_is_scoped():
    unscoped = [
        form_class.__qualname__
        for form_class in project_forms()
        if _relation_fields(form_class)
        and not issubclass(form_class, ScopedFormMixin)
        and not getattr(form_class, "is_filter", False)
    ]
    assert unscoped == []


def test_form_relation_fields_offer_and_accept_only_what_each_role_may_pick(demo_world):
    problems, tried = [], {}
    for role, user in demo_world.items():
        found, tried[role] = check_forms(role, user)
        problems += found
    assert problems == []
    # The demo has four schools: every school-bound role has something out of its reach.
    assert all(n >= 20 for role, n in tried.items() if role != Role.ADMINISTRATOR), tried


def check_forms(role, user) -> tuple[list[str], int]:
    schools = own_schools(user)
    checked, problems = 0, []
    for form_class in project_forms():
        if not issubclass(form_class, ScopedFormMixin):
            continue
        form = build_form(form_class, user)
        for name, field in form.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            offered = set(field.queryset.values_list("pk", flat=True))
            where = f"{form_class.__qualname__}.{name}"
            if schools is not None:
                leaks = [
                    o
                    for o in model._base_manager.filter(pk__in=offered)
                    if belongs_elsewhere(o, schools)
                ]
                if leaks:
                    problems.append(f"{where} offers another school's {leaks[:3]}")
            outside = list(
                model._base_manager.exclude(pk__in=offered).values_list("pk", flat=True)[:3]
            )
            many = isinstance(field, forms.ModelMultipleChoiceField)
            value = (lambda pk: [str(pk)]) if many else str
            missing = build_form(form_class, user, data={name: value(MISSING_ID)})
            missing_errors = normalised(missing.errors.as_data().get(name, []))
            assert missing_errors, f"{where} accepts an id that does not exist"
            for pk in outside:
                bound = build_form(form_class, user, data={name: value(pk)})
                errors = normalised(bound.errors.as_data().get(name, []))
                checked += 1
                if errors != missing_errors:
                    problems.append(f"{where} answers {errors} for out-of-scope id {pk}")
    return [f"{role}: {problem}" for problem in problems], checked


# --- Serializers ----------------------------------------------------------------------------


def _writable_relations(serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        relation = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(relation, RelatedField):
            yield name, field, relation


def test_every_serializer_with_a_writable_relation_is_scoped():
    unscoped = []
    request = RequestFactory().get("/")
    request.user = None
    for serializer_class in project_serializers():
        if issubclass(serializer_class, ScopedSerializerMixin):
            continue
        try:
            serializer = serializer_class(context={"request": request})
        except TypeError:
            continue
        if any(True for _ in _writable_relations(serializer)):
            unscoped.append(serializer_class.__qualname__)
    assert unscoped == []


def _validation_errors(field, value):
    try:
        field.run_validation(value)
    except serializers.ValidationError as error:
        detail = error.detail
        return [(getattr(d, "code", ""), re.sub(r"\d+", "N", str(d))) for d in detail]
    return []


def test_serializer_relation_fields_accept_only_what_each_role_may_pick(demo_world):
    problems, tried = [], {}
    for role, user in demo_world.items():
        found, tried[role] = check_serializers(role, user)
        problems += found
    assert problems == []
    # The demo has four schools: every school-bound role has something out of its reach.
    assert all(n >= 10 for role, n in tried.items() if role != Role.ADMINISTRATOR), tried


def check_serializers(role, user) -> tuple[list[str], int]:
    schools = own_schools(user)
    request = RequestFactory().post("/")
    request.user = user
    checked, problems = 0, []
    for serializer_class in project_serializers():
        serializer = serializer_class(context={"request": request})
        for name, field, relation in _writable_relations(serializer):
            queryset = relation.get_queryset()
            model = queryset.model
            offered = set(queryset.values_list("pk", flat=True))
            where = f"{serializer_class.__qualname__}.{name}"
            if schools is not None:
                leaks = [
                    o
                    for o in model._base_manager.filter(pk__in=offered)
                    if belongs_elsewhere(o, schools)
                ]
                if leaks:
                    problems.append(f"{where} accepts another school's {leaks[:3]}")
            wrap = (lambda v: [v]) if isinstance(field, ManyRelatedField) else (lambda v: v)
            missing_errors = _validation_errors(field, wrap(MISSING_ID))
            assert missing_errors, f"{where} accepts an id that does not exist"
            for pk in model._base_manager.exclude(pk__in=offered).values_list("pk", flat=True)[:3]:
                checked += 1
                errors = _validation_errors(field, wrap(pk))
                if errors != missing_errors:
                    problems.append(f"{where} answers {errors} for out-of-scope id {pk}")
    return [f"{role}: {problem}" for problem in problems], checked


# --- The one answer to "for which schools" ----------------------------------------------


def test_schools_for_follows_each_model_s_own_roles(demo_world):
    leader, it, teacher = (
        demo_world[Role.SCHOOL_LEADER],
        demo_world[Role.IT_STAFF],
        demo_world[Role.TEACHER],
    )
    assert schools_for(demo_world[Role.ADMINISTRATOR], Device) is None
    assert schools_for(it, Device) == own_schools(it)
    assert schools_for(leader, Device) == set()  # leaders read the inventory, IT keeps it
    assert schools_for(teacher, Device) == set()
    people = User.objects.choosable_by(leader, Device)
    assert not people.exists()


# --- Views ---------------------------------------------------------------------------------


def _url_view_classes():
    from django.urls import get_resolver

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns)
            else:
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class is not None:
                    yield view_class

    return set(walk(get_resolver().url_patterns))


def test_every_page_that_reads_rows_is_scoped_by_the_mixin():
    from django.views.generic.detail import SingleObjectMixin
    from django.views.generic.edit import BaseCreateView
    from django.views.generic.list import MultipleObjectMixin

    from vuxportal.access import ScopedViewMixin

    unscoped = []
    for view_class in _url_view_classes():
        if not issubclass(view_class, SingleObjectMixin | MultipleObjectMixin):
            continue
        if issubclass(view_class, BaseCreateView):
            continue  # creates a row, reads none (its form's choices are scoped)
        if not _is_project_class(view_class):
            continue  # allauth's, DRF's and drf-spectacular's own views
        model = getattr(view_class, "model", None) or getattr(
            getattr(view_class, "queryset", None), "model", None
        )
        if model is not None and model._meta.app_label not in settings.LOCAL_APPS:
            continue  # django-celery-beat's schedules, administrators only
        if not issubclass(view_class, ScopedViewMixin):
            unscoped.append(view_class.__qualname__)
    assert sorted(unscoped) == []


def test_a_view_s_own_get_queryset_is_scoped_even_without_super(rf, teacher, school_b):
    from django.views.generic import ListView

    from infrastructure.models import Device
    from tests.infrastructure.factories import DeviceFactory
    from vuxportal.access import ScopedViewMixin

    DeviceFactory(school=school_b)

    class Careless(ScopedViewMixin, ListView):
        def get_queryset(self):
            return Device.objects.order_by("pk")  # forgets visible_to

    view = Careless()
    view.request = rf.get("/")
    view.request.user = teacher
    assert Device.objects.exists() and not view.get_queryset().exists()
