"""Checks of uploaded attachments: size and real content type (magic bytes)."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Allowed kinds: file name extensions and the first bytes the content must start with.
SIGNATURES = {
    "pdf": ((".pdf",), (b"%PDF-",)),
    "png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "gif": ((".gif",), (b"GIF87a", b"GIF89a")),
}
TEXT_EXTENSIONS = (".txt", ".log", ".csv")
ALLOWED_HELP = _("PDF, PNG, JPEG, GIF, WebP or plain text, at most 10 MB.")


def detect_kind(head: bytes, *, read_rest=None) -> str | None:
    """The kind of file ``head`` (its first bytes) starts like, or ``None``."""
    for kind, (_ext, magics) in SIGNATURES.items():
        if any(head.startswith(m) for m in magics):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _is_plain_text(upload) -> bool:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def validate_attachment(upload) -> None:
    """Refuses files over 10 MB and any content other than PDF, images and plain text.

    The content decides, not the name: the first bytes must match the type the file's
    extension claims, so a renamed program or document is refused.
    """
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The attachment is larger than 10 MB. Attach a smaller file."), code="too_large"
        )
    if upload.size == 0:
        raise ValidationError(_("The attachment is empty."), code="empty")
    ext = os.path.splitext(upload.name or "")[1].lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = detect_kind(head)
    expected = {e: k for k, (exts, _m) in SIGNATURES.items() for e in exts}
    expected[".webp"] = "webp"
    if kind is not None and expected.get(ext) == kind:
        return
    if kind is None and ext in TEXT_EXTENSIONS and _is_plain_text(upload):
        return
    raise ValidationError(
        _("This type of file cannot be attached. Allowed: %(allowed)s") % {"allowed": ALLOWED_HELP},
        code="bad_type",
    )
