"""Uploaded files: what they are, where they are kept and how they are handed out.

The content decides, never the name the user gave. An upload is read to detect its type
(``%PDF-``, an image that opens in Pillow, an Office Open XML package, plain text); only
types on the field's allow-list are kept, under ``<folder>/<random hex><extension of the
detected type>``. The user's file name is kept as data beside the file, stripped to its
base name, and is only ever used as the download's file name.

No URL serves ``MEDIA_ROOT``: every file is handed out by a view that checks access and
answers through :func:`file_response` (an attachment, ``nosniff``, never ``text/html``).
"""

from __future__ import annotations

import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.db.models.fields.files import FieldFile, FileDescriptor
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.http import content_disposition_header
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Scans, documents and screenshots; 10 MB is plenty and keeps storage in check.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
FALLBACK_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    extension: str
    content_type: str


_OOXML = "application/vnd.openxmlformats-officedocument"
TYPES = {
    t.code: t
    for t in (
        FileType("pdf", "PDF", ".pdf", "application/pdf"),
        FileType("png", "PNG", ".png", "image/png"),
        FileType("jpeg", "JPEG", ".jpg", "image/jpeg"),
        FileType("gif", "GIF", ".gif", "image/gif"),
        FileType("webp", "WebP", ".webp", "image/webp"),
        FileType("docx", "Word (.docx)", ".docx", f"{_OOXML}.wordprocessingml.document"),
        FileType("xlsx", "Excel (.xlsx)", ".xlsx", f"{_OOXML}.spreadsheetml.sheet"),
        FileType("pptx", "PowerPoint (.pptx)", ".pptx", f"{_OOXML}.presentationml.presentation"),
        FileType("text", _("plain text"), ".txt", "text/plain; charset=utf-8"),
    )
}
CONTENT_TYPES = {t.extension: t.content_type for t in TYPES.values()}

# Allow-lists of the portal's uploads.
PDF_AND_IMAGES = ("pdf", "png", "jpeg", "gif", "webp")
DOCUMENTS = (*PDF_AND_IMAGES, "docx", "xlsx", "pptx")
DOCUMENTS_AND_TEXT = (*DOCUMENTS, "text")

_IMAGE_MAGIC = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
# The main part an Office package must have, and the content type [Content_Types].xml
# must give it. Macro-enabled packages (.docm, .xlsm, .pptm) declare another type.
_OOXML_MAIN = {
    "docx": ("word/document.xml", f"{_OOXML}.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", f"{_OOXML}.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", f"{_OOXML}.presentationml.presentation.main+xml"),
}


def _read(file, size: int = -1) -> bytes:
    file.seek(0)
    try:
        return file.read(size)
    finally:
        file.seek(0)


def _image_type(file, code: str) -> str | None:
    try:
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(0)
    return code if image_format == _PILLOW_FORMATS[code] else None


