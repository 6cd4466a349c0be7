"""The retention rules: what is past its time goes, what is inside it stays, and a dry
run counts the same and changes nothing (privacy/retention, docs/data-protection.md)."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from careers.models import AnswerVersion, Journal
from frontend.models import PdfDownload
from people.models import Person, RecordView
from people.services import record_read
from privacy.models import Erasure, RetentionRun
from privacy.retention import schedule, services
from tests.factories import EsrImportRunFactory, PersonFactory
from tests.factories_appraisals import BookletExportFactory
from tests.factories_careers import AnswerVersionFactory, JournalFactory

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def table_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def records(settings, tmp_path):
    """One record of each kind past its time, and one inside it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    person, reader = PersonFactory(), PersonFactory()
    old_journal = JournalFactory(person=person, year=2019)  # its year ended March 2020
    kept_journal = JournalFactory(person=person, year=2020)  # ends March 2021: 6 years on
    AnswerVersionFactory(answer__journal=old_journal)  # an earlier text of an answer
    kept_version = AnswerVersionFactory(answer__journal=kept_journal)
    old_read = record_read(viewer=reader, subject=person, record=person)
    RecordView.objects.filter(pk=old_read.pk).update(viewed_at=datetime(2020, 11, 30, tzinfo=UTC))
    kept_read = record_read(viewer=reader, subject=person, record=person)
    RecordView.objects.filter(pk=kept_read.pk).update(viewed_at=datetime(2021, 1, 2, tzinfo=UTC))
    old_pdf = PdfDownload.objects.create(owner=person, kind="cpd", filename="cpd.pdf")
    old_pdf.file.save("cpd.pdf", ContentFile(b"%PDF-1.4\n"))
    PdfDownload.objects.filter(pk=old_pdf.pk).update(created_at=NOW - timedelta(days=8))
    kept_pdf = PdfDownload.objects.create(owner=person, kind="cpd", filename="cpd.pdf")
    PdfDownload.objects.filter(pk=kept_pdf.pk).update(created_at=NOW - timedelta(days=6))
    BookletExportFactory(expires_at=NOW - timedelta(hours=1))
    kept_export = BookletExportFactory(expires_at=NOW + timedelta(days=1))
    for days in (91, 89):  # one ESR import run past its 90 days, one inside them
        EsrImportRunFactory(created_at=NOW - timedelta(days=days))
    for expires in (NOW - timedelta(minutes=1), NOW + timedelta(minutes=1)):
        session = SessionStore()
        session["_auth_user_id"] = str(person.pk)
        session.create()  # a session that ended (it can hold what was typed), one that has not
        Session.objects.filter(pk=session.session_key).update(expire_date=expires)
    leaver = PersonFactory(is_active=False, left_on=date(2020, 11, 30))
    recent_leaver = PersonFactory(is_active=False, left_on=date(2020, 12, 2))
    return {"journal": kept_journal, "old_journal": old_journal, "read": kept_read,
            "answer_version": kept_version,
            "pdf": kept_pdf, "old_pdf_file": old_pdf.file.name, "export": kept_export,
            "leaver": leaver, "recent_leaver": recent_leaver, "person": person}  # fmt: skip


EXPECTED = {
    "journals": 1,
    "reads of records": 1,
    "background PDFs": 1,
    "expired booklet exports": 1,
    "ESR import runs": 1,
    "expired sessions": 1,
    "leavers erased": 1,
    "leavers kept": 0,
}


@pytest.mark.django_db
def test_a_dry_run_counts_what_would_go_and_writes_nothing(records):
    before = table_counts()

    counts = services.apply(dry_run=True, now=NOW)

    assert counts == EXPECTED
    assert table_counts() == before
    assert Person.objects.get(pk=records["leaver"].pk).given_name != "Erased"
    assert default_storage.exists(records["old_pdf_file"])


@pytest.mark.django_db
def test_what_is_past_its_time_goes_and_what_is_inside_it_stays(records):
    counts = services.apply(now=NOW)

    assert counts == EXPECTED
    assert list(Journal.objects.all()) == [records["journal"]]
    # A journal's answers go with it, and every earlier version of them.
    assert list(AnswerVersion.objects.all()) == [records["answer_version"]]
    assert list(RecordView.objects.filter(subject=records["person"])) == [records["read"]]
    assert list(PdfDownload.objects.all()) == [records["pdf"]]
    assert Session.objects.filter(expire_date__gt=NOW).count() == 1
    # The run inside its 90 days went too, with the leaver's erasure (every import run
    # may name the person, privacy/erasure/registry.py), which the dry run cannot count.
    assert not default_storage.exists(records["old_pdf_file"])
    leaver = Person.objects.get(pk=records["leaver"].pk)
    assert leaver.full_name == f"Erased person {leaver.pk}"
    assert Erasure.objects.get(person=leaver).erased_by is None
    assert not Erasure.objects.filter(person=records["recent_leaver"]).exists()
    assert RetentionRun.objects.get().counts == EXPECTED
    assert services.apply(now=NOW) == dict.fromkeys(EXPECTED, 0)  # nothing left to do


@pytest.mark.django_db
def test_a_leaver_who_still_manages_someone_is_kept_and_counted(records):
    PersonFactory(line_manager=records["leaver"])

    counts = services.apply(dry_run=True, now=NOW)

    assert (counts["leavers erased"], counts["leavers kept"]) == (0, 1)


@pytest.mark.django_db
def test_a_rule_set_to_zero_removes_nothing(records, settings):
    settings.RETENTION_JOURNAL_YEARS = 0

    counts = services.apply(now=NOW)

    assert counts["journals"] == 0
    assert Journal.objects.filter(pk=records["old_journal"].pk).exists()


@pytest.mark.django_db
def test_the_command_reports_counts_and_its_dry_run_changes_nothing(records, monkeypatch):
    # The command reads the clock; the records are dated against NOW, not the day it runs.
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert "Would remove: journals: " in out.getvalue()
    assert "Would remove: leavers erased: 1" in out.getvalue()
    assert "Dry run: nothing was changed." in out.getvalue()
    assert Journal.objects.count() == 2 and not RetentionRun.objects.exists()


@pytest.mark.django_db
def test_the_worker_applies_the_rules_once_a_day(records):
    assert schedule.run_if_due(now=NOW) == EXPECTED
    assert schedule.run_if_due(now=NOW + timedelta(hours=23)) is None
    assert schedule.run_if_due(now=NOW + timedelta(hours=25)) is not None
    assert RetentionRun.objects.count() == 2
