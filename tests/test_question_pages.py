"""One-question pages have the question as the page heading (frontend.options.page_heading)."""

import re
from datetime import date

from django import forms
from django.template import Context, Template

from careers.conversation import services as conversations
from frontend.fields import VersionField
from frontend.options import page_heading
from tests.factories import PersonFactory

RENDER = Template("{% load crispy_forms_tags %}{{ form|crispy }}")


class OneQuestion(forms.Form):
    notes = forms.CharField(label="Your notes", widget=forms.Textarea)
    version = VersionField()  # hidden: does not count as a question


class TwoQuestions(forms.Form):
    first = forms.CharField(label="First")
    second = forms.CharField(label="Second")


def test_the_only_question_becomes_the_h1_with_its_caption():
    form = OneQuestion()
    assert page_heading(form, caption="Ada Reyes") is True
    html = RENDER.render(Context({"form": form}))
    heading = re.search(r'<h1 class="nhsuk-label-wrapper">(.*?)</h1>', html, re.S).group(1)
    assert 'class="nhsuk-label nhsuk-label--l" for="id_notes"' in heading
    assert "Ada Reyes" in heading and "Your notes" in heading


def test_a_page_with_two_questions_keeps_its_own_heading():
    form = TwoQuestions()
    assert page_heading(form, caption="Ada Reyes") is False
    assert "<h1" not in RENDER.render(Context({"form": form}))


def test_preparation_page_has_one_h1_and_it_is_the_question(client, organisation):
    manager = PersonFactory(unit=organisation["team"])
    person = PersonFactory(unit=organisation["team"], line_manager=manager)
    talk = conversations.start_conversation(person=person, by=manager, held_on=date.today())
    client.force_login(manager)
    html = client.get(f"/conversations/{talk.pk}/preparation/").content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert '<h1 class="nhsuk-label-wrapper">' in html
