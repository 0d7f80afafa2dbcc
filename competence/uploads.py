"""Checks for uploaded certificates and attachments: size and real content type.

The extension proves nothing (a renamed .exe stays an .exe), so the first bytes are
read: a PDF starts with ``%PDF-``; an image must open in Pillow.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Certificates are scans or PDFs; 10 MB is plenty and keeps storage in check.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_upload(file) -> str:
    """Returns ``"pdf"`` or ``"image"``; raises ``ValidationError`` otherwise."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        return "pdf"
    try:
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    finally:
        file.seek(0)
    if image_format in IMAGE_FORMATS:
        return "image"
    raise ValidationError(
        _("The file is not a PDF or an image (JPEG, PNG, GIF or WebP)."), code="bad_type"
    )
