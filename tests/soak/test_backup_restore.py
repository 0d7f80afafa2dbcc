"""Backup and restore (scripts/backup.sh, scripts/restore.sh): the demo data with uploaded
files is backed up, restored into a new empty database and an empty media folder, and
every record and file is found again."""

import json
import subprocess
from pathlib import Path

import pytest

from .servers import BASE_DIR, PYTHON, portal_env

pytestmark = pytest.mark.soak


def _inventory(url: str, media: Path, *extra: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-m", "tests.soak.inventory", *extra],
        cwd=BASE_DIR,
        env=portal_env(DATABASE_URL=url, MEDIA_ROOT=str(media)),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def _script(name: str, *args: str, url: str, media: Path, check=True):
    return subprocess.run(
        ["bash", f"scripts/{name}", *args],
        cwd=BASE_DIR,
        env=portal_env(DATABASE_URL=url, MEDIA_ROOT=str(media)),
        check=check,
        capture_output=True,
        text=True,
    )


def test_backup_restores_every_record_and_file(private_pg, demo_database, tmp_path):
    source_url, source_media = demo_database
    before = _inventory(source_url, source_media, "--attach")
    assert before["counts"]["organisation.School"] > 0
    assert before["counts"]["goals.Goal"] > 0
    assert len(before["files"]) >= 2 and all(before["files"].values())

    backups = tmp_path / "backups"
    folder = Path(
        _script("backup.sh", str(backups), url=source_url, media=source_media).stdout.strip()
    )
    assert folder.parent == backups
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "MANIFEST"}

    target_url = private_pg.url("vux_soak_restored")  # restore.sh creates it
    target_media = tmp_path / "restored-media"
    _script("restore.sh", str(folder), url=target_url, media=target_media)
    after = _inventory(target_url, target_media)

    assert after["counts"] == before["counts"]
    for label, rows in before["samples"].items():
        assert after["samples"][label] == rows, label
    assert after["files"] == before["files"]
    for name in (key.split(":", 1)[1] for key in before["files"]):
        assert (target_media / name).is_file(), name

    # Restoring again into the now-filled database is refused; nothing is mixed.
    again = _script("restore.sh", str(folder), url=target_url, media=target_media, check=False)
    assert again.returncode != 0
    assert "not empty" in again.stderr
    assert _inventory(target_url, target_media)["counts"] == before["counts"]


def test_restore_refuses_a_damaged_backup(private_pg, demo_database, tmp_path):
    source_url, source_media = demo_database
    backups = tmp_path / "backups"
    folder = Path(
        _script("backup.sh", str(backups), url=source_url, media=source_media).stdout.strip()
    )
    with open(folder / "database.dump", "ab") as dump:
        dump.write(b"garbage")
    result = _script(
        "restore.sh",
        str(folder),
        url=private_pg.url("vux_soak_damaged"),
        media=tmp_path / "media",
        check=False,
    )
    assert result.returncode != 0
    assert "checksums do not match" in result.stderr
