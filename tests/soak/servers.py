"""Throwaway servers for the soak, fault and backup tests.

Fault tests stop and start their database and Redis, so they never use the machine's
shared PostgreSQL or Redis: each run gets a private PostgreSQL cluster (``initdb`` in a
temporary folder, trust authentication, a free port on 127.0.0.1) and a private
``redis-server`` without persistence. Everything here runs processes we started and stops
them by their own pid.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise TimeoutError(f"timed out waiting for {what}")


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return path


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of our own; ``stop()``/``start()`` simulate an outage."""

    port: int = field(default_factory=free_port)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vux-soak-pg-")))

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> PrivatePostgres:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [
                    _pg_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return self.start()

    def start(self) -> PrivatePostgres:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        subprocess.run(
            _as_postgres(
                [
                    _pg_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    str(self.root / "server.log"),
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.ready, 30, "the private PostgreSQL")
        return self

    def ready(self) -> bool:
        result = subprocess.run(
            [_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
        )
        return result.returncode == 0

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                [
                    *_as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w"]),
                    "stop",
                ],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def createdb(self, name: str) -> str:
        subprocess.run(
            [_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
        )
        return self.url(name)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class PrivateRedis:
    """A redis-server of our own, without persistence."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.ready, 15, "the private Redis")
        return self

    def ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(10)
        self.process = None


def portal_env(**overrides: str) -> dict[str, str]:
    """The environment of a portal process started by a test (not a test settings one)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vuxportal.settings", "PYTHONUNBUFFERED": "1"}
    for name in ("PYTEST_VERSION", "PYTEST_XDIST_WORKER", "REDIS_URL", "CONN_MAX_AGE"):
        env.pop(name, None)
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=check,
        capture_output=True,
        text=True,
    )


class Gunicorn:
    """gunicorn serving the portal on a free port of 127.0.0.1."""

    def __init__(self, env: dict[str, str], workers: int = 2, log: Path | None = None):
        self.port = free_port()
        self.env = env
        self.workers = workers
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gunicorn:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "vuxportal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        wait_for(self._listening, 60, "gunicorn")
        return self

    def _listening(self) -> bool:
        if self.process and self.process.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


def shell(code: str, env: dict[str, str]) -> str:
    """Runs ``code`` in ``manage.py shell`` against the portal's database; the last line
    it printed (start-up may print other lines first)."""
    lines = manage("shell", "-c", code, env=env).stdout.strip().splitlines()
    return lines[-1].strip() if lines else ""


def production_env(**overrides: str) -> dict[str, str]:
    """A production-like portal (DEBUG off: the real error pages, persistent connections)
    reached over plain HTTP on 127.0.0.1; clients send X-Forwarded-Proto: https as the
    TLS proxy in front of it would."""
    return portal_env(
        DEBUG="0",
        SECRET_KEY="soak-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        **overrides,
    )


def collectstatic(env: dict[str, str]) -> None:
    manage("collectstatic", "--noinput", "-v0", env=env)
