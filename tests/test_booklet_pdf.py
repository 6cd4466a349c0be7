"""The appraisal booklet as a PDF: what it says and leaves out, that it is tagged for
accessibility, and that its seal shows any change to the file."""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from appraisals.access import appraisals_visible_to
from appraisals.appraisal.presenters import snapshot_career
from appraisals.booklet import seal, services
from appraisals.management.commands.booklet_demo_certificate import make_pair
from appraisals.models import Appraisal, SealedBooklet
from careers.journal import services as journal
from careers.models import Question, SectionState
from tests.factories_booklet import appraisal_for, complete, fill
from tests.factories_careers import (
    AnswerFactory,
    DevelopmentPlanFactory,
    JournalFactory,
    ObjectiveFactory,
    PlacementFactory,
    PlanActionFactory,
)

SELF = "I ran the <b>Tuesday</b> clinic <script>alert(1)</script> & trained two colleagues."
LONG_WORD = "https://example.nhs.uk/audit?ref=" + "Zq8" * 45
SHARED = "SHARED-CURRENT-ROLE: I coordinate the outpatient booking team."
UNSHARED = "UNSHARED-ASPIRATION: I would like to leave for another trust."
WELLBEING = "WELLBEING-NOT-CHOSEN: I have been unwell this winter."


def pdftotext(path):
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def answer(journal_obj, key, text):
    question = Question.objects.filter(section__bank=journal_obj.bank, section__key=key).first()
    AnswerFactory(journal=journal_obj, question=question, text=text)
    return SectionState.objects.get(journal=journal_obj, section=question.section)


def career_and_journal(person, year, *, wellbeing_chosen=False):
    PlacementFactory(
        person=person, year=year, agreed=True, evidence="PLACEMENT-EVIDENCE: led the clinic move"
    )
    plan = DevelopmentPlanFactory(person=person, year=year)
    objective = ObjectiveFactory(plan=plan, what="PLAN-OBJECTIVE: lead the clinic letters audit")
    PlanActionFactory(objective=objective, text="Shadow the audit lead for a month")
    notes = JournalFactory(person=person, year=year)
    journal.share_section(state=answer(notes, "current-role", SHARED), by=person)
    answer(notes, "aspirations", UNSHARED)  # never shared
    journal.share_section(
        state=answer(notes, "health-and-wellbeing", WELLBEING),
        by=person,
        confirmed=True,
        include_elsewhere=wellbeing_chosen,
    )


@pytest.fixture
def sealing(settings, tmp_path):
    """The organisation's certificate: a self-signed one made for the test."""
    key, cert, passphrase = make_pair(tmp_path / "seal", organisation="Test Trust")
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase
    settings.MEDIA_ROOT = tmp_path / "media"
    return cert


def complete_booklet_appraisal(person, **career):
    person.assignment_number = "ESR-40417"
    person.save()
    appraisal = appraisal_for(person)
    career_and_journal(person, appraisal.cycle.year, **career)
    fill(appraisal, objectives=3)
    Appraisal.objects.filter(pk=appraisal.pk).update(
        self_assessment=f"{SELF}\n{LONG_WORD}",
        pay_progression=Appraisal.PayProgression.NOT_MET,
        pay_progression_reason="Statutory training on fire safety is out of date.",
    )
    appraisal.refresh_from_db()
    appraisal = complete(appraisal, snapshot=snapshot_career(appraisal))
    return appraisals_visible_to(person).get(pk=appraisal.pk)


@pytest.mark.django_db
def test_the_sealed_booklet_says_what_was_agreed_and_nothing_private(cast, sealing, tmp_path):
    owner, manager = cast["owner"], cast["line_manager"]
    appraisal = complete_booklet_appraisal(owner)

    booklet = services.seal_now(appraisal_id=appraisal.pk)
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet.file.read())
    text = " ".join(pdftotext(path).split())

    # The cover, the person's answers (their markup as text), the career record, the
    # pay-progression outcome and both signatures.
    for expected in [owner.full_name, "ESR-40417", "Band 5", "Clinic Admin", "Complete",
                     "<b>Tuesday</b>", "<script>alert(1)</script>", "Zq8Zq8",
                     "Objective 3:", "Measure 3:", "Role model",
                     "PLACEMENT-EVIDENCE", "PLAN-OBJECTIVE", "Shadow the audit lead",
                     "Does not meet the requirements yet", "fire safety", SHARED]:  # fmt: skip
        assert expected in text, expected
    assert f"{owner.full_name} Appraisee" in text and f"{manager.full_name} Appraiser" in text
    assert "Contents" in text and "Page 1 of" in text
    # Nothing the person did not share, nor Health and well-being they did not choose.
    assert "UNSHARED-ASPIRATION" not in text
    assert "WELLBEING-NOT-CHOSEN" not in text and "Health and well-being" not in text

    # Tagged (PDF/UA), with a title, author, subject and language.
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Appraisal booklet: {owner.full_name}, {appraisal.cycle}"
    assert owner.full_name in reader.metadata.author and reader.metadata.subject

    # The seal holds; one byte changed anywhere breaks it.
    verdict = seal.check(path.read_bytes())
    assert verdict.ok and verdict.sealed_by == "Test Trust"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    assert not seal.check(bytes(data)).ok


