"""Sharing is consent to a person: a change of line manager does not pass it on.

Walks every record a person can share with their line manager
(people.consent.shareable_models): share it, have an administrator change the
line manager in the admin, check that neither the new nor the former manager
reads it, that the person's home page lists it to share again, and that
sharing again shows it to the new manager only.
"""

import subprocess
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careers.journal import services as careers
from learning import services as learning
from people.consent import SharedWithManager, shareable_models
from tests.factories import PersonFactory
from tests.factories_learning import PDF_BYTES, this_year_week_ago, vocabulary

pytestmark = pytest.mark.django_db


def pdf_text(pdf):
    """The text of a PDF, as poppler's pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


HEALTH, STRENGTHS = "health-and-wellbeing", "strengths-and-challenges"


@dataclass
class Shared:
    """One shared record, where its manager reads it, and where they find it listed."""

    record: object
    reads: list  # URLs a manager opens: 200 while shared with them, else 404
    listed_at: str  # a page of theirs that names it while it is shared with them
    name: str  # how that page names it


def share_journal_sections(client, owner):
    journal = careers.start_journal(person=owner, year=careers.appraisal_year())
    shared = []
    for key in (HEALTH, STRENGTHS):
        client.post(reverse("journal-share", args=[journal.year, key]), {"confirm": "on"})
        state = journal.section_states.select_related("section").get(section__key=key)
        read = reverse("shared-section", args=[owner.pk, journal.year, key])
        listed = reverse("shared-journal", args=[owner.pk])
        shared.append(Shared(state, [read], listed, state.section.title))
    return shared


def share_journal_again(client, state):
    share = reverse("journal-share", args=[state.journal.year, state.section.key])
    assert client.post(share, {"confirm": "on"}).status_code == 302


CPD_FIELDS = {
    "title": "Shadowed the discharge team",
    "hours": "7.5",
    "done": "on",
    "learned": "How discharge letters are checked.",
}


def share_cpd_entry(client, owner):
    week_ago = this_year_week_ago()  # the CPD log opens on this year
    fields = {
        **CPD_FIELDS,
        "category": vocabulary()[0]["experience"],
        "started_on": week_ago,
        "hours": 7.5,
        "done": True,
        "shared_with_manager": True,
    }
    upload = SimpleUploadedFile("certificate.pdf", PDF_BYTES, "application/pdf")
    entry = learning.record_cpd(person=owner, fields=fields, evidence=(upload, "application/pdf"))
    reads = [
        entry.get_absolute_url(),
        reverse("learning:cpd-evidence", args=[entry.evidence.get().pk]),
    ]
    listed = reverse("learning:cpd-team", args=[owner.pk])
    return [Shared(entry, reads, listed, entry.title)]


def share_cpd_again(client, entry):
    edit = reverse("learning:cpd-edit", args=[entry.pk])
    page = client.get(edit).text
    assert "who is not your line manager now" in page
    week_ago = this_year_week_ago()  # the CPD log opens on this year
    data = {
        **CPD_FIELDS,
        "category": entry.category_id,
        "started_on_0": week_ago.day,
        "started_on_1": week_ago.month,
        "started_on_2": week_ago.year,
        "shared_with_manager": "on",
        "version": entry.version,
    }
    assert client.post(edit, data).status_code == 302


# Every shareable model, how a person shares its records and shares them again.
CASES = {
    "careers.SectionState": (share_journal_sections, share_journal_again),
    "learning.CPDEntry": (share_cpd_entry, share_cpd_again),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def change_line_manager_in_the_admin(client, administrator, person, manager):
    client.force_login(administrator)
    joined = timezone.localtime(person.date_joined)
    data = {
        "email": person.email,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "unit": person.unit_id,
        "line_manager": manager.pk,
        "is_active": "on",
        "date_joined_0": joined.strftime("%Y-%m-%d"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        "hr_scopes-TOTAL_FORMS": "0",
        "hr_scopes-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:people_person_change", args=[person.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.line_manager == manager


def answers(client, viewer, shared):
    """For each shared record: what `viewer` gets from each of its reads, and
    whether their listing page names it."""
    client.force_login(viewer)
    got = []
    for item in shared:
        listing = client.get(item.listed_at)
        named = listing.status_code == 200 and item.name in listing.text
        got.append(([client.get(url).status_code for url in item.reads], named))
    return got


def everything(shared, code, named):
    return [([code] * len(item.reads), named) for item in shared]


def test_every_shareable_record_has_a_case():
    assert {model._meta.label for model in shareable_models()} == set(CASES)


def test_every_record_with_a_share_keeps_who_it_was_shared_with():
    """A model with a "shared…" field is shared through people.consent, not beside it."""
    ours = ("people", "careers", "learning", "appraisals")
    for model in apps.get_models():
        if model._meta.app_label not in ours or model.__name__.startswith("Historical"):
            continue
        sharing = [f.name for f in model._meta.fields if f.name.startswith("shared")]
        assert not sharing or issubclass(model, SharedWithManager), (model, sharing)


def test_a_share_does_not_pass_to_the_next_line_manager(client, cast):
    owner, first, administrator = cast["owner"], cast["line_manager"], cast["administrator"]
    first.given_name, first.family_name = "Yusuf", "Okafor"
    first.save()
    second = PersonFactory(given_name="Xiu", family_name="Chen", unit=owner.unit)

    client.force_login(owner)
    shared = []
    for share, _ in CASES.values():
        shared.extend(share(client, owner))
    assert answers(client, first, shared) == everything(shared, 200, True)
    assert answers(client, second, shared) == everything(shared, 404, False)

    change_line_manager_in_the_admin(client, administrator, owner, second)

    nothing = everything(shared, 404, False)
    assert answers(client, second, shared) == nothing, "the new manager reads old shares"
    assert answers(client, first, shared) == nothing, "the former manager still reads them"
    client.force_login(second)
    assert "Journals shared with you" not in client.get(reverse("home")).text
    assert "nothing shared" in client.get(reverse("my-team")).text

    client.force_login(owner)
    home = client.get(reverse("home")).text
    assert "Your line manager changed to Xiu Chen." in home
    assert "What you shared with Yusuf Okafor is no longer shared with anyone." in home
    for item in shared:
        item.record.refresh_from_db()
        assert f'<a href="{item.record.share_again_url()}">' in home
        assert item.record.share_title() in home

    for item in shared:
        CASES[item.record._meta.label][1](client, item.record)
    client.force_login(owner)
    assert "Your line manager changed" not in client.get(reverse("home")).text
    assert answers(client, second, shared) == everything(shared, 200, True)
    assert answers(client, first, shared) == nothing


def test_the_person_is_told_on_each_record_and_can_keep_it_private(client, cast):
    owner, second = cast["owner"], PersonFactory(given_name="Xiu", family_name="Chen")
    client.force_login(owner)
    [health, _] = share_journal_sections(client, owner)
    [entry] = share_cpd_entry(client, owner)
    owner.line_manager = second
    owner.save()

    state = health.record
    section = client.get(state.share_again_url()).text
    assert "No longer shared." in section
    assert "who is not your line manager now, so nobody can see it" in section
    assert "Share this section with Xiu Chen" in section
    tasks = client.get(reverse("journal-tasks", args=[state.journal.year])).text
    assert "No longer shared: your line manager changed" in tasks
    assert "No longer shared" in client.get(reverse("learning:cpd-log")).text
    detail = client.get(entry.record.get_absolute_url()).text
    assert "No longer shared: you shared it with" in detail
    assert careers.sections_for_other_documents(state.journal) == []
    # The person's own downloads say the same as the pages.
    csv_text = client.get(reverse("learning:cpd-export-csv")).content.decode("utf-8-sig")
    assert "No longer shared: your line manager changed" in csv_text
    pdf = client.get(reverse("journal-pdf", args=[state.journal.year])).content
    assert "no longer shared: your line manager changed" in pdf_text(pdf)

    withdraw = reverse("journal-withdraw", args=[state.journal.year, state.section.key])
    client.post(withdraw)
    edit = reverse("learning:cpd-edit", args=[entry.record.pk])
    form = client.get(edit).context["form"]
    assert form["shared_with_manager"].value() is False  # consent is a new tick
    home = client.get(reverse("home")).text
    assert "Health and well-being" not in home
    assert entry.record.title in home


def test_a_share_made_before_there_was_a_line_manager_waits_for_a_new_consent(
    client, organisation
):
    owner = PersonFactory(unit=organisation["team"])
    client.force_login(owner)
    [item] = share_cpd_entry(client, owner)
    manager = PersonFactory(given_name="Xiu", family_name="Chen")
    owner.line_manager = manager
    owner.save()
    home = client.get(reverse("home")).text
    assert "You shared these before you had a line manager, so nobody can see them." in home
    client.force_login(manager)
    assert client.get(item.record.get_absolute_url()).status_code == 404
