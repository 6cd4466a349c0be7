"""A person's data out built by the real worker (`manage.py run_worker`, a subprocess on
the test database): the ZIP is made and offered; a worker killed with the ZIP stored but
not yet offered leaves nothing on offer, and the next worker cleans its file up and
publishes its own."""

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from privacy.models import DataExport
from privacy.your_data import archive, services
from tests.test_pdf_downloads import database_url
from tests.your_data_setup import everything

ROOT = Path(__file__).resolve().parents[1]
PHRASE = "Copper-Meadow-2291"

# The real worker; with GATE set it stops, once the checked ZIP is stored, before
# offering it (archive.publish), and waits to be killed.
WORKER = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.management import call_command
from privacy.your_data import archive

publish = archive.publish

def gated_publish(**kwargs):
    if os.environ.get("GATE"):
        Path(os.environ["GATE"] + ".reached").touch()
        while True:
            time.sleep(0.05)
    return publish(**kwargs)

archive.publish = gated_publish
call_command("run_worker", *sys.argv[1:])
"""


@pytest.fixture
def env(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASK_STUCK_AFTER_SECONDS": "1",
        "BOOKLET_EXPORT_RECYCLE_EVERY": "1",  # the summary PDF made by the rendering child
    }


def worker(env, *options):
    command = [sys.executable, "-c", WORKER, "--no-reload", "--no-startup-delay", *options]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip


def run_batch(env):
    process = worker(env, "--batch")
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output


def members(export):
    with zipfile.ZipFile(default_storage.path(export.file.name)) as opened:
        assert opened.testzip() is None
        return {name: opened.read(name) for name in opened.namelist()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_builds_and_offers_the_zip(env, cast):
    owner = cast["owner"]
    everything(owner, PHRASE)
    export = services.start(by=owner, person=owner)
    assert export.status == "queued"

    run_batch(env)

    export.refresh_from_db()
    assert export.status == "ready" and export.done == export.total == archive.STEPS
    files = members(export)
    assert files[archive.SUMMARY].startswith(b"%PDF-")
    assert PHRASE in files["json/journals.json"].decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_before_offering_leaves_nothing_and_the_next_publishes(env, cast):
    owner = cast["owner"]
    export = services.start(by=owner, person=owner)
    gate = env["MEDIA_ROOT"] + "-gate"
    process = worker({**env, "GATE": gate}, "--interval", "0.1")
    try:
        deadline = time.monotonic() + 120
        while not Path(gate + ".reached").exists():
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the worker never reached the gate"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    export.refresh_from_db()
    assert export.status == "building" and not export.file
    folder = f"your-data/{export.token}"
    (orphan,) = default_storage.listdir(folder)[1]

    time.sleep(float(env["TASK_STUCK_AFTER_SECONDS"]) + 0.3)
    run_batch(env)  # its start-up clean-up removes the orphan; the task runs again

    export.refresh_from_db()
    assert export.status == "ready" and archive.SUMMARY in members(export)
    assert default_storage.listdir(folder)[1] == [Path(export.file.name).name]
    assert orphan != Path(export.file.name).name
    assert DataExport.objects.count() == 1
