"""A person's data out: what the ZIP holds (every area, the files themselves), what it
never holds (the manager's private preparation notes, anyone else's data), the summary
PDF, the query count of the build, keeping and cleaning up."""

import io
import json
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from careers.models import Conversation
from privacy.models import DataExport
from privacy.your_data import archive, gather, services
from tests.factories import EqualityInformationFactory
from tests.factories_careers import JournalFactory
from tests.your_data_setup import EVIDENCE_BYTES, SEALED_BYTES, everything

MINE = "Marigold-Quokka-7731"
THEIRS = "Zebra-Lantern-4409"  # another person's journal
PRIVATE = "Velvet-Harbour-5120"  # the manager's private preparation notes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BOOKLET_EXPORT_RECYCLE_EVERY = 0  # render in this process: quicker


@pytest.fixture
def planted(cast):
    owner, other = cast["owner"], cast["other_staff"]
    made = everything(owner, MINE)
    everything(other, THEIRS)
    Conversation.objects.filter(pk=made["conversation"].pk).update(
        preparation=f"{PRIVATE} ask about the rota"
    )
    return made


def built(person, by=None):
    export = services.start(by=by or person, person=person)
    assert archive.build(export_id=export.pk) == export.pk
    export.refresh_from_db()
    return export


def members(export):
    with zipfile.ZipFile(default_storage.path(export.file.name)) as archive_file:
        assert archive_file.testzip() is None
        return {name: archive_file.read(name) for name in archive_file.namelist()}


def every_text(files):
    """All the ZIP's text, the summary PDF's extracted text included."""
    texts = []
    for name, data in files.items():
        if name == archive.SUMMARY:
            texts.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
        texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.django_db
def test_the_zip_holds_every_area_the_files_and_nothing_of_anyone_elses(cast, planted):
    EqualityInformationFactory(person=cast["owner"], date_of_birth=date(1980, 5, 17))
    EqualityInformationFactory(person=cast["other_staff"], date_of_birth=date(1971, 2, 3))
    export = built(cast["owner"])
    assert export.status == "ready" and export.expires_at > timezone.now() + timedelta(days=6)
    files = members(export)

    for area in ["profile", "journals", "conversations", "placements", "plans", "cpd",
                 "appraisals", "reads"]:  # fmt: skip
        assert f"json/{area}.json" in files
    tables = ["journal_answers", "journal_sharing", "journal_sharing_history",
              "conversation_notes", "placement_events", "plan_objectives", "cpd_entries",
              "cpd_evidence", "evaluations", "appraisals", "sealed_booklets", "reads"]  # fmt: skip
    for table in tables:
        assert f"csv/{table}.csv" in files
    journals = json.loads(files["json/journals.json"])
    answer = journals["journal_answers"][0]
    assert answer["text"] == f"{MINE} journal answer 0" and answer["version"] == 3
    assert answer["versions_kept"] == 2
    assert journals["journal_sharing"][0]["shared_with"] == cast["line_manager"].full_name
    (equality,) = json.loads(files["json/profile.json"])["equality_monitoring"]
    assert equality["date_of_birth"] == "1980-05-17"
    assert "1971-02-03" not in every_text(files)
    reads = json.loads(files["json/reads.json"])["reads"]
    assert reads[0]["who"] == cast["line_manager"].full_name
    assert reads[0]["what"] == "Your staff record"
    # The files themselves: the evidence under its own name, the sealed booklet.
    assert (
        files[
            "files/cpd-evidence/"
            + next(n.split("/", 2)[2] for n in files if n.startswith("files/cpd-evidence/"))
        ]
        == EVIDENCE_BYTES
    )
    (booklet,) = [n for n in files if n.startswith("files/appraisal-booklets/")]
    assert files[booklet] == SEALED_BYTES
    assert any("handover certificate.pdf" in n for n in files)

    text = every_text(files)
    for area_words in ["journal answer", "adjustments", "note", "placement evidence", "event",
                       "objective", "action", "progress", "learned", "review", "outcome",
                       "appraisal"]:  # fmt: skip
        assert f"{MINE} {area_words}" in text
    assert THEIRS not in text
    assert PRIVATE not in text


@pytest.mark.django_db
def test_the_appraisers_draft_is_held_back_until_they_submit_it(cast, planted):
    from appraisals.models import Appraisal

    appraisal = planted["appraisal"]
    Appraisal.objects.filter(pk=appraisal.pk).update(
        manager_submitted_at=None, manager_assessment="Saffron-Glacier-3307 draft",
        pay_progression_reason="Saffron-Glacier-3307 reason",
    )  # fmt: skip
    files = members(built(cast["owner"]))
    assert "Saffron-Glacier-3307" not in every_text(files)
    (row,) = json.loads(files["json/appraisals.json"])["appraisals"]
    assert row["manager_assessment"] is None and row["self_assessment"].startswith(MINE)
    assert {
        v["rating"] for v in json.loads(files["json/appraisals.json"])["appraisal_values"]
    } == {""}


