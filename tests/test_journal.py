"""The reflection journal: saving without losing anything, privacy, sharing, PDF."""

import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.journal import services
from careers.models import Answer, Journal, Question, SectionState
from people.models import RecordView
from tests.factories import PersonFactory
from tests.forms_walk import guard_fields

pytestmark = pytest.mark.django_db

STRENGTHS = "strengths-and-challenges"
HEALTH = "health-and-wellbeing"


@pytest.fixture
def author(cast):
    return cast["owner"]


@pytest.fixture
def journal(author):
    return services.start_journal(person=author, year=services.appraisal_year())


def url(journal, key, action=""):
    path = reverse("journal-section", args=[journal.year, key])
    return path + (f"{action}/" if action else "")


def question(journal, key):
    return Question.objects.get(section__bank=journal.bank, key=key)


def page_data(client, journal, key):
    """The section form as the page renders it: field values and versions."""
    response = client.get(url(journal, key))
    return {**values(response.context["form"]), **guard_fields(response.content.decode())}


def values(form):
    """Each field's value as the browser would post it."""
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def test_starting_a_journal_opens_every_section_not_started(client, author):
    client.force_login(author)
    response = client.post(reverse("journal-start"))
    journal = Journal.objects.get(person=author)
    assert response["Location"] == reverse("journal-tasks", args=[journal.year])
    statuses = set(journal.section_states.values_list("status", flat=True))
    assert statuses == {"not_started"}
    assert journal.section_states.count() == 6


def test_task_list_shows_each_sections_status(client, author, journal):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    data[f"q{question(journal, 'sc-proud').pk}"] = "Leading the flu campaign"
    client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    html = client.get(reverse("journal-tasks", args=[journal.year])).content.decode()
    assert "In progress" in html
    assert "Not started" in html
    assert "You have completed 0 of 6 sections" in html


def test_save_and_mark_as_completed(client, author, journal):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    proud = question(journal, "sc-proud")
    data[f"q{proud.pk}"] = "Leading the flu campaign"
    response = client.post(url(journal, STRENGTHS), {**data, "action": "complete"})
    assert response.status_code == 302
    state = journal.section_states.get(section__key=STRENGTHS)
    assert state.status == SectionState.Status.COMPLETED
    assert Answer.objects.get(question=proud).text == "Leading the flu campaign"


