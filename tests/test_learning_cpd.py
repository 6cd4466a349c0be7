"""The CPD log: record learning with evidence, the yearly 70/20/10 summary, exports."""

import csv
import io
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning import cpd, services
from learning.models import CPDEntry, Evidence
from tests.factories import PersonFactory
from tests.factories_learning import (
    PDF_BYTES,
    PNG_BYTES,
    CPDEntryFactory,
    EvidenceFactory,
    InitiativeFactory,
    vocabulary,
)

LOG = reverse("learning:cpd-log")
NEW = reverse("learning:cpd-create")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def staff(cast, client):
    client.force_login(cast["owner"])
    return cast["owner"]


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _form(**changes):
    categories, _, _ = vocabulary()
    week_ago = timezone.localdate() - timedelta(days=7)
    data = {
        "title": "Shadowed the discharge team",
        "category": categories["experience"].pk,
        **_date("started_on", week_ago),
        **_date("ended_on", week_ago + timedelta(days=1)),
        "hours": "7.5",
        "done": "on",
        "learned": "How discharge letters are checked.",
        "apply": "I will check letters the same way on my ward.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_records_learning_from_the_catalogue_with_evidence(staff, client, media):
    initiative = InitiativeFactory(title="Shadow a discharge coordinator")
    page = client.get(NEW, {"initiative": initiative.pk})
    assert 'value="Shadow a discharge coordinator"' in page.text
    upload = SimpleUploadedFile("My certificate.pdf", PDF_BYTES, "application/pdf")
    response = client.post(
        f"{NEW}?initiative={initiative.pk}", _form(evidence=upload), follow=True
    )
    entry = CPDEntry.objects.get(person=staff)
    assert entry.initiative == initiative and entry.hours == Decimal("7.5")
    assert "Added to your CPD log" in response.text
    assert "My certificate.pdf" in response.text
    evidence = entry.evidence.get()
    # Stored through the storage API under MEDIA_ROOT, under a name nobody can guess.
    assert (media / evidence.file.name).read_bytes() == PDF_BYTES
    assert "certificate" not in evidence.file.name
    download = client.get(reverse("learning:cpd-evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "My certificate.pdf" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"


def test_free_text_learning_needs_no_initiative(staff, client):
    response = client.post(NEW, _form(title="Read the new sepsis guidance"))
    assert response.status_code == 302
    assert CPDEntry.objects.get(person=staff).initiative is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "x" * 201}, "“What did you do?” must be 200 characters or fewer"),
        ({"title": ""}, "Enter what you did"),
        (_date("started_on", date.today() + timedelta(days=3)), "Start date must be today or"),
        (_date("ended_on", date.today() + timedelta(days=3)), "End date must be today or in"),
        (_date("ended_on", date(2020, 1, 1)), "End date must be the same as or after the start"),
        ({"started_on_1": "13"}, "Start date must be a real date"),
        ({"hours": "lots"}, "Hours must be a number"),
        ({"hours": "0"}, "Hours must be 0.1 or more"),
        ({"hours": "99999"}, "Hours must be 2,000 or fewer"),
        ({"learned": "y" * 3001}, "“What did you learn?” must be 3,000 characters or fewer"),
        ({"category": "999"}, "Select one of the options"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_the_text(staff, client, changes, message):
    response = client.post(NEW, _form(**changes))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert "I will check letters the same way on my ward." in response.text  # nothing lost
    assert not CPDEntry.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "The selected file must be a PDF, Word document"),
        ("notes.txt", b"hello", "The selected file must be a PDF, Word document"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "The selected file is not a real PDF file"),
        ("photo.png", b"\xff\xd8\xff" + b"0" * 20, "The selected file is not a real PNG file"),
        (
            "huge.pdf",
            PDF_BYTES + b"0" * django_settings.MAX_UPLOAD_BYTES,
            "must be smaller than 5MB",
        ),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_wrong_or_oversized_file_is_refused(staff, client, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post(NEW, _form(evidence=upload))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Shadowed the discharge team"' in response.text
    assert not CPDEntry.objects.exists() and not Evidence.objects.exists()


def test_files_can_be_added_and_removed_later(
    staff, client, media, django_capture_on_commit_callbacks
):
    entry = CPDEntryFactory(person=staff)
    add = reverse("learning:cpd-evidence-add", args=[entry.pk])
    response = client.post(add, {})
    assert "Select a file to add" in response.text
    response = client.post(add, {"evidence": SimpleUploadedFile("scan.png", PNG_BYTES)})
    assert response.status_code == 302
    evidence = entry.evidence.get()
    assert evidence.content_type == "image/png"
    stored = media / evidence.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("learning:cpd-evidence-remove", args=[evidence.pk]))
    assert not entry.evidence.exists()
    assert not stored.exists()


def test_an_entry_and_its_files_are_the_owners_and_shared_managers_only(cast, client):
    entry = CPDEntryFactory(person=cast["owner"], title="Private learning")
    evidence = EvidenceFactory(entry=entry)
    urls = [
        entry.get_absolute_url(),
        reverse("learning:cpd-evidence", args=[evidence.pk]),
    ]
    for role in ("other_staff", "line_manager", "hr", "led", "administrator"):
        client.force_login(cast[role])
        assert [client.get(url).status_code for url in urls] == [404, 404], role
        assert "Private learning" not in client.get(LOG).text
    services.update_cpd(entry=entry, fields={"shared_with_manager": True}, version=entry.version)
    client.force_login(cast["line_manager"])
    assert [client.get(url).status_code for url in urls] == [200, 200]
    team = client.get(reverse("learning:cpd-team", args=[cast["owner"].pk]))
    assert "Private learning" in team.text
    # Reading is all: the manager cannot change the entry or its files.
    assert client.get(reverse("learning:cpd-edit", args=[entry.pk])).status_code == 404
    remove = reverse("learning:cpd-evidence-remove", args=[evidence.pk])
    assert client.post(remove).status_code == 404
    client.force_login(cast["other_staff"])
    assert [client.get(url).status_code for url in urls] == [404, 404]


def test_the_owner_can_change_an_entry(staff, client):
    entry = CPDEntryFactory(person=staff, title="Old title")
    edit = reverse("learning:cpd-edit", args=[entry.pk])
    assert 'value="Old title"' in client.get(edit).text
    response = client.post(
        edit, _form(title="New title", shared_with_manager="on", version=entry.version)
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "New title" and entry.shared_with_manager


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2026, 3, 31), 2025), (date(2026, 4, 1), 2026), (date(2027, 1, 15), 2026)],
)
def test_the_appraisal_year_runs_april_to_march(day, year):
    assert cpd.appraisal_year(day) == year


