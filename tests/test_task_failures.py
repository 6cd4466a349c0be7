"""A background task that fails, by an error or by being given up after its worker
stopped three times, never leaves a page waiting for ever: each task names what settles
the record it was working on (frontend/worker.py `when_failed`), and that runs whichever
way the task failed."""

import importlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.tasks import Task, TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appraisals.booklet import services as booklet_services
from appraisals.exports import services
from appraisals.models import BookletExport, BookletExportItem
from frontend import worker

# The booklet-export world, and the autouse fixture that keeps exports small and quick.
from tests import test_booklet_exports as booklet_exports
from tests.factories_booklet import appraisal_for, complete, cycle_for
from tests.test_booklet_exports import fake_pdf, run_tasks, start, zip_of

# The booklet-export world, and the autouse fixture that keeps exports small and quick.
world = booklet_exports.world
_small = booklet_exports._small

ROOT = Path(__file__).resolve().parents[1]
APPS = ["frontend", "people", "careers", "learning", "appraisals", "privacy"]


def every_task():
    """Every django.tasks Task defined in a tasks.py of a Trellis app."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("tasks.py")):
            module = importlib.import_module(
                ".".join(path.relative_to(ROOT).with_suffix("").parts)
            )
            for value in vars(module).values():
                if isinstance(value, Task) and value.func.__module__ == module.__name__:
                    yield value


def test_every_task_says_what_settles_it_when_it_fails():
    tasks = list(every_task())
    assert len(tasks) >= 6
    missing = [task.module_path for task in tasks if not worker.settles(task.module_path)]
    assert missing == [], "call frontend.worker.when_failed(task, settle) for each"


def given_up(result_id):
    """The row of a task whose worker stopped three times: RUNNING, long ago."""
    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(days=1),
        worker_ids=["stopped-1", "stopped-2", "stopped-3"],
    )


@pytest.mark.django_db
def test_a_chunk_given_up_lists_its_booklets_and_the_export_still_finishes(
    client,
    cast,
    world,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(services, "render_booklet", fake_pdf)
    response = start(client, cast["hr"], world)
    first = DBTaskResult.objects.filter(task_path__endswith="build_chunk").order_by("id").first()
    given_up(first.pk)

    with django_capture_on_commit_callbacks(execute=True):
        requeued, failed = worker.recover_stuck_tasks()
    assert failed == [first.pk]
    run_tasks()  # the other chunk, then the ZIP

    export = BookletExport.objects.get()
    assert export.status == "ready"
    page = client.get(response["Location"]).content.decode()
    assert "Booklets that could not be made" in page
    assert "Not made: The worker doing it stopped before it finished, 3 times." in page
    chunk = first.args_kwargs["kwargs"].get("chunk", (first.args_kwargs["args"] + [None])[1])
    lost = BookletExportItem.objects.filter(export=export, chunk=chunk).count()
    assert lost and export.items.filter(status="failed").count() == lost
    assert len(zip_of(export).namelist()) == 3 - lost  # the rest, each once


@pytest.mark.django_db
def test_a_seal_that_fails_says_so_and_offers_the_booklet_unsealed(
    client, cast, organisation, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    def broken(*, appraisal_id):
        raise OSError("certificate unreadable")

    monkeypatch.setattr(booklet_services, "seal_now", broken)
    cycle = cycle_for(organisation["team"])
    appraisal = complete(appraisal_for(cast["owner"], cycle=cycle))
    from appraisals.booklet.tasks import seal_booklet

    seal_booklet.enqueue(appraisal.pk)  # fails at once: the signal settles it

    client.force_login(cast["owner"])
    page = client.get(reverse("appraisals:appraisal-booklet", args=[appraisal.pk]))
    text = page.content.decode()
    assert "could not be sealed. An error stopped it (OSError)." in text
    assert "being made" not in text
    assert "Download the booklet, not sealed (PDF)" in text
    download = client.get(reverse("appraisals:appraisal-booklet-pdf", args=[appraisal.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
