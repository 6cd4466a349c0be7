"""The menu marks where the reader is, and a page about someone else is never marked
as one of the reader's own ("Your journal", "Your career"): a line manager reading a
report's shared journal is in My team (aria-current tells a screen reader the same).

One walk of the resolver through the access matrix's registry (tests/url_registry.py),
each GET page fetched by the role that uses it with real ids."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import resolve, reverse

from tests.url_registry import generated_world, pages

pytestmark = pytest.mark.django_db

CURRENT = re.compile(
    r'nhsuk-header__navigation-item--current">\s*<a [^>]*aria-current="(?:page|true)">\s*'
    r"<strong[^>]*>([^<]+)</strong>"
)


def current_item(html):
    """The label of the menu item marked current, or None."""
    found = CURRENT.findall(html)
    assert len(found) <= 1, found
    return found[0] if found else None


# Pages outside every section of the menu, where no item is marked: signing in and the
# password, the accessibility statement, a person's own data, a download's progress, and
# the organisation's list for someone without the Organisation item.
OUTSIDE = {
    "accessibility/", "account/password/", "account/password/done/", "account/reset/",
    "account/reset/sent/", "account/reset/<uidb64>/<token>/", "account/reset/complete/",
    "downloads/<uuid:token>/", "your-data/", "your-data/<uuid:token>/", "organisation/",
}  # fmt: skip


def test_every_page_marks_its_section_and_none_about_someone_else_is_the_readers_own():
    """Each signed-in page marks one menu item, but for the few outside every section.
    A page about someone else (a person key that is not the reader's, or a read of
    another person's record written for it: people.audit) never marks a "Your …" item."""
    from people.models import RecordView

    world = generated_world(42, reports=4)
    clients, checked, unmarked = {}, [], []
    for page in pages(world):
        if page.missing or page.route.startswith("admin/") or page.role not in world:
            continue
        reader = world[page.role]
        if page.role not in clients:
            clients[page.role] = Client()
            clients[page.role].force_login(reader)
        before = RecordView.objects.filter(viewer=reader).count()
        response = clients[page.role].get(page.url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        label = current_item(response.text)
        if label is None and page.route not in OUTSIDE:
            unmarked.append((page.role, page.route))
        subject = resolve(page.url).kwargs.get("person_pk")
        read_another = RecordView.objects.filter(viewer=reader).count() > before
        if read_another or (subject is not None and subject != reader.pk):
            checked.append((page.route, label))
            assert not (label or "").startswith("Your"), (page.route, label)
    assert unmarked == []
    # The walk reached pages about a report that a line manager reads.
    assert ("team/<num:person_pk>/journal/", "My team") in checked
    assert ("learning/cpd/team/<num:person_pk>/", "My team") in checked


def test_a_page_about_someone_else_is_in_the_section_of_the_readers_part_in_it(
    client, cast, organisation
):
    """A line manager reading a report's career record, plan, conversation, CPD log and
    entry, and details is in My team; the appraiser on the report's appraisal in Appraisals to
    write; HR on someone's details in Organisation. The person on the same pages of
    their own is in Your career, Your appraisal, Learning and Your details. A section is
    marked aria-current="true"; the item's own page "page"."""
    from appraisals.models import Appraisal
    from careers.conversation import services as conversations
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    owner, manager, hr = cast["owner"], cast["line_manager"], cast["hr"]
    from tests.factories_learning import CPDEntryFactory

    talk = conversations.start_conversation(person=owner, by=manager, held_on=date.today())
    entry = CPDEntryFactory(person=owner, shared_with_manager=True, shared_with=manager)
    appraisal = AppraisalFactory(cycle=AppraisalCycleFactory(), person=owner,
                                 appraiser=manager, status=Appraisal.Status.PREPARING)  # fmt: skip
    about_owner = {
        "career-record": [owner.pk], "plan": [owner.pk], "conversation": [talk.pk],
        "learning:cpd-team": [owner.pk], "learning:cpd-detail": [entry.pk],
        "person-detail": [owner.pk],
        "appraisals:appraisal": [appraisal.pk],
    }  # fmt: skip
    expected = {
        manager: {"appraisals:appraisal": "Appraisals to write", None: "My team"},
        owner: {"career-record": "Your career", "plan": "Your career",
                "conversation": "Your career", "person-detail": "Your details",
                "learning:cpd-detail": "Learning",
                "appraisals:appraisal": "Your appraisal"},
        hr: {"person-detail": "Organisation"},
    }  # fmt: skip
    for reader, labels in expected.items():
        client.force_login(reader)
        for name, args in about_owner.items():
            if name not in labels and None not in labels:
                continue
            url = reverse(name, args=args)
            response = client.get(url)
            assert response.status_code == 200, (reader, name, response.status_code)
            html = response.text
            assert current_item(html) == labels.get(name, labels.get(None)), (reader, name)
            # Your career's own page is the career record itself; Your appraisal's, the
            # person's latest appraisal (this one).
            own_pages = {reverse("career-record", args=[reader.pk])}
            if reader == owner:
                own_pages.add(reverse("appraisals:appraisal", args=[appraisal.pk]))
            state = "page" if url in own_pages else "true"
            assert html.count("aria-current=") == 1 and f'aria-current="{state}"' in html
    client.force_login(owner)
    assert current_item(client.get(reverse("learning:cpd-log")).text) == "Learning"
    catalogue = client.get(reverse("learning:catalogue")).text
    assert current_item(catalogue) == "Learning" and 'aria-current="page"' in catalogue


def test_a_manager_reading_a_reports_journal_is_in_my_team(client, cast):
    """The shared journal's list and a shared section are both under My team."""
    from careers.journal import services

    owner, manager = cast["owner"], cast["line_manager"]
    journal = services.start_journal(person=owner, year=services.appraisal_year())
    state = journal.section_states.get(section__key="strengths-and-challenges")
    services.share_section(state=state, by=owner)
    client.force_login(manager)
    for url in (
        reverse("shared-journal", args=[owner.pk]),
        reverse("shared-section", args=[owner.pk, journal.year, state.section.key]),
    ):
        assert current_item(client.get(url).text) == "My team", url


def test_the_addresses_before_the_move_send_on_to_the_same_pages(client, cast):
    """A bookmark of a shared journal's old address still reaches it (301), and a read
    recorded with an old address keeps its words on the person's list of reads."""
    from django.contrib.contenttypes.models import ContentType

    from careers.models import Journal
    from people.audit import what_was_read
    from people.models import RecordView

    owner = cast["owner"]
    client.force_login(cast["line_manager"])
    response = client.get(f"/journal/shared/{owner.pk}/")
    assert response.status_code == 301
    assert response["Location"] == reverse("shared-journal", args=[owner.pk])
    moved = client.get(f"/journal/shared/{owner.pk}/2026/strengths-and-challenges/")
    assert moved.status_code == 301
    assert moved["Location"] == reverse(
        "shared-section", args=[owner.pk, 2026, "strengths-and-challenges"]
    )
    old = RecordView(path=f"/journal/shared/{owner.pk}/")
    old.content_type = ContentType.objects.get_for_model(Journal)
    assert what_was_read(old) == "The list of journal sections you shared"


def test_an_appraiser_who_is_not_a_line_manager_has_appraisals_to_write(client, cast):
    """HR can make someone other than the line manager the appraiser: they too have
    Appraisals to write in the menu, marked on its page and on the appraisal's, and
    never their own Your appraisal there."""
    from appraisals.models import Appraisal
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    appraiser = cast["other_staff"]
    client.force_login(appraiser)
    assert "Appraisals to write" not in client.get(reverse("home")).text
    appraisal = AppraisalFactory(
        cycle=AppraisalCycleFactory(), person=cast["owner"], appraiser=appraiser,
        status=Appraisal.Status.PREPARING,
    )  # fmt: skip
    to_write = client.get(reverse("appraisals:to-write")).text
    assert current_item(to_write) == "Appraisals to write" and 'aria-current="page"' in to_write
    page = client.get(reverse("appraisals:appraisal", args=[appraisal.pk])).text
    assert current_item(page) == "Appraisals to write" and 'aria-current="true"' in page


def test_a_reader_flag_is_registered_once_under_a_name_of_its_own():
    """The reader's round trip is shared by every app: a tag or a parameter taken twice,
    or a tag that is not a plain name, is refused rather than answering the wrong
    question."""
    from people.access import register_reader_flag

    with pytest.raises(ValueError):
        register_reader_flag("appraiser", "SELECT 1")
    with pytest.raises(ValueError):
        register_reader_flag("another", "SELECT 1", {"appraiser_open_0": "x"})
    with pytest.raises(ValueError):
        register_reader_flag("x') OR ('1", "SELECT 1")


def test_your_journal_leads_to_this_years_journal_which_is_its_page(client, cast):
    """ "Your journal" sends a person with a journal on to this year's: that page is the
    item's own (aria-current="page"), and a section of it is in its section ("true")."""
    from careers.journal import services

    owner = cast["owner"]
    journal = services.start_journal(person=owner, year=services.appraisal_year())
    client.force_login(owner)
    landed = client.get(reverse("journal-home"), follow=True).text
    assert current_item(landed) == "Your journal"
    assert 'aria-current="page"' in landed
    section = client.get(
        reverse("journal-section", args=[journal.year, "strengths-and-challenges"])
    )
    assert current_item(section.text) == "Your journal"
    assert 'aria-current="true"' in section.text


def test_your_appraisal_leads_to_the_latest_which_is_its_page(client, cast):
    """ "Your appraisal" sends the person on to their latest appraisal: that page is the
    item's own (aria-current="page"); an earlier year's appraisal is in its section
    ("true")."""
    from appraisals.models import Appraisal
    from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory

    owner = cast["owner"]
    earlier, latest = (
        AppraisalFactory(cycle=AppraisalCycleFactory(year=year, name=f"Appraisals {year}"),
                         person=owner,
                         appraiser=cast["line_manager"], status=Appraisal.Status.PREPARING)
        for year in (2025, 2026)
    )  # fmt: skip
    client.force_login(owner)
    landed = client.get(reverse("appraisals:yours"), follow=True)
    assert landed.redirect_chain[-1][0] == reverse("appraisals:appraisal", args=[latest.pk])
    assert current_item(landed.text) == "Your appraisal"
    assert 'aria-current="page"' in landed.text
    older = client.get(reverse("appraisals:appraisal", args=[earlier.pk])).text
    assert current_item(older) == "Your appraisal" and 'aria-current="true"' in older
    assert "Appraisals 2025" in landed.text  # the earlier one still listed on the latest


def test_the_reminder_emails_page_is_in_your_details(client, cast):
    """Home's "Change how you get reminders" leads to a setting of the person's own:
    Your details is marked (in its section), not Your appraisal."""
    client.force_login(cast["owner"])
    page = client.get(reverse("appraisals:reminder-preferences")).text
    assert current_item(page) == "Your details"
    assert 'aria-current="true"' in page
