"""Extra tables the plan's part apps add to the reports' part sections.

The part sections fill themselves from the metric registry; an app that wants more (a
table of systems, of training sessions…) registers a builder in its own
``report_sections.py``, discovered at start-up, so reports never import the part apps'
models::

    from reports.sections import register_section

    @register_section("infrastructure", key="devices_by_model", title=_("Devices by model"))
    def devices_by_model(*, period, school, start, end):
        return {"columns": [...], "rows": [[...], ...]}

A builder returns plain JSON (strings, numbers, ISO dates) and runs a constant number of
queries; its table goes into the snapshot, the PDF and a sheet of the workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

BuildFn = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Section:
    part: str  # the app label of the plan part: competence, organisation, infrastructure
    key: str
    title: str | Promise
    build: BuildFn


class SectionRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, part: str, *, key: str, title) -> Callable[[BuildFn], BuildFn]:
        def decorator(fn: BuildFn) -> BuildFn:
            full_key = f"{part}.{key}"
            if full_key in self._sections:
                raise ValueError(f"Report section {full_key!r} is already registered")
            self._sections[full_key] = Section(part=part, key=full_key, title=title, build=fn)
            return fn

        return decorator

    def unregister(self, key: str) -> None:
        self._sections.pop(key, None)

    def for_part(self, part: str) -> list[Section]:
        return sorted((s for s in self._sections.values() if s.part == part), key=lambda s: s.key)


sections = SectionRegistry()
register_section = sections.register
