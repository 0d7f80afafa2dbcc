"""Reads the customer's plan texts (../shared/seeds/) that the demo loads as they stand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

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
