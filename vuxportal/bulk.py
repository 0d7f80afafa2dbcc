"""All-or-nothing bulk writes (API bulk upserts): the error that carries per-row errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class RowErrors(ValidationError):
    """A bulk write with invalid rows: ``rows`` maps each bad row's index to its field
    errors (field → messages). Nothing was written."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        super().__init__(
            ngettext(
                "%(count)d row has errors; nothing was saved.",
                "%(count)d rows have errors; nothing was saved.",
                len(rows),
            )
            % {"count": len(rows)},
            code="invalid_rows",
        )
