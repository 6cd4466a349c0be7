"""What the person gave one manager reaches no other (docs/adr/0009): the booklet reads
only what is shared with the appraisal's appraiser, the appraiser never sees an
unsubmitted self-assessment, and a new appraiser does not inherit the former one's
assessment."""

import pytest
from django.urls import reverse

from appraisals.booklet import registry
from appraisals.cycles import services as cycles
from appraisals.models import Appraisal
from careers.booklet_sections import journal_context
from careers.journal import services as journal
from learning.booklet_sections import cpd_context
from tests import appraisal_setup as setup
from tests.factories_booklet import appraisal_for, complete, fill
from tests.factories_careers import JournalFactory
from tests.factories_learning import CPDEntryFactory
from tests.test_booklet_pdf import answer

pytestmark = pytest.mark.django_db
FOR_THE_NEW_MANAGER = "SHARED-WITH-THE-NEW-MANAGER: I want to lead the service."


def test_a_section_shared_with_a_later_manager_never_reaches_the_earlier_appraiser(cast):
    owner = cast["owner"]
    appraisal = complete(fill(appraisal_for(owner)))  # written and signed by line_manager
    owner.line_manager = cast["other_manager"]
    owner.save()
    notes = JournalFactory(person=owner, year=appraisal.cycle.year)
    journal.share_section(state=answer(notes, "aspirations", FOR_THE_NEW_MANAGER), by=owner)
    CPDEntryFactory(person=owner, title="CPD-FOR-THE-NEW-MANAGER", shared_with_manager=True)

    appraisal.refresh_from_db()
    assert journal_context(appraisal)["sections"] == []
    assert cpd_context(appraisal)["summary"]["total"] == 0
    html = "".join(part.html for part in registry.parts(appraisal))
    assert FOR_THE_NEW_MANAGER not in html


def test_the_appraiser_never_sees_a_draft_self_assessment_even_on_a_refused_post(client, cast):
    a = setup.appraisal(cast["owner"])
    from appraisals.appraisal import parts, services

    a = services.start_preparing(appraisal=a, by=cast["owner"])
    parts.save_self_assessment(appraisal=a, by=cast["owner"], version=a.version,
                               text="PRIVATE-DRAFT about my year")  # fmt: skip
    client.force_login(cast["line_manager"])
    url = reverse("appraisals:manager-assessment", args=[a.pk])
    response = client.post(url, {"version": "999", "manager_assessment": "x"})
    assert response.status_code in (200, 302)
    assert "PRIVATE-DRAFT" not in response.content.decode()


def test_a_new_appraiser_does_not_inherit_the_former_ones_assessment(cast):
    a = setup.prepared(setup.appraisal(cast["owner"]))  # the manager is writing
    Appraisal.objects.filter(pk=a.pk).update(manager_assessment="FORMER-MANAGER-DRAFT")
    owner = cast["owner"]
    cycles.move_to_new_appraiser(
        person=owner, old_manager=cast["line_manager"], new_manager=cast["other_manager"]
    )
    a.refresh_from_db()
    assert a.appraiser == cast["other_manager"] and a.manager_assessment == ""
    assert "writes their own" in a.events.last().detail


def test_the_same_words_with_a_browsers_line_endings_are_not_a_stale_edit(cast):
    """A page's Save after its own autosave sends the same text with \\r\\n line endings
    and the version it was opened with: that is no change, not someone else's edit."""
    from appraisals.appraisal import parts, services

    owner = cast["owner"]
    a = services.start_preparing(appraisal=setup.appraisal(owner), by=owner)
    opened_with = a.version
    a = parts.save_self_assessment(appraisal=a, by=owner, version=a.version,
                                   text="First line\nSecond line")  # the autosave  # fmt: skip
    a = parts.save_self_assessment(appraisal=a, by=owner, version=opened_with,
                                   text="First line\r\nSecond line")  # the Save  # fmt: skip
    a.refresh_from_db()
    assert a.self_assessment == "First line\nSecond line"


def test_a_booklet_built_for_hr_is_not_fetched_once_hr_no_longer_looks_after_the_person(
    client, cast, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from appraisals.booklet.services import KIND
    from frontend.models import PdfDownload

    settings.MEDIA_ROOT = tmp_path
    appraisal = setup.appraisal(cast["owner"])
    download = PdfDownload.objects.create(
        owner=cast["hr"], kind=KIND, params={"appraisal": appraisal.pk},
        status=PdfDownload.Status.READY, filename="booklet.pdf",
    )  # fmt: skip
    download.file.save("booklet.pdf", ContentFile(b"%PDF-1.7\n"))
    url = reverse("download-file", args=[download.token])
    client.force_login(cast["hr"])
    assert client.get(url).status_code == 200
    cast["hr"].hr_scopes.all().delete()
    assert client.get(url).status_code == 404
