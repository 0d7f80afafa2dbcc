"""The API contract as schemathesis checks it: every check and every phase (examples,
coverage, fuzzing, stateful) against the WSGI application in this process, with one
token. ``tests/api/test_schema_fuzz.py`` runs it with a small, fixed budget in
``make test``; ``benchmarks/bench_api_contract.py`` with a larger one in ``make bench``.

The failures are counted as ``schemathesis run`` counts them (each unique failure once),
and ``schemathesis.toml`` at the repository root is read here as by the command line, so
``schemathesis run http://…/api/schema/ --checks all`` against a running portal judges the
same contract.

Schemathesis runs its cases in threads, each with a database connection of its own: the
data a run needs must be committed (a ``transactional_db`` test, or a database of the
bench's own).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

PHASES = ["examples", "coverage", "fuzzing", "stateful"]


@dataclass
class ContractResult:
    failures: list[str] = field(default_factory=list)
    by_code: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    cases: int = 0
    operations: int = 0
    seconds: float = 0.0
    # phase → [scenarios, seconds], to see where a run spends its time
    phases: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.failures) + len(self.errors)

    def summary(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.by_code.items()))
        phases = ", ".join(f"{name} {n} in {t:.0f} s" for name, (n, t) in self.phases.items())
        return (
            f"{len(self.failures)} failures ({codes or 'none'}), {len(self.errors)} errors, "
            f"{self.cases} cases over {self.operations} operations in {self.seconds:.0f} s "
            f"({phases})"
        )

    def report(self, limit: int = 40) -> str:
        lines = [self.summary(), *self.failures[:limit], *self.errors[:limit]]
        if len(self.failures) > limit:
            lines.append(f"… and {len(self.failures) - limit} more failures")
        return "\n".join(lines)


@contextmanager
def in_process_transport():
    """Schemathesis (4.32) sends the ``ignored_auth`` check's probes to a WSGI application
    with its socket-level settings (``max_redirects``, ``verify``…), which the in-process
    client refuses with a TypeError; they mean nothing in-process, so they are dropped."""
    from schemathesis.transport.wsgi import WSGITransport

    send = WSGITransport.send

    def send_in_process(self, case, *args, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, *args, **kwargs)

    WSGITransport.send = send_in_process
    try:
        yield
    finally:
        WSGITransport.send = send


@contextmanager
def unthrottled():
    """The per-token rate limit off for the run: thousands of cases from one token would
    otherwise spend most of the run on 429s (which the schema documents) and test
    nothing else."""
    from vuxportal.tokens import TokenRateThrottle

    rates = TokenRateThrottle.THROTTLE_RATES
    TokenRateThrottle.THROTTLE_RATES = {**rates, TokenRateThrottle.scope: None}
    try:
        yield
    finally:
        del TokenRateThrottle.THROTTLE_RATES


@contextmanager
def kept_connections():
    """The WSGI application with a database connection kept per thread, as production
    keeps them (``CONN_MAX_AGE``): connecting anew for each of thousands of cases would
    double the run. The connections are closed when the run ends."""
    from django.db import connections

    from vuxportal.wsgi import application

    settings_dict = connections["default"].settings_dict
    max_age = settings_dict["CONN_MAX_AGE"]
    opened, lock = [], threading.Lock()

    def kept(environ, start_response):
        connection = connections["default"]
        worker = threading.current_thread() is not threading.main_thread()
        if worker and not connection.allow_thread_sharing:  # the thread's first request
            connection.inc_thread_sharing()
            with lock:
                opened.append(connection)
        return application(environ, start_response)

    settings_dict["CONN_MAX_AGE"] = None
    try:
        yield kept
    finally:
        settings_dict["CONN_MAX_AGE"] = max_age
        for connection in opened:
            connection.close()
            connection.dec_thread_sharing()


def load_schema(app, *, token: str, max_examples: int, seed: int, phases=PHASES, max_time=None):
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/schema/", app)
    config = schema.config
    config.update(headers={"Authorization": f"Bearer {token}"}, workers=1)
    config.seed = seed
    config.max_time = max_time
    config.phases.update(phases=list(phases))
    config.checks.update(included_check_names=["all"])
    config.generation.update(max_examples=max_examples)
    # Not replaying what earlier runs found (schemathesis keeps it under .schemathesis/):
    # the same seed gives the same run, on a developer's machine as in CI.
    config.cache.enabled = False
    return schema


def run_contract(*, token: str, max_examples: int, seed: int = 1, phases=PHASES, max_time=None):
    """Runs every check over every operation as the token's owner; returns what failed."""
    from schemathesis.engine import events, from_schema
    from schemathesis.engine.statistic import Statistic

    statistic = Statistic()
    result = ContractResult()
    started = time.monotonic()
    with unthrottled(), in_process_transport(), kept_connections() as app:
        schema = load_schema(
            app, token=token, max_examples=max_examples, seed=seed, phases=phases, max_time=max_time
        )
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
                statistic.on_scenario_finished(event.recorder)
                spent = result.phases.setdefault(event.phase.value, [0, 0.0])
                spent[0] += 1
                spent[1] += event.elapsed_time
            elif isinstance(event, events.NonFatalError):
                result.errors.append(f"{event.label}: {event.value!r}")
            elif isinstance(event, events.FatalError):
                result.errors.append(f"fatal: {event.exception!r}")
            elif isinstance(event, events.EngineFinished) and event.failures:
                statistic.record_run_check_failures(event.failures, label="after the run")
    result.seconds = time.monotonic() - started
    for label, groups in statistic.failures.items():
        for group in groups.values():
            for failure in group.failures:
                result.by_code[failure.code] += 1
                request = group.code_sample or ""
                answer = ""
                if group.response is not None:
                    body = group.response.content[:200].decode(errors="replace")
                    answer = f"\n    -> {group.response.status_code} {_one_line(body)}"
                result.failures.append(
                    f"{failure.code} {label}: {failure.title}: {_one_line(failure.message)}"
                    f"\n    {_one_line(request)}{answer}"
                )
    result.cases = statistic.total_cases
    result.operations = len(statistic.tested_operations)
    return result


def _one_line(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
