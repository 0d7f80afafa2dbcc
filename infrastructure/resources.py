"""Device import and export (django-import-export).

The import is built for 50,000-row files: every lookup (schools, models, people, the
asset tags and serial numbers already in the database) is loaded once in
``before_import``, rows are checked in Python without a query, and valid rows are
written with ``bulk_create``. A dry run writes nothing at all, since every rule the
database would enforce has already been checked against the preloaded sets.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import CSV, XLSX

from organisation.models import School

from .models import Device, DeviceModel
from .selectors import assignable_staff

COLUMNS = [
    "asset_tag",
    "serial_number",
    "manufacturer",
    "model",
    "school",
    "location",
    "status",
    "purchased_on",
    "price",
    "warranty_ends_on",
    "assigned_to",
    "notes",
]

# Headers people write in Swedish spreadsheets, mapped to the resource's columns.
HEADER_ALIASES = {
    "inventarienummer": "asset_tag",
    "tagg": "asset_tag",
    "märkning": "asset_tag",
    "serienummer": "serial_number",
    "tillverkare": "manufacturer",
    "märke": "manufacturer",
    "modell": "model",
    "skola": "school",
    "skolkod": "school",
    "rum": "location",
    "plats": "location",
    "inköpsdatum": "purchased_on",
    "pris": "price",
    "inköpspris": "price",
    "garanti": "warranty_ends_on",
    "garanti till": "warranty_ends_on",
    "tilldelad": "assigned_to",
    "tilldelad till": "assigned_to",
    "anteckningar": "notes",
}

STATUS_NAMES = {
    "i lager": Device.Status.IN_STOCK,
    "lager": Device.Status.IN_STOCK,
    "tilldelad": Device.Status.ASSIGNED,
    "på reparation": Device.Status.IN_REPAIR,
    "reparation": Device.Status.IN_REPAIR,
    "utrangerad": Device.Status.RETIRED,
    "kasserad": Device.Status.RETIRED,
    "förlorad": Device.Status.LOST,
    "borttappad": Device.Status.LOST,
}
IMPORTABLE_STATUSES = {
    Device.Status.IN_STOCK,
    Device.Status.ASSIGNED,
    Device.Status.IN_REPAIR,
    Device.Status.RETIRED,
    Device.Status.LOST,
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value) -> dt.date | None:
    """ISO dates (2024-08-15), Swedish-style 2024/08/15 and Excel's date cells."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.date.fromisoformat(text)  # the common case, far faster than strptime
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_price(value) -> Decimal | None:
    text = _text(value).replace("\u00a0", "").replace(" ", "").replace("kr", "")
    if not text:
        return None
    try:
        price = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error
    if price < 0 or price >= Decimal("100000000"):
        raise ValueError(text)
    return price.quantize(Decimal("0.01"))