@pytest.mark.django_db
def test_the_summary_pdf_opens_and_renders(cast, planted, tmp_path):
    files = members(built(cast["owner"]))
    reader = PdfReader(io.BytesIO(files[archive.SUMMARY]))
    assert reader.metadata.title == f"Your data – {cast['owner'].full_name}"
    first = reader.pages[0].extract_text()
    assert "Everything Trellis holds about you" in first and "Your staff record" in first
    (tmp_path / "summary.pdf").write_bytes(files[archive.SUMMARY])
    page = ["-png", "-r", "60", "-f", "1", "-l", "1"]
    subprocess.run(["pdftoppm", *page, tmp_path / "summary.pdf", tmp_path / "page"], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000


@pytest.mark.django_db
def test_gathering_takes_the_same_queries_for_one_journal_or_four(cast, organisation):
    from tests.factories import PersonFactory

    def queries(journals):
        person = PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
        everything(person, MINE, journals=journals)
        with CaptureQueriesContext(connection) as captured:
            for gather_area in gather.AREAS:
                gather_area(person)
        return len(captured)

    small, large = queries(1), queries(4)
    assert small == large == 30  # one a table: 2 + 5 + 2 + 2 + 5 + 5 + 7 + 2


@pytest.mark.django_db
def test_asking_queues_the_build_and_the_page_follows_it(client, cast):
    owner = cast["owner"]
    client.force_login(owner)
    page = client.get(reverse("privacy:your-data")).content.decode()
    assert "Prepare my data" in page and "manager’s own" in page
    response = client.post(reverse("privacy:your-data"))
    export = DataExport.objects.get(person=owner)
    assert response.url == reverse("privacy:your-data-progress", args=[export.token])
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path="privacy.your_data.tasks.build").count() == 1
    progress = client.get(response.url).content.decode()
    assert "Waiting to start" in progress and "Download the ZIP file" not in progress
    archive.build(export_id=export.pk)
    progress = client.get(response.url).content.decode()
    assert "Download the ZIP file" in progress
    download = client.get(reverse("privacy:your-data-download", args=[export.token]))
    assert download["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).testzip() is None


@pytest.mark.django_db
def test_progress_polling_says_nothing_until_something_changes(client, cast):
    owner = cast["owner"]
    client.force_login(owner)
    export = services.start(by=owner, person=owner)
    url = reverse("privacy:your-data-progress", args=[export.token])
    htmx = {"HTTP_HX_REQUEST": "true"}
    assert client.get(url, {"seen": "queued-0"}, **htmx).status_code == 204
    archive.build(export_id=export.pk)
    assert client.get(url, {"seen": "queued-0"}, **htmx).status_code == 286


@pytest.mark.django_db
def test_an_expired_copy_and_a_stray_file_are_cleaned_up(cast, settings):
    settings.TASK_STUCK_AFTER_SECONDS = 0
    owner = cast["owner"]
    export = built(owner)
    stray = default_storage.save("your-data/stray/half.zip", io.BytesIO(b"PK"))
    assert archive.clean_up() == (0, 1)  # the stray, not the copy on offer
    assert not default_storage.exists(stray) and default_storage.exists(export.file.name)
    later = export.expires_at + timedelta(seconds=1)
    assert archive.clean_up(now=later) == (1, 0)
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not default_storage.exists(export.file.name)


@pytest.mark.django_db
def test_a_copy_past_its_time_is_no_longer_offered(client, cast):
    """Until the clean-up ran, an expired copy stayed downloadable."""
    owner = cast["owner"]
    export = built(owner)
    client.force_login(owner)
    download = reverse("privacy:your-data-download", args=[export.token])
    assert client.get(download).status_code == 200
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(1))
    assert client.get(download).status_code == 404


@pytest.mark.django_db
def test_the_clean_up_runs_with_the_workers_periodic_work():
    from frontend.management.commands.run_worker import _periodic
    from privacy.your_data import hooks

    assert hooks.clean_up in _periodic


@pytest.mark.django_db
def test_a_journal_of_someone_else_is_not_gathered(cast):
    JournalFactory(person=cast["other_staff"])
    assert gather.journals(cast["owner"]).tables["journals"] == []


@pytest.mark.django_db
def test_every_kept_version_of_an_answer_is_in_the_json_and_csv_and_counted_in_the_pdf(
    cast, planted
):
    """Earlier versions of a journal answer (careers/journal/versions.py) go out with the
    latest: oldest first, the latest marked; the summary PDF prints the latest text and
    says how many versions were kept, not each earlier text again."""
    import csv

    files = members(built(cast["owner"]))
    versions = json.loads(files["json/journals.json"])["journal_answer_versions"]
    assert [(v["kept_version"], v["text"], v["latest"], v["saved_as_version"])
            for v in versions] == [(1, f"{MINE} first draft 0", False, 1),
                                   (2, f"{MINE} journal answer 0", True, 3)]  # fmt: skip
    assert versions[0]["saved_at"] < versions[1]["saved_at"]
    rows = list(csv.DictReader(io.StringIO(files["csv/journal_answer_versions.csv"].decode())))
    assert [row["text"] for row in rows] == [f"{MINE} first draft 0", f"{MINE} journal answer 0"]
    pages = PdfReader(io.BytesIO(files[archive.SUMMARY])).pages
    pdf = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Versions kept 2" in pdf and "2 kept in all, the latest text included" in pdf
    assert f"{MINE} journal answer 0" in pdf and f"{MINE} first draft" not in pdf
    assert "journal_answer_versions.csv" in files["README.txt"].decode()