@pytest.mark.django_db
def test_health_and_wellbeing_appears_once_the_person_chose_it(cast, sealing):
    appraisal = complete_booklet_appraisal(cast["owner"], wellbeing_chosen=True)
    html = "".join(part.html for part in services.booklet_context(appraisal)["parts"])
    assert "WELLBEING-NOT-CHOSEN" in html and "Health and well-being" in html
    assert "UNSHARED-ASPIRATION" not in html


@pytest.mark.django_db
def test_a_signed_appraisal_shows_the_plan_as_it_was_signed(cast):
    appraisal = complete_booklet_appraisal(cast["owner"])
    ObjectiveFactory(plan=cast["owner"].development_plans.get(), what="ADDED-AFTER-SIGNING")
    html = "".join(part.html for part in services.booklet_context(appraisal)["parts"])
    assert "PLAN-OBJECTIVE" in html and "ADDED-AFTER-SIGNING" not in html


@pytest.mark.django_db
def test_a_draft_is_marked_on_every_page(cast, tmp_path):
    appraisal = fill(appraisal_for(cast["owner"]))
    path = tmp_path / "draft.pdf"
    path.write_bytes(services.render(appraisal))
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) >= 3
    # The cover says so in words; every other page in its running header.
    assert "Draft – not signed" in pages[0]
    assert all("Draft – not signed" in page for page in pages[1:])


@pytest.mark.django_db
def test_verify_booklet_says_who_sealed_it_and_fails_on_a_changed_file(cast, sealing, tmp_path):
    appraisal = complete_booklet_appraisal(cast["owner"])
    booklet = services.seal_now(appraisal_id=appraisal.pk)
    good = tmp_path / "good.pdf"
    good.write_bytes(booklet.file.read())
    out = io.StringIO()
    call_command("verify_booklet", str(good), stdout=out)
    assert "Sealed by: Test Trust\n" in out.getvalue()
    assert "The booklet is intact" in out.getvalue()

    bad = tmp_path / "bad.pdf"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    with pytest.raises(CommandError) as failed:
        call_command("verify_booklet", str(bad), stdout=io.StringIO())
    assert failed.value.returncode == 1
    assert "The file was changed after it was sealed" in str(failed.value)
    assert "certificate" not in str(failed.value)

    unsealed = tmp_path / "unsealed.pdf"
    unsealed.write_bytes(services.render(appraisal))
    with pytest.raises(CommandError, match="The file is not sealed"):
        call_command("verify_booklet", str(unsealed), stdout=io.StringIO())


@pytest.mark.django_db
def test_sealing_twice_keeps_one_booklet(cast, sealing):
    appraisal = complete_booklet_appraisal(cast["owner"])
    first = services.seal_now(appraisal_id=appraisal.pk)
    assert services.seal_now(appraisal_id=appraisal.pk) is None
    assert list(SealedBooklet.objects.all()) == [first]


@pytest.mark.django_db
def test_a_long_table_repeats_its_header_row_on_every_page(cast, tmp_path):
    appraisal = fill(appraisal_for(cast["owner"]), objectives=25)
    path = tmp_path / "long.pdf"
    path.write_bytes(services.render(appraisal))
    pages = [page for page in pdftotext(path).split("\f") if "Measure " in page]
    assert len(pages) >= 2  # the objectives table runs over more than one page
    assert all("How it will be measured" in page for page in pages)
    contents = pdftotext(path).split("\f")[1]
    # Each line of the contents ends with its page number.
    assert re.search(r"This year's objectives[ .]*\s*[3-9]\b", contents), contents
    assert re.search(r"Meeting and sign-off[ .]*\s*[4-9]\b", contents), contents