def test_the_yearly_summary_shows_hours_and_the_70_20_10_mix(staff, client):
    categories, _, _ = vocabulary()
    year = cpd.appraisal_year()
    first, _ = cpd.year_bounds(year)
    CPDEntryFactory(person=staff, category=categories["experience"], hours=6, started_on=first)
    CPDEntryFactory(
        person=staff, category=categories["learning-from-others"], hours=3, started_on=first
    )
    CPDEntryFactory(
        person=staff, category=categories["formal-education"], hours=1, started_on=first
    )
    # Last year's learning and someone else's are not counted.
    CPDEntryFactory(person=staff, hours=50, started_on=first - timedelta(days=1))
    CPDEntryFactory(hours=80, started_on=first)
    response = client.get(LOG)
    text = response.text
    assert "10.0 hours" in text
    summary = response.context["summary"]
    assert [p["percent"] for p in summary["parts"]] == [60, 30, 10]
    assert [p["guide"] for p in summary["parts"]] == [70, 20, 10]
    # The chart is drawn on the server: its words are text, its bars 0 to 100% long.
    assert '<figure class="trellis-chart trellis-chart--mix">' in text
    assert "Your 70/20/10 mix, April" in text
    assert "You 60%" in text and "Guide 70%" in text
    assert '<rect width="60%"' in text and '<rect width="70%"' in text
    assert "The 70/20/10 guide" in text
    last_year = client.get(LOG, {"year": year - 1})
    assert "50.0 hours" in last_year.text
    assert client.get(LOG, {"year": "nonsense"}).status_code == 200


