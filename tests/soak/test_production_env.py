"""deploy/production.env.example: names every variable of the README's configuration
table, and with its values `check --deploy` passes with no warnings."""

import re
import subprocess

from .servers import BASE_DIR, PYTHON, portal_env

EXAMPLE = BASE_DIR / "deploy" / "production.env.example"
SETTING = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")


def _example() -> tuple[dict[str, str], set[str]]:
    """(the variables set, every variable named, commented-out alternatives included)."""
    values, named = {}, set()
    for line in EXAMPLE.read_text().splitlines():
        match = SETTING.match(line.strip())
        if match:
            named.add(match.group(1))
            if not line.startswith("#"):
                values[match.group(1)] = match.group(2)
    return values, named


def _readme_variables() -> set[str]:
    names = set()
    readme = (BASE_DIR / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n### ", 1)[0]
    for line in table.splitlines():
        if line.startswith("| `"):
            first, meaning = line.split("|")[1], line.split("|")[3]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first))
            names |= {n for n in re.findall(r"`([A-Z][A-Z0-9_]+)`", meaning) if "_" in n}
    return names


def test_example_names_every_configuration_variable():
    _, named = _example()
    readme = _readme_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD"} <= readme
    assert readme - named == set()


def test_example_passes_check_deploy_without_warnings():
    values, _ = _example()
    assert values["DEBUG"] == "0"
    env = portal_env(**values)
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in the test process; production
    # never has it, and check --deploy rightly flags it.
    for name in ("VUXPORTAL_TESTING", "EMAIL_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
