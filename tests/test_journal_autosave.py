"""Journal autosave and its buttons: a refused answer stays refused until the person
chooses, one bad answer never stops the others, and the buttons lead on."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from careers.journal import services
from careers.models import Answer, Question, SectionState
from tests.forms_walk import guard_fields
from tests.test_journal import STRENGTHS, page_data, question, url, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(cast):
    return cast["owner"]


@pytest.fixture
def journal(author):
    return services.start_journal(person=author, year=services.appraisal_year())


class _Swaps(HTMLParser):
    """What an autosave answer changes on the page: hidden inputs it carries and
    the elements it swaps (by id), with whether each swap is empty."""

    def __init__(self):
        super().__init__()
        self.hidden, self.swapped, self._divs = {}, {}, []

    def _inside(self):
        return next((i for i in reversed(self._divs) if i), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.hidden[attrs["name"]] = attrs.get("value", "")
        if self._inside():
            self.swapped[self._inside()] = False
        if "hx-swap-oob" in attrs:
            self.swapped[attrs["id"]] = True
        if tag == "div":
            self._divs.append(attrs.get("id") if "hx-swap-oob" in attrs else None)

    def handle_data(self, data):
        if self._inside() and data.strip():
            self.swapped[self._inside()] = False

    def handle_endtag(self, tag):
        if tag == "div":
            self._divs.pop()


def autosave(client, journal, data):
    """Post `data` as the page's autosave does, then change `data` as the page would
    be changed by the answer (new versions, comparisons shown or cleared)."""
    response = client.post(url(journal, STRENGTHS, "autosave"), data, HTTP_HX_REQUEST="true")
    swaps = _Swaps()
    swaps.feed(response.content.decode())
    for element_id, empty in swaps.swapped.items():
        if element_id.startswith("compare-") and empty:
            pk = element_id.removeprefix("compare-")
            data.pop(f"seen{pk}", None)
            data.pop(f"keep{pk}", None)
    data.update(swaps.hidden)
    return response.content.decode()


def test_a_refused_answer_stays_refused_on_every_later_autosave(client, author, journal):
    client.force_login(author)
    describe = question(journal, "sc-describe-me")
    window_a = page_data(client, journal, STRENGTHS)
    window_b = page_data(client, journal, STRENGTHS)
    window_a[f"q{describe.pk}"] = "Calm under pressure (window A)"
    assert "Saved at" in autosave(client, journal, window_a)

    window_b[f"q{describe.pk}"] = "Kind and thorough (window B)"
    html = autosave(client, journal, window_b)
    assert "Not saved" in html

    # Clicking outside the box, then typing more: each autosave is still refused.
    assert "Not saved" in autosave(client, journal, window_b)
    window_b[f"q{describe.pk}"] = "Kind and thorough (window B), and patient"
    later = autosave(client, journal, window_b)
    assert "Not saved" in later
    # ...and "your answer" in the comparison follows what is in the box.
    assert "and patient" in later.split(f'id="compare-{describe.pk}-mine"')[1]
    assert Answer.objects.get(question=describe).text == "Calm under pressure (window A)"

    # The message sits by the box and leads to the comparison, sent with it.
    assert f'id="status-{describe.pk}"' in html
    assert f'href="#compare-{describe.pk}"' in html
    assert f'id="compare-{describe.pk}"' in html
    assert "Kind and thorough (window B)" in html and "Calm under pressure (window A)" in html

    # Choosing to keep B's answer is what saves it.
    window_b[f"keep{describe.pk}"] = "mine"
    assert "Saved at" in autosave(client, journal, window_b)
    answer = Answer.objects.get(question=describe)
    assert answer.text == "Kind and thorough (window B), and patient"
    # ...and once chosen, the comparison goes and later typing saves as usual.
    assert f"keep{describe.pk}" not in window_b
    window_b[f"q{describe.pk}"] = "Kind, thorough and patient"
    assert "Saved at" in autosave(client, journal, window_b)
    assert Answer.objects.get(question=describe).text == "Kind, thorough and patient"


def test_a_refused_answer_is_not_saved_by_the_button_without_a_choice(client, author, journal):
    client.force_login(author)
    describe = question(journal, "sc-describe-me")
    window_a = page_data(client, journal, STRENGTHS)
    window_b = page_data(client, journal, STRENGTHS)
    window_a[f"q{describe.pk}"] = "Window A's words"
    autosave(client, journal, window_a)
    window_b[f"q{describe.pk}"] = "Window B's words"
    autosave(client, journal, window_b)
    response = client.post(url(journal, STRENGTHS), {**window_b, "action": "save"})
    assert response.status_code == 200
    assert "Choose which answer to keep" in response.content.decode()
    assert Answer.objects.get(question=describe).text == "Window A's words"


def test_one_answer_over_the_limit_does_not_stop_the_others_saving(client, author, journal):
    client.force_login(author)
    proud, describe = question(journal, "sc-proud"), question(journal, "sc-describe-me")
    data = page_data(client, journal, STRENGTHS)
    data[f"q{proud.pk}"] = "x" * 4001
    data[f"q{describe.pk}"] = "Typed in another box"
    html = autosave(client, journal, data)
    assert Answer.objects.get(question=describe).text == "Typed in another box"
    assert not Answer.objects.filter(question=proud).exists()
    # Each message is beside its own box.
    swaps = _Swaps()
    swaps.feed(html)
    assert f"status-{proud.pk}" in swaps.swapped and f"status-{describe.pk}" in swaps.swapped
    proud_status = html.split(f'id="status-{proud.pk}"')[1].split("</div>")[0]
    assert "must be 4,000 characters or fewer" in proud_status
    describe_status = html.split(f'id="status-{describe.pk}"')[1].split("</div>")[0]
    assert "Saved at" in describe_status
    # Emptying the long answer takes its message away; the other's "Saved" stays.
    data[f"q{proud.pk}"] = ""
    swaps = _Swaps()
    swaps.feed(autosave(client, journal, data))
    assert swaps.swapped.get(f"status-{proud.pk}") is True  # swapped, and empty
    assert f"status-{describe.pk}" not in swaps.swapped


def test_the_button_saves_valid_answers_and_keeps_the_bad_one_to_fix(client, author, journal):
    client.force_login(author)
    proud, describe = question(journal, "sc-proud"), question(journal, "sc-describe-me")
    data = page_data(client, journal, STRENGTHS)
    data[f"q{proud.pk}"] = "x" * 4001 + " my ending"
    data[f"q{describe.pk}"] = "Typed in another box"
    response = client.post(url(journal, STRENGTHS), {**data, "action": "save"})
    assert "must be 4,000 characters or fewer" in response.content.decode()
    assert Answer.objects.get(question=describe).text == "Typed in another box"
    # Fixing the long answer then saves it, with no conflict against the first save.
    fixed = values(response.context["form"])
    fixed.update(guard_fields(response.content.decode()))
    fixed.update(action="save", **{f"q{proud.pk}": "Shorter now"})
    assert client.post(url(journal, STRENGTHS), fixed).status_code == 302
    assert Answer.objects.get(question=proud).text == "Shorter now"


def test_every_box_has_a_live_status_and_the_page_warns_before_leaving(client, author, journal):
    client.force_login(author)
    html = client.get(url(journal, STRENGTHS)).content.decode()
    for q in Question.objects.filter(section__key=STRENGTHS, section__bank=journal.bank):
        assert f'id="status-{q.pk}" role="status"' in html
    assert "data-warn-unsaved" in html
    assert "js/autosave.js" in html
    script = Path(settings.BASE_DIR, "static/js/autosave.js").read_text()
    assert "beforeunload" in script


def test_save_and_continue_goes_to_the_next_section_and_then_to_check_answers(
    client, author, journal
):
    client.force_login(author)
    states = list(journal.section_states.select_related("section").order_by("section__order"))
    for state, after in zip(states, states[1:], strict=False):
        data = page_data(client, journal, state.section.key)
        response = client.post(url(journal, state.section.key), {**data, "action": "save"})
        assert response["Location"] == url(journal, after.section.key), state.section.key
    last = states[-1].section.key
    data = page_data(client, journal, last)
    response = client.post(url(journal, last), {**data, "action": "save"})
    assert response["Location"] == reverse("journal-check", args=[journal.year])


def test_marking_a_section_with_no_answers_completed_asks_first(client, author, journal):
    client.force_login(author)
    data = page_data(client, journal, STRENGTHS)
    response = client.post(url(journal, STRENGTHS), {**data, "action": "complete"})
    assert response.status_code == 200
    assert "You have not answered any questions in this section" in response.content.decode()
    state = journal.section_states.get(section__key=STRENGTHS)
    assert state.status == SectionState.Status.NOT_STARTED

    response = client.post(url(journal, STRENGTHS), {**data, "action": "complete-empty"})
    assert response["Location"] == reverse("journal-tasks", args=[journal.year])
    state.refresh_from_db()
    assert state.status == SectionState.Status.COMPLETED

    # Marked completed again from the page as it was (a tab opened before): not asked
    # again whether to complete it, and still completed.
    response = client.post(url(journal, STRENGTHS), {**data, "action": "complete"})
    assert response["Location"] == reverse("journal-tasks", args=[journal.year])
    state.refresh_from_db()
    assert state.status == SectionState.Status.COMPLETED


def test_tampered_autosave_fields_get_an_answer_not_an_error(client, author, journal):
    client.force_login(author)
    proud = question(journal, "sc-proud")
    data = page_data(client, journal, STRENGTHS)
    for tampered in (
        {f"v{proud.pk}": "5", f"q{proud.pk}": "A version that never existed"},
        {f"seen{proud.pk}": "x", f"keep{proud.pk}": "mine", f"q{proud.pk}": "Words"},
        {f"keep{proud.pk}": "nobody", f"seen{proud.pk}": "1", f"problem{proud.pk}": "1"},
        {f"v{proud.pk}": "not a number", f"q{proud.pk}_f0": "No such box"},
    ):
        response = client.post(url(journal, STRENGTHS, "autosave"), {**data, **tampered})
        assert response.status_code == 200, tampered
        page = client.post(url(journal, STRENGTHS), {**data, **tampered, "action": "save"})
        assert page.status_code in (200, 302), tampered


@pytest.mark.parametrize("odd", ["²", "1" * 5000])
def test_an_odd_number_beside_a_newer_answer_is_shown_not_a_server_error(
    client, author, journal, odd
):
    """The comparison shows what the page sent; a stray "²" is never parsed as a number."""
    client.force_login(author)
    proud = question(journal, "sc-proud")
    data = page_data(client, journal, STRENGTHS)
    autosave(client, journal, {**data, f"q{proud.pk}": "Saved first"})
    stale = {**data, f"q{proud.pk}": "Typed later", f"q{proud.pk}_scale": odd}
    for target in (url(journal, STRENGTHS, "autosave"), url(journal, STRENGTHS)):
        response = client.post(target, {**stale, "action": "save"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    assert Answer.objects.get(question=proud).text == "Saved first"
