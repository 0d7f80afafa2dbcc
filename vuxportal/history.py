"""Who changed what, when: the change history of tracked objects, for their pages.

Every ``TrackedModel`` keeps its versions with django-simple-history. ``history_of`` reads
them through ``Model.history.visible_to(user)``, so a user sees the history of exactly the
objects they may see, and turns them into field-by-field changes labelled and shown the
way the page shows the object: the fields' (translated) names, choices by their label,
related rows by their name, dates formatted. Timestamps and fields people do not edit
(``editable=False``, or named in a model's ``history_hidden_fields``) are left out.

The number of queries does not grow with the history: one for every source together, in
which a window function reads each version's predecessor beside it, then one per related
model named.
Pages show it with ``{% history object %}`` (``vuxportal.templatetags.history``).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Model, Value, Window
from django.db.models.functions import JSONObject, Lag
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from .metrics import metrics
from .models import TrackedModel
from .roles import Role

# How many changes a page shows before "show all".
HISTORY_LIMIT = 20
# Long texts (minutes, descriptions) are cut in the table; the page shows them whole.
TEXT_LENGTH = 160
ALWAYS_HIDDEN = frozenset({"id", "created", "updated"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str | None
    new: str | None


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    # What changed when the history covers more than the page's own object ("" for it).
    subject: str = ""
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class History:
    entries: list[HistoryEntry]
    has_more: bool = False
    # Whether the entries concern several objects, so each names its own.
    with_subjects: bool = False
    # Whether the entries name rows of personal data (a loan's student): their showing is
    # logged, so such a history is drawn afresh every time, never kept.
    personal: bool = False


@dataclass
class _Source:
    model: type[Model]
    ids: object  # a list of primary keys or a subquery
    is_main: bool


def is_tracked(model) -> bool:
    return isinstance(model, type) and issubclass(model, TrackedModel)


def shown_fields(model) -> list[models.Field]:
    """The fields whose changes the history shows, in the model's order."""
    hidden = ALWAYS_HIDDEN | set(getattr(model, "history_hidden_fields", ()))
    return [f for f in model._meta.concrete_fields if f.editable and f.name not in hidden]


def related_objects(obj, path: str) -> models.QuerySet:
    """The rows reached from ``obj`` through the reverse relations ``path`` names
    ("indicators__measurements": the measurements of the goal's indicators)."""
    model, lookup = type(obj), []
    for name in path.split("__"):
        relation = model._meta.get_field(name)
        if not relation.auto_created or relation.concrete:
            raise ValueError(f"{model.__name__}.{name} is not a reverse relation")
        lookup.insert(0, relation.field.name)
        model = relation.related_model
    return model._default_manager.filter(**{"__".join(lookup): obj})


def history_of(user, *sources, limit: int | None = HISTORY_LIMIT, path: str = "") -> History:
    """The latest ``limit`` changes (all when ``None``) that ``user`` may see, newest
    first, of ``sources``: each a tracked object, a queryset or a list of them. When the
    first source is one object (the page's), the others' entries name their object.

    Rows of personal data named in the changes (a loan's student) are logged as shown,
    like every other place that shows them; ``path`` is the page that showed them.
    """
    parts = []
    for index, source in enumerate(sources):
        model, ids = _model_and_ids(source)
        if model is not None:
            parts.append(_Source(model, ids, is_main=index == 0 and isinstance(source, Model)))
    if not parts:
        return History(entries=[])
    rows = _versions(parts, user, limit)
    truncated = limit is not None and len(rows) > limit
    versions = []
    for row in rows[:limit]:
        source = parts[row["history_part"]]
        changes = _changes(source.model, row)
        # A save that changed only what the history leaves out is no change to show.
        if changes or row["history_type"] != "~" or row["history_before"] is None:
            versions.append((source, row, changes))
    names = _names(versions, user=user, path=path)
    subjects = _subjects(versions)
    return History(
        entries=[_entry(*version, names, subjects) for version in versions],
        has_more=truncated,
        with_subjects=any(not part.is_main for part in parts),
        personal=any(
            objects and metrics.carries_personal_data(model)
            for model, objects in [*names.items(), *subjects.items()]
        )
        or any(metrics.carries_personal_data(part.model) for part in parts),
    )


def _model_and_ids(source):
    """The tracked model of ``source`` and the filter that names its objects."""
    if isinstance(source, Model):
        model, ids = type(source), [source.pk]
    elif isinstance(source, models.QuerySet):
        model, ids = source.model, source.values("pk")
    else:
        objects = list(source or ())
        if not objects:
            return None, None
        model, ids = type(objects[0]), [o.pk for o in objects]
    return (model, ids) if is_tracked(model) else (None, None)