class DeviceRowChecker:
    """The device import's rules for one row, checked in Python without a query: every
    lookup (the user's schools, the models, people, the asset tags and serial numbers
    already known) is loaded once, here. Used by the file import (``DeviceResource``) and
    by the API's bulk upsert (``upsert=True``: a known asset tag at one of the user's
    schools is that device, to be updated; ``by_id=True``: school and model are ids).
    """

    def __init__(self, user, *, upsert: bool = False, by_id: bool = False):
        self.upsert = upsert
        self.by_id = by_id
        # Objects, not ids: the import result calls str(device), which names the model.
        schools = list(School.objects.choosable_by(user, Device))
        models = list(DeviceModel.objects.all())
        if by_id:
            self._schools = {str(s.pk): s for s in schools}
            self._models = {str(m.pk): m for m in models}
        else:
            self._schools = {s.code.lower(): s for s in schools}
            self._models = {(m.manufacturer.lower(), m.name.lower()): m for m in models}
        self._school_ids = {s.pk for s in schools}
        # Who may hold a device of which school: the assign page's rule (the service's),
        # loaded once. People elsewhere are not listed, so an email at another school
        # answers exactly like an unknown one.
        self._staff: dict[str, tuple[int, set[int]]] = {}
        staff = assignable_staff(school_ids=self._school_ids)
        for email, user_id, school_id in staff.values_list("user__email", "user_id", "school_id"):
            self._staff.setdefault(email.lower(), (user_id, set()))[1].add(school_id)
        # asset tag → (device id, serial, school id); serial → asset tag
        self.devices = {
            tag.lower(): (pk, serial.lower(), school_id)
            for pk, tag, serial, school_id in Device.objects.values_list(
                "pk", "asset_tag", "serial_number", "school_id"
            )
        }
        self._tags = set(self.devices)
        self._serials = {serial: tag for tag, (_pk, serial, _s) in self.devices.items()}
        self._seen_tags: set[str] = set()
        self._seen_serials: set[str] = set()
        self._status_lookup = {**{v: v for v in Device.Status.values}, **STATUS_NAMES}
        for value, label in Device.Status.choices:
            self._status_lookup.setdefault(str(label).lower(), value)

    def existing(self, tag: str) -> int | None:
        """The id of the device with this asset tag that an upsert updates, if any."""
        known = self.devices.get(tag.lower()) if self.upsert else None
        return known[0] if known and known[2] in self._school_ids else None

    def check(self, row) -> dict:
        """Checks and converts ``row`` in place; returns the parsed model fields or raises
        ``ValidationError`` with every error of the row (column → messages)."""
        errors: dict[str, list[str]] = {}
        tag = self._check_tag(row, errors)
        self._check_serial(row, tag, errors)
        parsed = {"model": self._model(row, errors), "school": self._school(row, errors)}
        parsed.update(self._dates_and_price(row, errors))
        email = _text(row.get("assigned_to")).lower()
        parsed["assigned_to_id"] = self._assignee(email, parsed["school"], errors)
        parsed["status"] = self._status(row, email, errors)
        if len(_text(row.get("location"))) > 100:
            _add(errors, "location", _("The location is longer than 100 characters."))
        if errors:
            raise ValidationError(errors)
        return parsed

    def _check_tag(self, row, errors) -> str:
        tag = _text(row.get("asset_tag"))
        if not tag:
            _add(errors, "asset_tag", _("The asset tag is missing."))
        elif len(tag) > 50:
            _add(errors, "asset_tag", _("The asset tag is longer than 50 characters."))
        elif tag.lower() in self._tags and self.existing(tag) is None:
            _add(errors, "asset_tag", _("Asset tag “%(value)s” already exists.") % {"value": tag})
        elif tag.lower() in self._seen_tags:
            _add(
                errors,
                "asset_tag",
                _("Asset tag “%(value)s” is on more than one row.") % {"value": tag},
            )
        self._seen_tags.add(tag.lower())
        row["asset_tag"] = tag
        return tag

    def _check_serial(self, row, tag: str, errors) -> None:
        serial = _text(row.get("serial_number"))
        if not serial:
            _add(errors, "serial_number", _("The serial number is missing."))
        elif serial.lower() in self._serials and (
            self.existing(tag) is None or self._serials[serial.lower()] != tag.lower()
        ):
            _add(
                errors,
                "serial_number",
                _("Serial number “%(value)s” already exists.") % {"value": serial},
            )
        elif serial.lower() in self._seen_serials:
            _add(
                errors,
                "serial_number",
                _("Serial number “%(value)s” is on more than one row.") % {"value": serial},
            )
        self._seen_serials.add(serial.lower())
        row["serial_number"] = serial

    def _model(self, row, errors) -> DeviceModel | None:
        manufacturer, name = _text(row.get("manufacturer")), _text(row.get("model"))
        if self.by_id:
            model = self._models.get(name)
        else:
            model = self._models.get((manufacturer.lower(), name.lower()))
        if model is None:
            _add(
                errors,
                "model",
                _("Unknown device model “%(value)s”.")
                % {"value": f"{manufacturer} {name}".strip()},
            )
        return model

    def _school(self, row, errors) -> School | None:
        code = _text(row.get("school"))
        school = self._schools.get(code if self.by_id else code.lower())
        if school is None:
            _add(errors, "school", _("Unknown school “%(value)s”.") % {"value": code})
        return school

    def _dates_and_price(self, row, errors) -> dict:
        parsed = {}
        for column in ("purchased_on", "warranty_ends_on"):
            try:
                parsed[column] = parse_date(row.get(column))
            except ValueError:
                label = _("purchase date") if column == "purchased_on" else _("warranty end")
                _add(
                    errors,
                    column,
                    _("“%(value)s” is not a valid %(field)s; write it as YYYY-MM-DD.")
                    % {"value": _text(row.get(column)), "field": label},
                )
        try:
            parsed["price"] = parse_price(row.get("price"))
        except ValueError:
            _add(
                errors,
                "price",
                _("“%(value)s” is not a valid price.") % {"value": _text(row.get("price"))},
            )
        return parsed

    def _assignee(self, email: str, school: School | None, errors) -> int | None:
        """The id of the member of staff with ``email`` at the device's school."""
        if not email:
            return None
        user_id, school_ids = self._staff.get(email, (None, set()))
        if user_id is None or (school and school.pk not in school_ids):
            _add(
                errors,
                "assigned_to",
                _("No person with the email “%(value)s” at the device's school.")
                % {"value": email},
            )
            return None
        return user_id

    def _status(self, row, email: str, errors) -> str | None:
        status_text = _text(row.get("status")).lower()
        if not status_text:
            return Device.Status.ASSIGNED if email else Device.Status.IN_STOCK
        status = self._status_lookup.get(status_text)
        if status is None or status not in IMPORTABLE_STATUSES:
            _add(errors, "status", _("Unknown status “%(value)s”.") % {"value": row.get("status")})
        elif status == Device.Status.ASSIGNED and not email:
            _add(errors, "assigned_to", _("An assigned device needs the person's email."))
        elif email and status != Device.Status.ASSIGNED:
            _add(
                errors,
                "status",
                _("A device assigned to someone must have the status assigned."),
            )
        return status