def test_autosave_saves_and_reports_the_time_and_new_version(client, author, journal):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    proud = question(journal, "sc-proud")
    data[f"q{proud.pk}"] = "Typed, never pressed save"
    response = client.post(url(journal, STRENGTHS, "autosave"), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Saved at" in html
    assert f'id="id_v{proud.pk}" value="1" hx-swap-oob="true"' in html
    assert Answer.objects.get(question=proud).text == "Typed, never pressed save"


def test_a_stale_save_is_refused_and_shows_both_texts(client, author, journal):
    client.force_login(author)
    proud = question(journal, "sc-proud")
    first_tab = page_data(client, journal, STRENGTHS)
    second_tab = page_data(client, journal, STRENGTHS)
    second_tab[f"q{proud.pk}"] = "Written in the second tab"
    client.post(url(journal, STRENGTHS), {**second_tab, "action": "save"})

    first_tab[f"q{proud.pk}"] = "Written in the first tab"
    response = client.post(url(journal, STRENGTHS), {**first_tab, "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some answers changed in another window" in html
    assert "Written in the first tab" in html
    assert "Written in the second tab" in html
    assert "Choose which answer to keep" in html
    assert Answer.objects.get(question=proud).text == "Written in the second tab"

    # Choosing "keep mine" then saves the first tab's text over the newer one.
    form = response.context["form"]
    choice = values(form)
    choice.update(form_owner=first_tab["form_owner"], action="save", **{f"keep{proud.pk}": "mine"})
    choice[f"conflict{proud.pk}"] = "1"
    assert client.post(url(journal, STRENGTHS), choice).status_code == 302
    assert Answer.objects.get(question=proud).text == "Written in the first tab"


def test_keeping_the_saved_answer_leaves_it_untouched(client, author, journal):
    client.force_login(author)
    proud = question(journal, "sc-proud")
    stale = page_data(client, journal, STRENGTHS)
    fresh = page_data(client, journal, STRENGTHS)
    fresh[f"q{proud.pk}"] = "The newer answer"
    client.post(url(journal, STRENGTHS), {**fresh, "action": "save"})
    stale[f"q{proud.pk}"] = "The older tab answer"
    refused = client.post(url(journal, STRENGTHS), {**stale, "action": "save"})
    form = refused.context["form"]
    choice = values(form)
    choice.update(form_owner=stale["form_owner"], action="save", **{f"keep{proud.pk}": "theirs"})
    choice[f"conflict{proud.pk}"] = "1"
    assert client.post(url(journal, STRENGTHS), choice).status_code == 302
    assert Answer.objects.get(question=proud).text == "The newer answer"


def test_autosave_over_a_newer_answer_is_refused(client, author, journal):
    client.force_login(author)
    proud = question(journal, "sc-proud")
    stale = page_data(client, journal, STRENGTHS)
    fresh = page_data(client, journal, STRENGTHS)
    fresh[f"q{proud.pk}"] = "Saved first"
    client.post(url(journal, STRENGTHS), {**fresh, "action": "save"})
    stale[f"q{proud.pk}"] = "Typed later in an old tab"
    html = client.post(url(journal, STRENGTHS, "autosave"), stale).content.decode()
    assert "Not saved" in html
    assert Answer.objects.get(question=proud).text == "Saved first"


def test_text_over_the_limit_is_refused_and_kept(client, author, journal):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    proud = question(journal, "sc-proud")
    data[f"q{proud.pk}"] = "x" * 4001 + " my ending"
    response = client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert "must be 4,000 characters or fewer" in html
    assert "my ending" in html
    assert not Answer.objects.filter(question=proud).exists()


def test_a_missing_version_is_treated_as_stale_and_the_text_kept(client, author, journal):
    client.force_login(author)
    proud = question(journal, "sc-proud")
    Answer.objects.create(journal=journal, question=proud, text="Already saved")
    data = page_data(client, journal, STRENGTHS)
    del data[f"v{proud.pk}"]
    data[f"q{proud.pk}"] = "Typed on a page with no version"
    response = client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Typed on a page with no version" in html and "Already saved" in html
    assert Answer.objects.get(question=proud).text == "Already saved"


def test_a_tampered_question_id_is_ignored_and_a_tampered_section_is_not_found(
    client, author, journal
):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    other_section_question = question(journal, "hw-frustrates")
    data[f"q{other_section_question.pk}"] = "Smuggled into another section"
    data[f"v{other_section_question.pk}"] = "0"
    data["q999999"] = "No such question"
    assert client.post(url(journal, STRENGTHS), {**data, "action": "save"}).status_code == 302
    assert not Answer.objects.filter(question=other_section_question).exists()
    assert client.get(url(journal, "no-such-section")).status_code == 404
    assert client.post(url(journal, "no-such-section"), data).status_code == 404


def test_scale_and_choice_answers_are_saved_and_shown(client, author, journal):
    client.force_login(author)
    fulfilment = question(journal, "cr-fulfilment")
    data = page_data(client, journal, "current-role")
    data.update(
        {
            f"q{fulfilment.pk}_scale": "7",
            f"q{fulfilment.pk}_f0": "More time for teaching",
            f"q{fulfilment.pk}_f1": "",
            f"q{fulfilment.pk}_f2": "A mentor",
        }
    )
    client.post(url(journal, "current-role"), {**data, "action": "save"})
    answer = Answer.objects.get(question=fulfilment)
    assert (answer.scale_value, answer.follow_ups[0]) == (7, "More time for teaching")
    bad = {**data, f"q{fulfilment.pk}_scale": "11"}
    response = client.post(url(journal, "current-role"), {**bad, "action": "save"})
    assert "Choose a number from 0 to 10" in response.content.decode()
    check = client.get(reverse("journal-check", args=[journal.year])).content.decode()
    assert "Fulfilment: 7 out of 10" in check
    assert "More time for teaching" in check


def test_sharing_health_needs_confirmation(client, author, journal):
    client.force_login(author)
    share = url(journal, HEALTH, "share")
    response = client.post(share, {})
    assert "Confirm that you want your line manager to read this section" in (
        response.content.decode()
    )
    state = journal.section_states.get(section__key=HEALTH)
    assert not state.is_shared
    client.post(share, {"confirm": "on"})
    state.refresh_from_db()
    assert state.is_shared
    assert not state.include_elsewhere
    assert services.sections_for_other_documents(journal) == []


def test_health_appears_elsewhere_only_when_the_author_says_so(author, journal):
    health = journal.section_states.get(section__key=HEALTH)
    strengths = journal.section_states.get(section__key=STRENGTHS)
    services.share_section(state=strengths, by=author)
    services.share_section(state=health, by=author, confirmed=True, include_elsewhere=True)
    assert set(services.sections_for_other_documents(journal)) == {health, strengths}
    services.withdraw_section(state=health, by=author)
    assert services.sections_for_other_documents(journal) == [strengths]


def test_the_manager_reads_only_shared_sections_and_the_read_is_shown(
    client, cast, author, journal
):
    proud = question(journal, "sc-proud")
    Answer.objects.create(journal=journal, question=proud, text="Leading the flu campaign")
    Answer.objects.create(
        journal=journal, question=question(journal, "hw-frustrates"), text="Rotas"
    )
    strengths = journal.section_states.get(section__key=STRENGTHS)
    services.share_section(state=strengths, by=author)

    client.force_login(cast["line_manager"])
    listing = client.get(reverse("shared-journal", args=[author.pk])).content.decode()
    assert "Personal strengths and development challenges" in listing
    assert "Health and well-being" not in listing
    shared = reverse("shared-section", args=[author.pk, journal.year, STRENGTHS])
    assert "Leading the flu campaign" in client.get(shared).content.decode()
    private = reverse("shared-section", args=[author.pk, journal.year, HEALTH])
    assert client.get(private).status_code == 404
    # One read of the list, one of the section; the refused section is no read.
    assert RecordView.objects.filter(viewer=cast["line_manager"]).count() == 2

    client.force_login(author)
    page = client.get(url(journal, STRENGTHS)).content.decode()
    assert f"{cast['line_manager'].full_name} on" in page

    services.withdraw_section(state=strengths, by=author)
    client.force_login(cast["line_manager"])
    assert client.get(shared).status_code == 404


def test_a_manager_who_is_not_the_line_manager_gets_nothing(client, cast, author, journal):
    services.share_section(state=journal.section_states.get(section__key=STRENGTHS), by=author)
    shared = reverse("shared-section", args=[author.pk, journal.year, STRENGTHS])
    for role in ("other_manager", "hr", "led", "administrator", "other_staff"):
        client.force_login(cast[role])
        assert client.get(shared).status_code == 404, role


def test_earlier_years_are_read_only(client, author):
    old = services.start_journal(person=author, year=services.appraisal_year() - 1)
    proud = question(old, "sc-proud")
    Answer.objects.create(journal=old, question=proud, text="An answer from last year")
    client.force_login(author)
    page = client.get(url(old, STRENGTHS))
    assert "An answer from last year" in page.content.decode()
    assert "Save and continue" not in page.content.decode()
    data = {f"q{proud.pk}": "Rewriting history", f"v{proud.pk}": "1"}
    client.post(url(old, STRENGTHS), data)
    assert Answer.objects.get(question=proud, journal=old).text == "An answer from last year"


def test_an_earlier_years_shared_section_can_still_be_made_private(client, author):
    """Sharing can be withdrawn at any time (architecture: "explicit, per section, and
    can be withdrawn"): an earlier year's page says it can no longer be changed and
    offers to stop sharing, which works; a new share of it is refused on that page."""
    old = services.start_journal(person=author, year=services.appraisal_year() - 1)
    state = old.section_states.get(section__key=STRENGTHS)
    services.share_section(state=state, by=author)
    client.force_login(author)
    page = client.get(url(old, STRENGTHS)).content.decode()
    assert f"Your journal for {old.year_label} can no longer be changed" in page
    assert "Stop sharing this section" in page
    after = client.post(url(old, STRENGTHS, "withdraw"), follow=True).content.decode()
    state.refresh_from_db()
    assert not state.is_shared
    assert "Private: only you can see this section." in after
    assert "Share this section" not in after
    refused = client.get(url(old, STRENGTHS, "share"))
    assert refused.status_code == 403
    assert f"Your journal for {old.year_label} can no longer be changed" in refused.text
    client.post(url(old, STRENGTHS, "share"), {"confirm": "on"})
    state.refresh_from_db()
    assert not state.is_shared


def test_a_completed_section_says_so_and_is_not_offered_to_complete_again(client, author, journal):
    client.force_login(author)
    page = client.get(url(journal, STRENGTHS)).text
    assert "Mark as completed" in page and "You marked this section as completed" not in page
    state = journal.section_states.get(section__key=STRENGTHS)
    state.status, state.completed_at = SectionState.Status.COMPLETED, timezone.now()
    state.save()
    page = client.get(url(journal, STRENGTHS)).text
    day = timezone.localdate(state.completed_at)
    assert f"You marked this section as completed on {day:%-d %B %Y}." in page
    assert "Mark as completed" not in page and "Save and continue" in page


def test_ready_needs_every_section_completed(client, author, journal):
    client.force_login(author)
    html = client.post(reverse("journal-check", args=[journal.year])).content.decode()
    assert "Complete every section first" in html
    journal.section_states.update(status=SectionState.Status.COMPLETED)
    response = client.post(reverse("journal-check", args=[journal.year]))
    assert response.status_code == 302
    journal.refresh_from_db()
    assert journal.status == Journal.Status.READY


def test_signed_out_while_typing_keeps_the_text_after_sign_in(client, author, journal):
    from tests.factories import PASSWORD

    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    proud = question(journal, "sc-proud")
    data[f"q{proud.pk}"] = "Typed while my session ran out"
    client.logout()
    response = client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    client.post(reverse("login"), {"username": author.email, "password": PASSWORD})
    page = client.get(url(journal, STRENGTHS)).content.decode()
    assert "Typed while my session ran out" in page
    assert "You were signed out before this was saved" in page


def test_kept_text_is_not_shown_to_someone_else_signing_in(client, cast, author, journal):
    from tests.factories import PASSWORD

    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    data[f"q{question(journal, 'sc-proud').pk}"] = "Private words"
    client.logout()
    client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    intruder = cast["other_staff"]
    client.post(reverse("login"), {"username": intruder.email, "password": PASSWORD})
    assert client.get(url(journal, STRENGTHS)).status_code == 404
    other = services.start_journal(person=intruder, year=journal.year)
    assert "Private words" not in client.get(url(other, STRENGTHS)).content.decode()


def test_the_journal_downloads_as_a_pdf_with_the_answers(client, author, journal, tmp_path):
    Answer.objects.create(
        journal=journal, question=question(journal, "sc-proud"), text="Leading the flu campaign"
    )
    client.force_login(author)
    response = client.get(reverse("journal-pdf", args=[journal.year]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "journal.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Leading the flu campaign" in text
    assert author.full_name in text
    assert "What am I most proud of" in text


def _history(person, years):
    for offset in range(1, years + 1):
        old = services.start_journal(person=person, year=services.appraisal_year() - offset)
        Answer.objects.bulk_create(
            Answer(journal=old, question=q, text="An old answer")
            for q in Question.objects.filter(section__bank=old.bank)
        )


@pytest.mark.parametrize("page", ["tasks", "section"])
def test_queries_do_not_grow_with_history(client, organisation, page):
    counts = []
    for sections_of_history in (3, 30):
        person = PersonFactory(unit=organisation["team"])
        _history(person, years=sections_of_history // 3)
        current = services.start_journal(person=person, year=services.appraisal_year())
        client.force_login(person)
        target = (
            reverse("journal-tasks", args=[current.year])
            if page == "tasks"
            else url(current, STRENGTHS)
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_without_published_questions_the_journal_cannot_start_and_says_why(client, author):
    from careers.models import QuestionBank

    QuestionBank.objects.update(published_at=None)
    client.force_login(author)
    assert (
        "has not published the journal questions"
        in client.get(reverse("journal-home")).content.decode()
    )
    response = client.post(reverse("journal-start"), follow=True)
    assert "have not been published yet" in response.content.decode()
    assert not Journal.objects.exists()


def test_a_save_racing_its_own_autosave_with_the_same_words_is_not_a_conflict(
    author, journal, monkeypatch
):
    """The Save button's post can reach the database while the page's own autosave
    is creating the same answer: its insert fails, but there is nothing to choose."""
    proud = question(journal, "sc-proud")
    state = journal.section_states.get(section__key=STRENGTHS)
    words = services.AnswerInput(text="Confident")
    real_write = services._write

    def autosave_lands_first(state, question, existing, mine, *when):
        Answer.objects.create(journal=journal, question=question, text="Confident")
        return real_write(state, question, existing, mine, *when)  # the insert now fails

    monkeypatch.setattr(services, "_write", autosave_lands_first)
    outcome = services.save_answers(
        state=state, by=author, inputs={proud.pk: words}, versions={proud.pk: 0}
    )
    assert outcome.conflicts == []
    assert outcome.versions[proud.pk] == 1
    assert Answer.objects.get(question=proud).text == "Confident"


def test_the_journal_says_what_the_line_manager_sees_before_anything_is_shared(
    client, cast, author
):
    """The start page does not call the whole journal private: the line manager's My
    team shows whether it is started and how many sections are shared, never the
    answers until a section is shared."""
    client.force_login(author)
    start = client.get(reverse("journal-home")).text
    assert "Your journal is private" not in start
    assert "can see whether you have started your journal" in start
    journal = services.start_journal(person=author, year=services.appraisal_year())
    data = page_data(client, journal, STRENGTHS)
    data[f"q{question(journal, 'sc-proud').pk}"] = "Leading the flu campaign"
    client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    client.force_login(cast["line_manager"])
    team = client.get(reverse("my-team")).text
    assert "In progress, nothing shared" in team
    assert "Leading the flu campaign" not in team


def test_the_adjustments_hint_names_the_box_that_yes_reveals(client, author, journal):
    """The reasonable adjustments question's hint says the box for more appears on
    Yes, as the page draws it: the box sits in the conditional reveal of Yes alone."""
    import re

    adjustments = question(journal, "hw-adjustments")
    assert "If you choose Yes, you can say more in the box that appears." in adjustments.hint
    client.force_login(author)
    html = client.get(url(journal, HEALTH)).text
    revealed = re.findall(r'aria-controls="([^"]+)"', html)
    yes = re.search(r'<input[^>]+value="yes"[^>]*>', html).group(0)
    assert 'aria-controls="' in yes and len(revealed) == 1
    box = html.split(f'id="{revealed[0]}"')[1].split("</div>\n")[0]
    assert "<textarea" in box