def _versions(parts: list[_Source], user, limit) -> list[dict]:
    """Up to ``limit + 1`` versions of every source, newest first, in one query: each with
    its shown fields (``history_values``) and its predecessor's (``history_before``, None
    for the first version), read beside it by a window function."""
    order = [F("history_date").asc(), F("history_id").asc()]
    branches = []
    for index, part in enumerate(parts):
        names = [f.attname for f in shown_fields(part.model)]
        # An upload's own file name is kept beside its stored (random) one.
        names += [f.name_field for f in shown_fields(part.model) if _name_field(f)]
        values = JSONObject(**{name: F(name) for name in names})
        branches.append(
            part.model.history.visible_to(user)
            .filter(id__in=part.ids)
            .annotate(
                history_part=Value(index),
                history_values=values,
                history_before=Window(Lag(values), partition_by=[F("id")], order_by=order),
            )
            .values(
                "history_part",
                "id",
                "history_id",
                "history_date",
                "history_type",
                "history_user_id",
                "history_values",
                "history_before",
            )
        )
    versions = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    versions = versions.order_by("-history_date", "-history_id")
    return list(versions if limit is None else versions[: limit + 1])


def _changes(model, row) -> list[tuple[models.Field, object, object]]:
    before, after = row["history_before"], row["history_values"]
    if row["history_type"] != "~" or before is None:
        return []
    return [
        (f, _python(f, before), _python(f, after))
        for f in shown_fields(model)
        if before.get(f.attname) != after.get(f.attname)
    ]


def _name_field(field_) -> str | None:
    return getattr(field_, "name_field", None) if isinstance(field_, models.FileField) else None


def _python(field_: models.Field, values: dict):
    """The field's value as read back from the JSON the query built."""
    value = values.get(field_.attname)
    if value and _name_field(field_):
        return values.get(field_.name_field) or value
    if value is None or isinstance(field_, models.JSONField | models.FileField):
        return value
    value = field_.to_python(value)
    if isinstance(field_, models.DecimalField) and field_.decimal_places is not None:
        # JSON keeps no trailing zeros; the page shows the field's own decimals.
        value = value.quantize(decimal.Decimal(1).scaleb(-field_.decimal_places))
    return value


def _names(versions, *, user, path) -> dict[type, dict]:
    """The names of the related rows the changes and the authors name: one query per
    related model, whatever the number of changes."""
    wanted: dict[type, set] = {get_user_model(): set()}
    for _source, row, changes in versions:
        if row["history_user_id"] is not None:
            wanted[get_user_model()].add(row["history_user_id"])
        for f, old, new in changes:
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).update({old, new} - {None})
    found = {model: _load(model, ids) for model, ids in wanted.items()}
    # Rows that carry personal data (students) are logged as shown, as everywhere else.
    shown = [obj for objects in found.values() for obj in objects.values()]
    shown = [obj for obj in shown if metrics.carries_personal_data(type(obj))]
    if shown:
        metrics.records_shown(user=user, records=shown, path=path)
    return {
        model: {pk: str(obj) for pk, obj in objects.items()} for model, objects in found.items()
    }


def _subjects(versions) -> dict[type, dict]:
    """The names of the objects that are not the page's own, one query per model."""
    wanted: dict[type, set] = {}
    for source, row, _changes in versions:
        if not source.is_main:
            wanted.setdefault(source.model, set()).add(row["id"])
    return {
        model: {pk: str(obj) for pk, obj in _load(model, ids).items()}
        for model, ids in wanted.items()
    }


def _load(model, ids: Iterable) -> dict:
    ids = set(ids)
    if not ids:
        return {}
    # A name may need the row's own relations (a loan is "device – student").
    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    return {
        obj.pk: obj for obj in model._base_manager.select_related(*relations).filter(pk__in=ids)
    }


def _entry(source, row, changes, names, subjects) -> HistoryEntry:
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    # The page's own object needs only its kind; the others their name too.
    subject = capfirst(source.model._meta.verbose_name)
    if not source.is_main:
        subject = f"{subject}: {subjects.get(source.model, {}).get(row['id'], '')}"
    return HistoryEntry(
        when=row["history_date"],
        who=names[get_user_model()].get(row["history_user_id"], ""),
        action=actions.get(row["history_type"], row["history_type"]),
        subject=subject,
        changes=[
            FieldChange(
                label=capfirst(str(f.verbose_name)),
                old=display(f, old, names),
                new=display(f, new, names),
            )
            for f, old, new in changes
        ],
    )


def display(field_: models.Field, value, names: dict[type, dict]) -> str | None:
    """A stored value as the page shows it; ``None`` for no value."""
    if value is None or value == "" or value == []:
        return None
    if field_.is_relation:
        return names.get(field_.related_model, {}).get(value) or _("(removed)")
    if field_.choices:
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int | float | decimal.Decimal):
        return formats.localize(value, use_l10n=True)
    if isinstance(value, list):
        # Lists of roles (a framework's audience) by the roles' names.
        roles = dict(Role.choices)
        return ", ".join(str(roles.get(item, item)) for item in value)
    if isinstance(field_, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return Truncator(str(value)).chars(TEXT_LENGTH)
