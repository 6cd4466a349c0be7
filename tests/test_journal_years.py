"""A journal section shows its own year's questions and answers: the page reads them by
the person, the year and the section's key (careers.journal.views, docs/adr/0082), and a
person keeps a journal a year, each on the question bank it was started on."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.journal import services
from careers.models import Answer, Journal, Question, QuestionBank
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _new_bank(marked):
    """A new published version of the shipped question bank, each question's text
    starting with `marked`."""
    from careers.journal.question_bank import copy_as_draft
    from careers.models import JournalSection

    shipped = QuestionBank.objects.order_by("-version").first()
    draft = copy_as_draft(
        shipped, bank_model=QuestionBank, section_model=JournalSection, question_model=Question
    )
    for question in Question.objects.filter(section__bank=draft):
        question.text = f"{marked} {question.text}"
        question.save()
    draft.published_at = timezone.now()
    draft.save()
    return shipped, draft


def _text_question(bank, key, but=None):
    found = Question.objects.filter(section__bank=bank, section__key=key, kind="text")
    return found.exclude(pk=getattr(but, "pk", None)).first()


def _pages(client, person, year, key):
    client.force_login(person)
    return [
        client.get(reverse("journal-section", args=[y, key])).content.decode()
        for y in (year, year - 1)
    ]


def test_two_years_on_two_banks_show_their_own_questions_and_answers(client, organisation):
    person = PersonFactory(unit=organisation["team"])
    year = services.appraisal_year()
    earlier = services.start_journal(person=person, year=year - 1)
    shipped, newer = _new_bank("NEWER")
    this = services.start_journal(person=person, year=year)
    assert (earlier.bank, this.bank) == (shipped, newer)
    key = this.section_states.select_related("section").first().section.key
    Answer.objects.create(
        journal=earlier, question=_text_question(shipped, key), text="Earlier answer"
    )
    Answer.objects.create(journal=this, question=_text_question(newer, key), text="This answer")
    # A question retired since, answered in the earlier year, still shows there.
    retired = _text_question(shipped, key, but=_text_question(shipped, key))
    retired.retired = True
    retired.save()
    Answer.objects.create(journal=earlier, question=retired, text="Retired answer")

    now, before = _pages(client, person, year, key)
    assert "This answer" in now and "Earlier answer" not in now and "Retired answer" not in now
    asked = Question.objects.filter(section__bank=newer, section__key=key, retired=False)
    assert len(set(re.findall(r'name="v(\d+)"', now))) == asked.count()
    assert "NEWER" in now
    assert "Earlier answer" in before and "Retired answer" in before
    assert "This answer" not in before and "NEWER" not in before


def test_two_years_on_one_bank_show_their_own_answers(client, organisation):
    person = PersonFactory(unit=organisation["team"])
    year = services.appraisal_year()
    earlier = services.start_journal(person=person, year=year - 1)
    this = services.start_journal(person=person, year=year)
    assert earlier.bank == this.bank
    key = this.section_states.select_related("section").first().section.key
    question = _text_question(this.bank, key)
    Answer.objects.create(journal=earlier, question=question, text="Earlier answer")
    Answer.objects.create(journal=this, question=question, text="This answer")
    assert Journal.objects.filter(person=person).count() == 2

    now, before = _pages(client, person, year, key)
    assert "This answer" in now and "Earlier answer" not in now
    assert "Earlier answer" in before and "This answer" not in before