def test_the_log_exports_as_csv_and_pdf(staff, client):
    entry = CPDEntryFactory(person=staff, title="=HYPERLINK(evil)", learned="Triage, again")
    EvidenceFactory(entry=entry, name="cert.pdf")
    CPDEntryFactory(title="Someone else's")
    response = client.get(reverse("learning:cpd-export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Title" and len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(evil)"  # never run as a formula
    assert rows[1][7] == "Triage, again" and rows[1][10] == "cert.pdf"
    pdf = client.get(reverse("learning:cpd-export-pdf"), {"year": cpd.appraisal_year()})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_the_pdfs_70_20_10_chart_is_drawn_at_the_body_text_size(staff, client, tmp_path):
    """The PDF shares the page's chart (learning/cpd/_chart.html): its words are text as
    big as the entries' text, not an SVG shrunk to fit (where "Guide 70%" was 8 pt)."""
    categories, _, _ = vocabulary()
    first, _ = cpd.year_bounds(cpd.appraisal_year())
    CPDEntryFactory(person=staff, category=categories["experience"], hours=6, started_on=first)
    CPDEntryFactory(
        person=staff, category=categories["formal-education"], hours=4, started_on=first
    )
    pdf = client.get(reverse("learning:cpd-export-pdf"), {"year": cpd.appraisal_year()})
    path = tmp_path / "log.pdf"
    path.write_bytes(pdf.content)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = {}
    for y_min, y_max, word in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes
    ):
        heights.setdefault(word, []).append(float(y_max) - float(y_min))
    body = heights["handover."][0]  # "How to run a handover.", an entry's text
    chart = heights["You"] + heights["Guide"][:3]  # the table's "Guide" comes after
    assert len(chart) == 6 and min(chart) >= body - 0.1, (chart, body)
    assert "You 60%" in pdf_text(path) and "Guide 70%" in pdf_text(path)


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _log_queries(client):
    client.get(LOG)  # the session is written at most once a minute (people.middleware)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LOG).status_code == 200
    return len(queries)


def test_the_log_page_queries_do_not_grow_with_entries(staff, client):
    for _ in range(2):
        EvidenceFactory(entry=CPDEntryFactory(person=staff))
    at_2 = _log_queries(client)
    for _ in range(30):
        EvidenceFactory(entry=CPDEntryFactory(person=staff))
    at_32 = _log_queries(client)
    # 2: session and person; 1: the vocabulary; 1: the year's hours by category;
    # 1: the years with entries; 1: the count; 1: the page; 1: its evidence;
    # 1: the person's reports; 1: their roles (header links). The session is not
    # written.
    assert at_2 == at_32 == 10, (at_2, at_32)


@pytest.mark.parametrize("odd", ["²", "1" * 5000, "12abc"])
def test_an_odd_initiative_number_opens_an_empty_form(client, db, odd):
    person = PersonFactory()
    client.force_login(person)
    response = client.get(reverse("learning:cpd-create"), {"initiative": odd})
    assert response.status_code == 200
    assert response.context["form"]["title"].value() in (None, "")


def test_an_edit_from_an_older_tab_shows_what_the_other_tab_saved(staff, client):
    """Tab A saves a new "What did you learn?"; tab B, opened before, changes the title.
    B is refused, and the answer A changed is marked with A's text; saving again after
    seeing it is B's informed choice."""
    # Both tabs show the entry as saved now: _form()'s answers, at this version.
    entry = CPDEntryFactory(person=staff, **_entry_fields())
    edit = reverse("learning:cpd-edit", args=[entry.pk])
    opened = entry.version
    tab_a = client.post(edit, _form(learned="Letters need two checks & a signature.",
                                    version=opened))  # fmt: skip
    assert tab_a.status_code == 302
    tab_b = client.post(edit, _form(title="Shadowed discharge for a week", version=opened))
    assert tab_b.status_code == 200
    html = tab_b.text
    assert "Check the answers marked below" in html
    saved_now = (
        "Saved now, different from your answer: “Letters need two checks &amp; a signature.”"
    )
    # In the error summary, linked to the box, and beside the box itself.
    assert html.count(saved_now) == 2
    assert 'href="#id_learned"' in html
    assert "How discharge letters are checked." in html  # B's own text, kept
    assert 'value="Shadowed discharge for a week"' in html
    # Answers B's post agrees with are not marked; the one B changed is, with what is saved.
    assert "answer: “I will check letters" not in html
    assert "answer: “Shadowed the discharge team”" in html
    entry.refresh_from_db()
    assert entry.learned == "Letters need two checks & a signature."
    assert entry.title == "Shadowed the discharge team"
    version = tab_b.context["form"]["version"].value()
    again = client.post(edit, _form(title="Shadowed discharge for a week", version=version))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Shadowed discharge for a week"
    assert entry.learned == "How discharge letters are checked."


def _entry_fields():
    categories, _, _ = vocabulary()
    week_ago = timezone.localdate() - timedelta(days=7)
    return {
        "title": "Shadowed the discharge team", "category": categories["experience"],
        "started_on": week_ago, "ended_on": week_ago + timedelta(days=1),
        "hours": Decimal("7.5"), "done": True,
        "learned": "How discharge letters are checked.",
        "apply": "I will check letters the same way on my ward.",
    }  # fmt: skip


def test_the_csv_export_reads_as_many_queries_for_one_shared_entry_as_for_five(staff, client):
    """Each row says whether the entry is still shared, which asks for its owner: the
    owner is read with the entries, not once per shared row."""

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            rows = client.get(reverse("learning:cpd-export-csv")).content.decode("utf-8-sig")
        return len(queries), rows

    shared = {"shared_with_manager": True, "shared_with": staff.line_manager}
    CPDEntryFactory(person=staff, **shared)
    one, rows = export_queries()
    assert "Shared with your line manager" in rows
    for _ in range(4):
        CPDEntryFactory(person=staff, **shared)
    five, rows = export_queries()
    assert rows.count("Shared with your line manager") == 5
    assert five == one
