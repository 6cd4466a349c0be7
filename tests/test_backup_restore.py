"""scripts/backup_restore.sh on a small generated organisation (trial/, ADR 0039): the
dump restores into a new PostgreSQL database with every table's rows, and a restore that
lost rows or a table is reported with a failing exit. PostgreSQL only (pg_dump)."""

import io
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "backup_restore.sh"


@pytest.fixture
def source_url():
    """The test database's URL, holding a generated organisation of 40 people."""
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore use pg_dump (set DATABASE_URL to PostgreSQL)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    call_command("generate_org", people=40, years=1, no_sign_in=True, stdout=io.StringIO())
    parsed = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return parsed._replace(path="/" + connection.settings_dict["NAME"]).geturl()


def _restored_url(source_url, name):
    return source_url.rsplit("/", 1)[0] + "/" + name


def _drop(source_url, name):
    subprocess.run(
        ["psql", _restored_url(source_url, "postgres"), "-X", "-q", "-c",
         f'DROP DATABASE IF EXISTS "{name}"'],
        check=True,
    )  # fmt: skip


def _run(*args, **env):
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env={**os.environ, **env}, capture_output=True, text=True
    )


def test_a_backup_restores_every_row_and_a_lost_row_is_reported(source_url, tmp_path):
    name = connection.settings_dict["NAME"] + "_restored"
    restored = _restored_url(source_url, name)
    backup = tmp_path / "trellis.dump"
    _drop(source_url, name)
    try:
        done = _run(source_url, str(backup), KEEP_RESTORED="1")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "tables have the same rows" in done.stdout
        assert backup.stat().st_size > 0
        people = Person.objects.count()
        assert people >= 40
        in_restored = subprocess.run(
            ["psql", restored, "-X", "-At", "-c", "SELECT count(*) FROM people_person"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        assert int(in_restored.stdout) == people

        # One row fewer in the restored copy: named, and the exit says so.
        subprocess.run(
            ["psql", restored, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
             "DELETE FROM people_person_groups"
             " WHERE id = (SELECT min(id) FROM people_person_groups)"],
            check=True,
        )  # fmt: skip
        compared = _run("--compare", source_url, restored)
        assert compared.returncode == 1, compared.stdout + compared.stderr
        assert "public.people_person_groups" in compared.stderr
        assert "1 of " in compared.stderr
    finally:
        _drop(source_url, name)


def test_a_restore_into_an_existing_database_is_refused(source_url):
    name = connection.settings_dict["NAME"] + "_restored_taken"
    _drop(source_url, name)
    subprocess.run(
        ["psql", _restored_url(source_url, "postgres"), "-X", "-q", "-c",
         f'CREATE DATABASE "{name}"'],
        check=True,
    )  # fmt: skip
    try:
        refused = _run(source_url, RESTORE_DATABASE=name)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "already exists" in refused.stderr
    finally:
        _drop(source_url, name)