def _add(errors: dict[str, list[str]], column: str, message: str) -> None:
    errors.setdefault(column, []).append(message)


class DeviceResource(resources.ModelResource):
    """Creates devices from a file; an asset tag or serial already known is an error."""

    asset_tag = fields.Field(attribute="asset_tag", column_name="asset_tag")
    serial_number = fields.Field(attribute="serial_number", column_name="serial_number")
    location = fields.Field(attribute="location", column_name="location")
    notes = fields.Field(attribute="notes", column_name="notes")

    class Meta:
        model = Device
        fields = ["asset_tag", "serial_number", "location", "notes"]
        import_id_fields = ["asset_tag"]
        # Every row is new: existing tags are reported, never overwritten.
        force_init_instance = True
        use_bulk = True
        batch_size = 2000
        skip_diff = True
        skip_html_diff = True
        store_row_values = True
        clean_model_instances = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.request_user = user

    def before_import(self, dataset, **kwargs):
        headers = [_text(h) for h in dataset.headers]
        dataset.headers = [HEADER_ALIASES.get(h.lower(), h.lower()) for h in headers]
        self.checker = DeviceRowChecker(self.request_user)

    def before_import_row(self, row, **kwargs):
        row["__parsed"] = self.checker.check(row)

    def init_instance(self, row=None):
        # The row was checked and converted in before_import_row: the device is built in
        # one constructor call, without widgets or queries.
        return Device(
            asset_tag=row["asset_tag"],
            serial_number=row["serial_number"],
            location=_text(row.get("location")),
            notes=_text(row.get("notes")),
            **row["__parsed"],
        )

    def import_instance(self, instance, row, **kwargs):
        """Nothing left to do: ``init_instance`` set every field."""

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            # Everything the database would refuse was checked above; a preview writes
            # nothing, so 50,000 rows are checked without a single INSERT.
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)


# --- Export -----------------------------------------------------------------------------------

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe.

    django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips a
    leading ``=`` (and changes the data), so the portal does this itself.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def devices_export(queryset, *, file_format: str, on: dt.date) -> tuple[str | bytes, str, str]:
    """The devices of ``queryset`` as a file: (content, content type, file name).
    ``file_format`` ``"xlsx"`` gives Excel, anything else CSV."""
    dataset = devices_dataset(queryset)
    if file_format == "xlsx":
        content = XLSX().export_data(dataset)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return content, content_type, f"enheter-{on.isoformat()}.xlsx"
    # A BOM makes Excel read the UTF-8 file with å, ä and ö intact.
    content = "\ufeff" + CSV().export_data(dataset)
    return content, "text/csv; charset=utf-8", f"enheter-{on.isoformat()}.csv"


def devices_dataset(queryset) -> tablib.Dataset:
    """The devices of ``queryset`` in the import's columns, safe to open in a spreadsheet."""
    dataset = tablib.Dataset(headers=COLUMNS)
    rows = queryset.select_related("model", "school", "assigned_to").order_by("asset_tag")
    for d in rows.iterator(chunk_size=2000):
        dataset.append(
            [
                neutralise(v)
                for v in (
                    d.asset_tag,
                    d.serial_number,
                    d.model.manufacturer,
                    d.model.name,
                    d.school.code,
                    d.location,
                    d.status,
                    d.purchased_on.isoformat() if d.purchased_on else "",
                    str(d.price) if d.price is not None else "",
                    d.warranty_ends_on.isoformat() if d.warranty_ends_on else "",
                    d.assigned_to.email if d.assigned_to else "",
                    d.notes,
                )
            ]
        )
    return dataset
