"""Import with a preview, shared by every app that imports files (staff, devices).

The user uploads a CSV or Excel file; django-import-export runs it as a dry run inside a
transaction that is rolled back, and the page lists every row with its errors. Nothing
is written until the user confirms, and only a file with no errors can be confirmed: the
real run happens in one transaction, so a file is imported whole or not at all.

Between preview and confirmation the file waits under ``MEDIA_ROOT/imports/`` (no URL
serves it). It is removed when the import is confirmed or cancelled, when the user
previews another file instead, and otherwise by a daily task once it is a day old.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import timedelta

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from import_export.formats.base_formats import CSV, XLSX

from .access import PortalAccessMixin

MAX_IMPORT_BYTES = 20 * 1024 * 1024
FORMATS = {".csv": CSV, ".xlsx": XLSX}
PREVIEW_FOLDER = "imports"
# A preview nobody confirmed or cancelled: the user has long left the page.
PREVIEW_MAX_AGE = timedelta(days=1)


class ImportUploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, comma or semicolon separated) or Excel (.xlsx)."),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        ext = os.path.splitext(upload.name)[1].lower()
        if ext not in FORMATS:
            raise ValidationError(_("Choose a CSV or Excel (.xlsx) file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


@dataclass
class RowReport:
    line: int  # the line in the file, counting the header as line 1
    kind: str  # new, update, skip, invalid, error
    values: dict
    errors: list[str]


def read_dataset(data: bytes, ext: str):
    fmt = FORMATS[ext]()
    if fmt.is_binary():
        return fmt.create_dataset(data)
    text = data.decode("utf-8-sig")
    # Swedish Excel saves CSV with semicolons; accept both separators.
    first_line = text.split("\n", 1)[0]
    if first_line.count(";") > first_line.count(","):
        return tablib.Dataset().load(text, format="csv", delimiter=";")
    return fmt.create_dataset(text)


def summarise(result, dataset) -> list[RowReport]:
    """Every row of an import result, with the file's values and its errors as sentences."""
    reports = []
    # The dataset, not the result, holds what the user wrote: rows that failed validation
    # carry no values in the result.
    headers = list(dataset.headers or [])
    invalid = {row.number: row for row in result.invalid_rows}
    errors = dict(result.row_errors())
    for number, row in enumerate(result.rows, start=1):
        messages_ = []
        if number in invalid:
            # The messages name the column themselves, in the user's language.
            for field_errors in invalid[number].error_dict.values():
                messages_.extend(str(error) for error in field_errors)
        for error in errors.get(number, []):
            messages_.append(
                gettext("The row could not be saved: %(error)s") % {"error": error.error}
            )
        reports.append(
            RowReport(
                line=number + 1,
                kind=row.import_type,
                values=dict(zip(headers, dataset[number - 1], strict=False)),
                errors=messages_,
            )
        )
    return reports


class ImportView(PortalAccessMixin, FormView):
    """Upload → preview → confirm or cancel. Subclasses set ``resource_class``."""

    resource_class = None
    template_name = "generic/import.html"
    form_class = ImportUploadForm
    title = ""
    success_url_name = ""
    columns_help = ""

    def session_key(self) -> str:
        return f"import:{self.resource_class.__name__}"

    def get_resource(self):
        return self.resource_class(user=self.request.user)

    def run(self, dataset, *, dry_run: bool):
        self.resource = self.get_resource()
        return self.resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, columns_help=self.columns_help)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["import_file"]
        ext = os.path.splitext(upload.name)[1].lower()
        data = upload.read()
        try:
            dataset = read_dataset(data, ext)
        except Exception:
            form.add_error("import_file", gettext("The file could not be read as %s.") % ext)
            return self.form_invalid(form)
        if not dataset.headers:
            form.add_error("import_file", gettext("The file has no header row."))
            return self.form_invalid(form)
        result = self.run(dataset, dry_run=True)
        rows = summarise(result, dataset)
        stored = default_storage.save(f"{PREVIEW_FOLDER}/{uuid.uuid4().hex}{ext}", upload)
        # A new preview replaces the one the user did not confirm.
        delete_preview(self.request.session.get(self.session_key()))
        self.request.session[self.session_key()] = stored
        has_errors = any(row.errors for row in rows) or result.has_errors()
        return self.render_to_response(
            self.get_context_data(
                form=form,
                previewing=True,
                preview=rows,
                headers=dataset.headers,
                has_errors=has_errors,
                totals=result.totals,
                error_count=sum(1 for row in rows if row.errors),
            )
        )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST or "cancel" in request.POST:
            return self.finish(confirm="confirm" in request.POST)
        return super().post(request, *args, **kwargs)

    def finish(self, *, confirm: bool):
        stored = self.request.session.pop(self.session_key(), None)
        if not stored or not default_storage.exists(stored):
            messages.error(self.request, gettext("The uploaded file is gone. Upload it again."))
            return HttpResponseRedirect(self.request.path)
        try:
            if not confirm:
                messages.info(
                    self.request, gettext("The import was cancelled. Nothing was imported.")
                )
                return HttpResponseRedirect(self.request.path)
            with default_storage.open(stored, "rb") as fh:
                dataset = read_dataset(fh.read(), os.path.splitext(stored)[1])
            result = self.run(dataset, dry_run=False)
            if result.has_errors() or result.has_validation_errors():
                # The whole run was rolled back; nothing was written.
                messages.error(
                    self.request,
                    gettext(
                        "The file has errors and nothing was imported. Fix them and try again."
                    ),
                )
                return HttpResponseRedirect(self.request.path)
            totals = result.totals
            messages.success(
                self.request,
                gettext("Imported: %(new)s new, %(update)s updated.")
                % {"new": totals.get("new", 0), "update": totals.get("update", 0)},
            )
            self.after_import(result)
            return HttpResponseRedirect(self.get_success_url())
        finally:
            delete_preview(stored)

    def after_import(self, result) -> None:
        """Hook for side effects once an import is stored."""

    def get_success_url(self):
        return reverse(self.success_url_name)


def delete_preview(stored: str | None) -> None:
    """Removes a preview's file; only ever one under the preview folder."""
    if stored and stored.startswith(f"{PREVIEW_FOLDER}/") and default_storage.exists(stored):
        default_storage.delete(stored)


def delete_stale_previews(*, max_age: timedelta = PREVIEW_MAX_AGE) -> int:
    """Removes preview files older than ``max_age`` (imports never confirmed or cancelled).
    Returns how many were removed. Run daily by ``vuxportal.tasks.delete_stale_import_previews``."""
    try:
        _folders, files = default_storage.listdir(PREVIEW_FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - max_age
    removed = 0
    for name in files:
        path = f"{PREVIEW_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) >= cutoff:
                continue
            default_storage.delete(path)
        except FileNotFoundError:  # removed meanwhile by its own confirmation
            continue
        removed += 1
    return removed
