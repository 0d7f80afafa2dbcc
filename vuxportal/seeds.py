"""Reads the customer's plan texts (../shared/seeds/) that the demo loads as they stand,
and tells the demo's seeders the day the demo lives in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

SEEDS_DIR = Path(settings.SEEDS_DIR)
PLAN_FILE = "000_aabd80bd17274f3d.txt"


@dataclass
class PlanText:
    vision: str
    goals: list[str]
    prerequisites: list[str]
    summary: str


def _bullets_after(lines: list[str], heading_prefix: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(heading_prefix))
    items = []
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:].strip())
        elif items and stripped:
            break
    return items


def read_plan(directory: Path | None = None) -> PlanText:
    """The vision, the six goals and the seven prerequisites, parsed from the board case."""
    text = ((directory or SEEDS_DIR) / PLAN_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    vision_index = next(i for i, line in enumerate(lines) if line.strip() == "Vision")
    vision = next(line.strip() for line in lines[vision_index + 1 :] if line.strip())
    summary_index = next(i for i, line in enumerate(lines) if line.strip() == "Sammanfattning")
    summary = next(line.strip() for line in lines[summary_index + 1 :] if line.strip())
    return PlanText(
        vision=vision,
        goals=_bullets_after(lines, "Målsättningar"),
        prerequisites=_bullets_after(lines, "För att uppnå detta behöver"),
        summary=re.sub(r"\s+", " ", summary),
    )


# --- The day the demo lives in ----------------------------------------------------------------


def demo_today(demo) -> date:
    """The day the demo is seeded for (``seed_demo --today``), else today. Every seeder
    places its dated rows around it, so the demo looks the same whenever it is loaded."""
    return getattr(demo, "today", None) or timezone.localdate()


def demo_now(demo) -> datetime:
    """This moment's clock time on the demo's day (the current moment when it is today)."""
    now = timezone.localtime()
    return timezone.make_aware(
        datetime.combine(demo_today(demo), now.time().replace(microsecond=0))
    )


def on_demo_day(day: date, hour: int = 12) -> datetime:
    """An aware moment on ``day``, for rows that store when something happened."""
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def afterwards(demo, step) -> None:
    """Leaves ``step(demo)`` for when every part has seeded; ``seed_demo`` runs such steps
    in the order they were left. Closing a period snapshots the other parts' live data,
    and a report needs the closed period, so those wait until all the data is there."""
    demo.__dict__.setdefault("afterwards", []).append(step)


def steps_left(demo) -> list:
    """The steps left with ``afterwards``, in order, taken off the demo (run each once)."""
    return demo.__dict__.pop("afterwards", [])
