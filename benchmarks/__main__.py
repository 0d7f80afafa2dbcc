"""``python -m benchmarks [--only NAME ...] [--schools N]``: runs the benchmarks and prints
one table. Benchmarks need PostgreSQL (``DATABASE_URL``); the scale data comes from
``manage.py seed_scale`` in a database of their own."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from dataclasses import dataclass, field


@dataclass
class Row:
    benchmark: str
    measure: str
    value: str
    target: str = ""
    ok: bool | None = None
    extra: dict = field(default_factory=dict)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", nargs="*", default=None, help="module names, e.g. devices")
    parser.add_argument("--schools", type=int, default=50, help="size of the scale dataset")
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vuxportal.settings")
    import django

    django.setup()

    import benchmarks

    rows: list[Row] = []
    for module in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if not module.name.startswith("bench_"):
            continue
        short = module.name.removeprefix("bench_")
        if options.only and short not in options.only:
            continue
        mod = importlib.import_module(f"benchmarks.{module.name}")
        print(f"== {short}", file=sys.stderr, flush=True)
        rows.extend(mod.run(options))

    widths = [
        max(len(h), *(len(getattr(r, a)) for r in rows)) if rows else len(h)
        for h, a in (
            ("benchmark", "benchmark"),
            ("measure", "measure"),
            ("value", "value"),
            ("target", "target"),
        )
    ]
    header = ("benchmark", "measure", "value", "target", "met")
    line = " | ".join(h.ljust(w) for h, w in zip(header, [*widths, 3], strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        met = "" if r.ok is None else ("yes" if r.ok else "NO")
        cells = (r.benchmark, r.measure, r.value, r.target, met)
        print(" | ".join(c.ljust(w) for c, w in zip(cells, [*widths, 3], strict=True)))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
