"""The rules behind conditional reveals and disabled items (frontend.forms.RevealRules):
what the page hides is not saved, saved words are never hidden, an error is never hidden,
and an item shown as unavailable cannot be chosen."""

import re
from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from careers.conversation import services as conversations
from careers.conversation.forms import ConversationForm
from careers.journal import services
from careers.models import Answer, Conversation, Question
from frontend import forms as plain
from frontend.options import configure
from frontend.validators import count_words
from tests.forms_walk import guard_fields
from tests.test_journal import values

pytestmark = pytest.mark.django_db

CRISPY = Template("{% load crispy_forms_tags %}{{ form|crispy }}")
HEALTH = "health-and-wellbeing"


def test_notes_left_under_an_answer_not_chosen_are_not_saved():
    form = ConversationForm(
        data={
            "version": "0",
            "held_on_0": "1",
            "held_on_1": "3",
            "held_on_2": "2026",
            "adjustments": "no",
            "adjustments_notes": "Typed under Adjustments needed, then changed my mind",
        }
    )
    form.is_valid()
    assert form.cleaned_data["adjustments_notes"] == ""


def test_an_error_in_a_box_the_page_hides_is_dropped_with_its_words():
    form = ConversationForm(
        data={"version": "0", "adjustments": "no", "adjustments_notes": "x" * 2001}
    )
    form.is_valid()
    assert "adjustments_notes" not in form.errors


def _journal(cast, client):
    author = cast["owner"]
    journal = services.start_journal(person=author, year=services.appraisal_year())
    client.force_login(author)
    pk = Question.objects.get(section__bank=journal.bank, key="hw-adjustments").pk
    return journal, pk, reverse("journal-section", args=[journal.year, HEALTH])


def _posted(client, path):
    response = client.get(path)
    return {**values(response.context["form"]), **guard_fields(response.content.decode())}


def test_journal_words_typed_under_yes_are_not_kept_or_shared_after_choosing_no(client, cast):
    journal, pk, path = _journal(cast, client)
    data = _posted(client, path)
    data.update({f"q{pk}_choice": "no", f"q{pk}": "I have a long-term condition"})
    client.post(path + "autosave/", data, HTTP_HX_REQUEST="true")
    answer = Answer.objects.get(journal=journal, question_id=pk)
    assert (answer.choice, answer.text) == ("no", "")


def test_journal_words_saved_under_another_answer_stay_in_view_and_are_kept(client, cast):
    journal, pk, path = _journal(cast, client)
    Answer.objects.create(journal=journal, question_id=pk, choice="no", text="Saved before")
    html = client.get(path).content.decode()
    assert 'class="nhsuk-radios__conditional' not in html
    data = _posted(client, path)
    client.post(path + "autosave/", data, HTTP_HX_REQUEST="true")
    answer = Answer.objects.get(journal=journal, question_id=pk)
    assert (answer.choice, answer.text) == ("no", "Saved before")


def test_a_stale_edit_marking_a_hidden_box_shows_it_in_the_open(client, cast):
    manager, person = cast["line_manager"], cast["owner"]
    talk = conversations.start_conversation(person=person, by=manager, held_on=date.today())
    Conversation.objects.filter(pk=talk.pk).update(
        adjustments_notes="Saved by the other window", version=talk.version + 1
    )
    client.force_login(manager)
    path = reverse("conversation", args=[talk.pk])
    data = {**_posted(client, path), "version": str(talk.version), "adjustments": "no"}
    held = talk.held_on
    data.update({"adjustments_notes": "", "held_on_0": held.day, "held_on_1": held.month})
    data["held_on_2"] = held.year
    html = client.post(path, data).content.decode()
    assert "Saved by the other window" in html
    # The marked box is not inside a reveal that the script hides.
    for reveal in re.findall(r'class="nhsuk-radios__conditional.*?</div>\s*</div>', html, re.S):
        assert 'name="adjustments_notes"' not in reveal
    assert html.count('name="adjustments_notes"') == 1


class Contact(plain.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("yes", "Yes, by email"), ("phone", "Phone"), ("yes", "Yes, by letter")],
        widget=forms.RadioSelect,
        required=False,
    )
    details = forms.CharField(label="Details", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configure(self.fields["contact"], conditional={"yes": "details"}, disabled=["phone"])


def test_a_value_offered_twice_reveals_its_field_once():
    html = CRISPY.render(Context({"form": Contact()}))
    assert html.count('name="details"') == 1
    assert len(set(re.findall(r'\bid="([^"]+)"', html))) == len(re.findall(r'\bid="', html))


def test_an_item_shown_as_unavailable_cannot_be_chosen():
    form = Contact(data={"contact": "phone"})
    assert not form.is_valid()
    assert form.errors["contact"][0].startswith("Select one of the options")


def test_words_are_counted_between_javascript_whitespace():
    # nhsuk-frontend splits on JavaScript's \\s: a byte order mark separates, \\x1c does not.
    assert count_words("one\ufefftwo") == 2
    assert count_words("one\x1ctwo") == 1
    assert count_words("a\u00a0b\u3000c") == 3


def test_the_cancel_page_says_which_record_it_cancels(client, cast):
    manager, person = cast["line_manager"], cast["owner"]
    talk = conversations.start_conversation(person=person, by=manager, held_on=date.today())
    client.force_login(manager)
    html = client.get(reverse("conversation-cancel", args=[talk.pk])).content.decode()
    heading = re.search(r"<h1.*?</h1>", html, re.S)[0]
    assert f"{talk.held_on:%-d %B %Y}" in heading
