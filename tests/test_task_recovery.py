"""Background work never holds locks or hangs: a real worker killed part-way through a
task leaves it to be run again after TASK_STUCK_AFTER_SECONDS, the follow-up email still
goes at most once, a PDF is still made, and a mail server that never answers fails the
task within EMAIL_TIMEOUT while the person's own page stays quick."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from frontend import worker
from frontend.models import PdfDownload
from learning import follow_ups, services
from learning.models import Evaluation
from tests.factories import PersonFactory
from tests.factories_learning import CPDEntryFactory, EvaluationFactory
from tests.test_pdf_downloads import database_url
from tests.test_settings import PRODUCTION, manage

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "mail").mkdir()
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "MAIL_DIR": str(tmp_path / "mail"),
        "GATE": str(tmp_path / "gate"),
        "TASK_STUCK_AFTER_SECONDS": "1",
    }


def start_worker(env, *options):
    return subprocess.Popen(
        [sys.executable, "tests/gated_worker.py", "--no-reload", "--no-startup-delay"]
        + ["--interval", "0.1", *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds=60, what="the worker"):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def kill_at_gate(env, gate_at):
    """Start a worker that stops at `gate_at`, and SIGKILL it there."""
    process = start_worker({**env, "GATE_AT": gate_at})
    try:
        wait_for(lambda: Path(env["GATE"] + ".reached").exists() or process.poll() is not None)
        assert process.poll() is None, process.stdout.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)


def run_batch(env):
    """A new worker, after the time limit: it runs what is on the queue, then exits."""
    time.sleep(float(env["TASK_STUCK_AFTER_SECONDS"]) + 0.2)
    env = {k: v for k, v in env.items() if k not in ("GATE", "GATE_AT")}
    result = subprocess.run(
        [sys.executable, "tests/gated_worker.py", "--batch", "--no-reload"]
        + ["--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def emails(env):
    return sorted(Path(env["MAIL_DIR"]).iterdir())


def due_evaluation():
    return EvaluationFactory(follow_up_due=timezone.localdate())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "killed_at, state",
    [
        ("task", "Sent"),  # before anything was sent: run again, sent once
        ("mail", "May not have been sent: check before trying again"),
    ],
)
def test_a_follow_up_whose_worker_was_killed_is_sent_at_most_once(env, killed_at, state):
    evaluation = due_evaluation()
    assert services.enqueue_due_follow_ups() == [evaluation.pk]

    kill_at_gate(env, killed_at)
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # and would stay so, without recovery
    assert len(emails(env)) == (1 if killed_at == "mail" else 0)

    run_batch(env)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert len(emails(env)) == 1
    evaluation.refresh_from_db()
    assert evaluation.follow_up_email == state
    if killed_at == "mail":
        assert evaluation.follow_up_error == follow_ups.MAY_NOT_HAVE_BEEN_SENT
    # The daily sweep does not queue it again either way.
    assert services.enqueue_due_follow_ups() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pdf_whose_worker_was_killed_mid_render_is_still_made(env, settings, client):
    settings.PDF_INLINE_MAX_ITEMS = 0
    person = PersonFactory()
    CPDEntryFactory(person=person, title="Sepsis study day")
    client.force_login(person)
    progress = client.get(reverse("learning:cpd-export-pdf"))["Location"]

    kill_at_gate(env, "pdf")
    download = PdfDownload.objects.get()
    assert download.status == PdfDownload.Status.BUILDING
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING

    run_batch(env)

    download.refresh_from_db()
    assert download.status == PdfDownload.Status.READY
    assert "Your PDF is ready" in client.get(progress).text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_worker_picks_up_what_a_killed_one_left(env):
    """Not only at start: a worker that keeps running checks every few minutes (here,
    with a one-second limit, every second)."""
    evaluation = due_evaluation()
    process = start_worker(env)
    try:
        time.sleep(1)  # started, and found nothing to recover
        task = follow_ups_task_left_running(evaluation, minutes_ago=5)
        wait_for(lambda: DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL", 30)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    assert len(emails(env)) == 1
    assert Evaluation.objects.get(pk=evaluation.pk).follow_up_email == "Sent"


def follow_ups_task_left_running(evaluation, minutes_ago, runs=1):
    """The row a killed worker leaves: RUNNING, started long ago."""
    from learning.tasks import send_follow_up

    result = send_follow_up.enqueue(evaluation.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=[f"stopped-{n}" for n in range(runs)],
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.django_db
def test_recovery_waits_for_the_limit_and_gives_up_after_three_runs(settings):
    settings.TASK_STUCK_AFTER_SECONDS = 30 * 60
    evaluation = due_evaluation()
    recent = follow_ups_task_left_running(evaluation, minutes_ago=10)
    stuck = follow_ups_task_left_running(evaluation, minutes_ago=40)
    hopeless = follow_ups_task_left_running(evaluation, minutes_ago=40, runs=3)

    requeued, failed = worker.recover_stuck_tasks()

    assert requeued == [stuck.pk] and failed == [hopeless.pk]
    assert DBTaskResult.objects.get(pk=recent.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.READY
    hopeless.refresh_from_db()
    assert hopeless.status == TaskResultStatus.FAILED
    assert "worker running this task stopped before it finished, 3 times" in hopeless.traceback
    assert worker.recover_stuck_tasks() == ([], [])  # a second worker finds nothing to do


# A mail server that never answers ------------------------------------------------------


@pytest.fixture
def silent_smtp():
    """Accepts connections and never says a word, on a free port (`.port`): another test
    process may be running the same test."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = threading.Event()
    accepted.port = server.getsockname()[1]
    clients = []

    def serve():
        while True:
            try:
                clients.append(server.accept()[0])
            except OSError:
                return
            accepted.set()

    threading.Thread(target=serve, daemon=True).start()
    yield accepted
    server.close()
    for client in clients:
        client.close()