def _office_type(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                return None
            declared = package.read("[Content_Types].xml")[:1_000_000].decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        file.seek(0)
    for code, (part, content_type) in _OOXML_MAIN.items():
        if part in names and f'ContentType="{content_type}"' in declared:
            return code
    return None


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return False
    # Markup (HTML, SVG, XML) is not plain text, whatever it is called.
    return not text.lstrip().startswith("<")


def detect_type(file) -> FileType | None:
    """The type the content of ``file`` is, among :data:`TYPES`, or ``None``."""
    head = _read(file, 16)
    if head.startswith(b"%PDF-"):
        return TYPES["pdf"]
    for code, magics in _IMAGE_MAGIC.items():
        if head.startswith(magics):
            # Looks like an image: it must be one (a GIF/JavaScript polyglot is not).
            code = _image_type(file, code)
            return TYPES[code] if code else None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        code = _image_type(file, "webp")
        return TYPES[code] if code else None
    if head.startswith(b"PK\x03\x04"):
        code = _office_type(file)
        return TYPES[code] if code else None
    if _is_plain_text(_read(file, MAX_UPLOAD_BYTES + 1)):
        return TYPES["text"]
    return None


def allowed_label(types) -> str:
    """``PDF, PNG, … or plain text`` in the user's language (lazy)."""
    labels = [TYPES[code].label for code in types]
    if len(labels) == 1:
        return labels[0]
    items = format_lazy(", ".join(["{}"] * (len(labels) - 1)), *labels[:-1])
    return format_lazy(_("{items} or {last}"), items=items, last=labels[-1])


def validate_upload(file, types) -> FileType:
    """The detected type of ``file``; ``ValidationError`` if it is too large, empty or not
    one of ``types``."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    file_type = detect_type(file)
    if file_type is None or file_type.code not in types:
        raise ValidationError(
            _("This type of file cannot be uploaded. Allowed: %(allowed)s.")
            % {"allowed": allowed_label(types)},
            code="bad_type",
        )
    return file_type


@deconstructible
class UploadValidator:
    """Model field validator: new uploads must be of one of ``types``."""

    def __init__(self, types):
        self.types = tuple(types)

    def __call__(self, value):
        if isinstance(value, FieldFile):
            if value._committed:  # already stored (and checked when it was uploaded)
                return
            value = value.file
        validate_upload(value, self.types)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.types == other.types


def original_name(name: str | None) -> str:
    """The base name of what the user called the file: a path such as ``../../x.pdf``
    (or ``C:\\x\\y.pdf``) keeps ``x.pdf``; control characters are dropped."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if base in ("", ".", ".."):
        return ""
    if len(base) > 200:  # fits the model field, keeping the extension the user saw
        stem, ext = os.path.splitext(base)
        ext = ext[:20]
        base = stem[: 200 - len(ext)] + ext
    return base


class UploadFieldFile(FieldFile):
    def save(self, name, content, save=True):
        file_type = validate_upload(content, self.field.types)
        if self.field.name_field:
            setattr(self.instance, self.field.name_field, original_name(name))
        # Only the detected type's extension reaches generate_filename.
        super().save(f"upload{file_type.extension}", content, save)


class UploadDescriptor(FileDescriptor):
    def __set__(self, instance, value):
        # Assigning a new upload (forms, services) records its name as the user gave it.
        name_field = self.field.name_field
        if name_field and isinstance(value, File) and not isinstance(value, FieldFile):
            setattr(instance, name_field, original_name(value.name))
        elif name_field and not value and instance.__dict__.get(self.field.attname):
            setattr(instance, name_field, "")
        super().__set__(instance, value)


class UploadField(models.FileField):
    """A file the user uploads: stored as ``<folder>/<random hex><detected extension>``,
    refused unless its content is one of ``types``; ``name_field`` (a CharField of the same
    model) keeps the user's file name for the download."""

    attr_class = UploadFieldFile
    descriptor_class = UploadDescriptor

    def __init__(
        self, verbose_name=None, name=None, *, folder="", types=(), name_field="", **kwargs
    ):
        self.folder = folder.strip("/")
        self.types = tuple(types)
        self.name_field = name_field
        kwargs.setdefault("max_length", 255)
        super().__init__(verbose_name, name, **kwargs)
        self.validators.append(UploadValidator(self.types))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs.update(folder=self.folder, types=list(self.types), name_field=self.name_field)
        if kwargs.get("max_length") == 255:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def generate_filename(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()
        if extension not in {TYPES[code].extension for code in self.types}:
            extension = ""
        return self.storage.generate_filename(f"{self.folder}/{uuid.uuid4().hex}{extension}")

    def formfield(self, **kwargs):
        accept = ",".join(TYPES[code].extension for code in self.types)
        help_text = (
            _("Optional. {allowed}, at most {limit}.")
            if self.blank
            else _("{allowed}, at most {limit}.")
        )
        limit = lazy(filesizeformat, str)(MAX_UPLOAD_BYTES)
        defaults = {
            "help_text": format_lazy(help_text, allowed=allowed_label(self.types), limit=limit)
        }
        field = super().formfield(**{**defaults, **kwargs})
        field.widget.attrs.setdefault("accept", accept)
        field.validators.append(UploadValidator(self.types))
        return field


def download_name(fieldfile) -> str:
    """The name a stored file is downloaded as: the user's, else the stored base name."""
    name_field = getattr(fieldfile.field, "name_field", "")
    kept = getattr(fieldfile.instance, name_field, "") if name_field else ""
    return kept or os.path.basename(fieldfile.name)


# Names the user may have given a file of the type stored under the first.
_SAME_TYPE = {".jpg": {".jpeg", ".jpe"}, ".txt": {".text", ".log", ".csv"}}


def _with_extension(filename: str, extension: str) -> str:
    """The download name ends like the detected type (``x.html`` that is a PDF downloads as
    ``x.pdf``), so the user's computer opens it with the right program."""
    stem, given = os.path.splitext(filename or "file")
    if extension not in CONTENT_TYPES or given.lower() in {
        extension,
        *_SAME_TYPE.get(extension, ()),
    }:
        return filename or "file"
    return f"{stem}{extension}"


def file_response(fieldfile, filename: str | None = None) -> HttpResponse:
    """Hands out a stored file as an attachment, to be called only after access is checked.

    The content type comes from the stored name, whose extension was chosen from the
    detected content; anything else is ``application/octet-stream``, never ``text/html``.
    With ``FILES_X_ACCEL_REDIRECT`` set (an nginx ``internal`` location that maps onto
    ``MEDIA_ROOT``), nginx sends the bytes; otherwise they stream from the storage.
    """
    if not fieldfile:
        raise Http404
    extension = os.path.splitext(fieldfile.name)[1].lower()
    content_type = CONTENT_TYPES.get(extension, FALLBACK_CONTENT_TYPE)
    filename = _with_extension(original_name(filename or download_name(fieldfile)), extension)
    accel = settings.FILES_X_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(fieldfile.name)}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = fieldfile.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were to render it, it runs nothing and reaches nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
