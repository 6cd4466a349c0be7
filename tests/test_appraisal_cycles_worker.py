"""Opening a cycle for more people than a request should wait for: a background task,
run by the real worker (`manage.py run_worker`), in chunks, with the run's counts."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from appraisals.cycles import services
from appraisals.models import Appraisal, CycleRun
from tests.factories import PersonFactory
from tests.test_pdf_downloads import database_url

ROOT = Path(__file__).resolve().parents[1]


def open_by_hr(client, hr, unit):
    cycle = services.save_cycle(by=hr, name="Wards 2026", year=2026, opens_on=date(2026, 4, 1),
                                closes_on=date(2026, 6, 30), units=[unit])  # fmt: skip
    client.force_login(hr)
    return cycle, client.post(reverse("appraisals:cycle-open", args=[cycle.pk]))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_cycle_is_opened_by_the_real_worker(client, settings, cast, organisation):
    settings.APPRAISAL_CYCLE_INLINE_MAX = 3
    for _ in range(4):
        PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
    cycle, response = open_by_hr(client, cast["hr"], organisation["team"])
    run = CycleRun.objects.get()
    assert response["Location"] == reverse("appraisals:cycle-run", args=[cycle.pk, run.pk])
    assert not Appraisal.objects.exists()  # nothing made while HR waited

    env = {**os.environ, "DATABASE_URL": database_url()}
    subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch", "--no-reload",
         "--no-startup-delay"],
        cwd=ROOT, env=env, check=True, timeout=300, capture_output=True,
    )  # fmt: skip

    run.refresh_from_db()
    assert (run.status, run.total, run.done, run.created) == ("done", 6, 6, 6)
    assert Appraisal.objects.filter(cycle=cycle).count() == 6
    page = client.get(response["Location"]).content.decode()
    assert "6 people given an appraisal." in page


@pytest.mark.django_db
def test_a_background_run_goes_chunk_by_chunk(cast, organisation, settings, monkeypatch):
    settings.APPRAISAL_CYCLE_INLINE_MAX = 1
    monkeypatch.setattr(services, "CHUNK", 2)
    for _ in range(3):
        PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
    cycle = services.save_cycle(by=cast["hr"], name="Wards", year=2026,
                                opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30),
                                units=[organisation["team"]])  # fmt: skip
    run = services.open_cycle(cycle=cycle, by=cast["hr"])
    assert run.status == CycleRun.Status.QUEUED
    batches = []
    bulk_create = Appraisal.objects.bulk_create

    def spy(rows, **options):
        batches.append(len(rows))
        return bulk_create(rows, **options)

    monkeypatch.setattr(Appraisal.objects, "bulk_create", spy)
    services.execute_run(run_id=run.pk)
    assert batches == [2, 2, 1]  # five people, two at a time
    run.refresh_from_db()
    assert (run.status, run.done, run.created) == ("done", 5, 5)
    assert Appraisal.objects.filter(cycle=cycle).count() == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_opening_at_once_open_it_once(cast, organisation):
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connection

    cycle = services.save_cycle(by=cast["hr"], name="Wards", year=2026,
                                opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30),
                                units=[organisation["team"]])  # fmt: skip
    start, answers = threading.Barrier(2), []

    def open_it(by):
        start.wait()
        try:
            answers.append(services.open_cycle(cycle=cycle, by=by).status)
        except ValidationError as error:
            answers.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=open_it, args=(cast[r],)) for r in ("hr", "administrator")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(answers) == ["This cycle is already open.", "done"]
    assert Appraisal.objects.filter(cycle=cycle).count() == 2
    assert CycleRun.objects.count() == 1
