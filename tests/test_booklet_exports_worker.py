"""Bulk booklet exports run by the real worker (`manage.py run_worker`, a subprocess on
the test database), killed with SIGKILL part-way: nothing half-made is offered, and a
new worker finishes the export with every booklet exactly once."""

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from appraisals.exports import services
from tests.factories import PersonFactory
from tests.factories_booklet import appraisal_for, cycle_for
from tests.test_pdf_downloads import database_url

ROOT = Path(__file__).resolve().parents[1]

# The real worker, with two places it can be told to stop and wait (GATE_AT): "booklet"
# as booklet number GATE_AFTER + 1 starts, "publish" with the checked ZIP stored but not
# yet offered. Each booklet made is noted in RENDER_LOG; FAKE_RENDER makes a tiny PDF.
WORKER = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.management import call_command
from appraisals.exports import assembly, services

def gate(at):
    if os.environ.get("GATE_AT") != at:
        return
    Path(os.environ["GATE"] + ".reached").touch()
    while not Path(os.environ["GATE"]).exists():
        time.sleep(0.05)

made, render, publish = [0], services.render_booklet, assembly.publish

def gated_render(appraisal):
    made[0] += 1
    if made[0] == int(os.environ.get("GATE_AFTER", "0")) + 1:
        gate("booklet")
    if os.environ.get("FAKE_RENDER"):
        pdf = b"%PDF-1.7 " + str(appraisal.pk).encode()
    else:
        pdf = render(appraisal)
    with open(os.environ["RENDER_LOG"], "a") as log:
        log.write(f"{appraisal.pk}\\n")
    return pdf

def gated_publish(**kwargs):
    gate("publish")
    return publish(**kwargs)

services.render_booklet, assembly.publish = gated_render, gated_publish
call_command("run_worker", *sys.argv[1:])
"""


@pytest.fixture
def env(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BOOKLET_EXPORT_CHUNK = 2
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "GATE": str(tmp_path / "gate"),
        "RENDER_LOG": str(tmp_path / "renders"),
        "TASK_STUCK_AFTER_SECONDS": "1",
        "BOOKLET_EXPORT_RECYCLE_EVERY": "2",  # a new rendering child every two booklets
    }


def worker(env, *options):
    command = [sys.executable, "-c", WORKER, "--no-reload", "--no-startup-delay", *options]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip


def kill_at_gate(env, **gate):
    process = worker({**env, **gate}, "--interval", "0.1")
    try:
        deadline = time.monotonic() + 120
        while not Path(env["GATE"] + ".reached").exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the worker never reached the gate"
            time.sleep(0.05)
        assert process.poll() is None, process.stdout.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)


def run_batch(env):
    """A new worker, once the killed one's task counts as stuck: it runs the queue and
    exits."""
    time.sleep(float(env["TASK_STUCK_AFTER_SECONDS"]) + 0.3)
    process = worker(env, "--batch")
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output


def renders(env):
    path = Path(env["RENDER_LOG"])
    return sorted(int(line) for line in path.read_text().split()) if path.exists() else []


@pytest.fixture
def five(cast, organisation):
    team = organisation["team"]
    cycle = cycle_for(team, name="Clinic Admin 2026")
    people = [PersonFactory(unit=team, line_manager=cast["line_manager"]) for _ in range(5)]
    return cycle, team, [appraisal_for(person, cycle=cycle) for person in people]


def members(export):
    with zipfile.ZipFile(default_storage.path(export.file.name)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_export_leaves_nothing_on_offer_and_the_next_finishes_it(
    env, client, cast, five
):
    cycle, team, appraisals = five
    export = services.start(by=cast["hr"], cycle=cycle, unit=team)
    assert export.chunks == 3

    kill_at_gate(env, GATE_AT="booklet", GATE_AFTER="2")  # chunk 0 made, chunk 1 started
    export.refresh_from_db()
    assert export.status == "building" and not export.file
    assert len(renders(env)) == 2
    client.force_login(cast["hr"])
    progress = reverse("appraisals:booklet-export", args=[export.token])
    page = client.get(progress).content.decode()
    assert "2 of 5 booklets" in page and "Download the ZIP file" not in page

    run_batch(env)

    export.refresh_from_db()
    assert export.status == "ready"
    files = members(export)
    assert len(files) == 5 and all(pdf.startswith(b"%PDF-") for pdf in files.values())
    names = {f"Clinic Admin/{a.person.family_name} {a.person.given_name}" for a in appraisals}
    assert {name.split(" – ")[0].removesuffix(".pdf") for name in files} == names
    # Each booklet made once: the rerun made only the three not yet made.
    assert renders(env) == sorted(a.pk for a in appraisals)
    assert "Download the ZIP file" in client.get(progress).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_before_publishing_offers_no_zip_and_its_file_is_cleaned_up(
    env, cast, five
):
    cycle, team, appraisals = five
    env = {**env, "FAKE_RENDER": "1"}
    export = services.start(by=cast["hr"], cycle=cycle, unit=team)

    kill_at_gate(env, GATE_AT="publish")  # the ZIP stored, not yet offered
    export.refresh_from_db()
    assert export.status == "assembling" and not export.file
    folder = f"booklet-exports/{export.token}"
    (orphan,) = default_storage.listdir(folder)[1]

    run_batch(env)  # its start-up clean-up removes the orphan; the rerun publishes its own

    export.refresh_from_db()
    assert export.status == "ready" and len(members(export)) == 5
    assert default_storage.listdir(folder)[1] == [Path(export.file.name).name]
    assert orphan != Path(export.file.name).name
    assert renders(env) == sorted(a.pk for a in appraisals)