def test_the_configured_mailer_gives_up_on_a_silent_server():
    code = "from django.core.mail import mailers; print(mailers['default'].timeout)"
    smtp = {**PRODUCTION, "EMAIL_URL": "smtp://127.0.0.1:25"}
    assert manage("shell", "-c", code, **smtp).stdout.split()[-1] == "10.0"
    assert manage("shell", "-c", code, EMAIL_TIMEOUT="3", **smtp).stdout.split()[-1] == "3.0"


def post_in_thread(client, url, data):
    """The person's page, timed, from a thread of its own (so a page held up by a lock
    cannot hold up the test)."""
    outcome = {}

    def post():
        started = time.monotonic()
        try:
            outcome["status"] = client.post(url, data).status_code
        finally:
            outcome["seconds"] = time.monotonic() - started
            connection.close()

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    return thread, outcome


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_silent_mail_server_fails_the_task_in_time_and_the_page_stays_quick(
    env, silent_smtp, client
):
    evaluation = due_evaluation()
    services.enqueue_due_follow_ups()
    smtp = {k: v for k, v in env.items() if k != "MAIL_DIR"}
    smtp.update(EMAIL_URL=f"smtp://127.0.0.1:{silent_smtp.port}", EMAIL_TIMEOUT="4")
    smtp["TASK_STUCK_AFTER_SECONDS"] = "1800"
    process = start_worker(smtp, "--batch")
    try:
        assert silent_smtp.wait(60), "the worker never reached the mail server"
        # Meanwhile the person updates their evaluation of the same learning.
        client.force_login(evaluation.entry.person)
        url = reverse("learning:cpd-evaluate", args=[evaluation.entry.pk])
        answers = {"rating": "2", "review": "Long.", "outcome_1": "fully", "outcome_2": "partly"}
        answers["version"] = evaluation.version  # an edit from the page as it was shown
        page, outcome = post_in_thread(client, url, answers)
        page.join(5)
        assert outcome.get("seconds", 99) < 2.5 and outcome["status"] == 302
        assert process.poll() is None  # the worker was still waiting meanwhile
        process.wait(30)  # not for ever
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert task.finished_at - task.started_at < timedelta(seconds=4 + 2)  # EMAIL_TIMEOUT
    evaluation.refresh_from_db()
    assert evaluation.rating == 2
    assert evaluation.follow_up_email == "Failed 1 of 3 tries"
    assert "timed out" in evaluation.follow_up_error
