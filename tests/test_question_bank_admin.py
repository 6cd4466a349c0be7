"""The question bank in the admin (careers/admin.py; docs/adr/0090): a published
section's questions shown as one table to whoever may view questions, a draft's to edit;
nothing added to or moved into a published bank; choices and follow-ups checked for the
shapes the journal reads (careers/journal/question_checks.py)."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from careers.journal.question_bank import copy_as_draft
from careers.models import JournalSection, Question, QuestionBank
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CELL = r"<t[hd][^>]*>(.*?)</t[hd]>"
TABLE = '<table aria-labelledby="questions-heading">'


def _page(client, section):
    return client.get(f"/admin/careers/journalsection/{section.pk}/change/")


def _rows(html):
    """{question key: [each cell's text, a list's items joined by " | "]} of the table."""
    table = re.search(re.escape(TABLE) + r".*?</table>", html, re.S)
    assert table, "a published section's questions are in one table"
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]:
        cells = []
        for cell in re.findall(CELL, row, re.S):
            items = re.findall(r"<li>(.*?)</li>", cell, re.S)
            text = " | ".join(items) if items else re.sub(r"\s+", " ", cell).strip()
            cells.append(unescape(text))
        rows[cells[1]] = cells
    return rows


def _draft():
    v1 = QuestionBank.objects.get(version=1)
    return copy_as_draft(
        v1, bank_model=QuestionBank, section_model=JournalSection, question_model=Question
    )


def test_a_published_section_shows_its_questions_as_a_table_and_a_draft_edits_them(client, cast):
    """Each question's wording, kind, choices with their values, follow-ups, retired ones
    marked, and no form fields; a draft's section still offers every question to edit."""
    client.force_login(cast["led"])
    v1 = QuestionBank.objects.get(version=1)
    chosen = Question.objects.filter(section__bank=v1, kind=Question.Kind.CHOICE).first()
    scale = Question.objects.filter(section__bank=v1, kind=Question.Kind.SCALE).first()
    assert chosen is not None and scale is not None, "the shipped bank has both kinds"
    retired = Question.objects.filter(section=chosen.section).exclude(pk=chosen.pk).first()
    Question.objects.filter(pk=retired.pk).update(retired=True)

    page = _page(client, chosen.section)
    assert page.status_code == 200
    rows = _rows(page.text)
    assert len(rows) == chosen.section.questions.count()
    assert rows[chosen.key][2] == chosen.text
    assert rows[chosen.key][4] == chosen.get_kind_display()
    assert rows[chosen.key][5] == " | ".join(
        f"{label} ({value})" for value, label in chosen.choices
    )
    assert rows[retired.key][8] == "Yes" and rows[chosen.key][8] == "No"
    assert rows[retired.key][5] == "-"  # a free-text question has no choices
    assert 'name="questions-TOTAL_FORMS"' not in page.text
    assert _rows(_page(client, scale.section).text)[scale.key][6] == " | ".join(scale.follow_ups)

    section = _draft().sections.get(key=chosen.section.key)
    editable = _page(client, section).text
    assert 'name="questions-TOTAL_FORMS"' in editable
    assert 'name="questions-0-text"' in editable
    assert TABLE not in editable


def test_the_table_shows_whatever_an_older_draft_stored_without_failing(client, cast):
    """Choices and follow-ups saved before they were checked, in any JSON: the page
    answers, and shows what is stored rather than hiding it."""
    client.force_login(cast["led"])
    questions = Question.objects.filter(section__bank__version=1)
    odd = {"choices": [5, ["a"], ["yes", "Yes"]], "follow_ups": 1.5}
    Question.objects.filter(pk=questions[0].pk).update(**odd)
    Question.objects.filter(pk=questions[1].pk).update(choices=True, follow_ups=[[1, 2], None])
    page = _page(client, questions[0].section)
    assert page.status_code == 200
    rows = _rows(page.text)
    assert rows[questions[0].key][5:7] == ['5 | ["a"] | Yes (yes)', "1.5"]
    assert rows[questions[1].key][5:7] == ["true", "[1, 2] | null"]


def test_only_whoever_may_view_questions_sees_them(client):
    """As the inline the table replaces: a person who may view sections but not
    questions sees the section without its questions."""
    viewer = PersonFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_journalsection"))
    client.force_login(viewer)
    section = JournalSection.objects.filter(bank__version=1).first()
    page = _page(client, section)
    assert page.status_code == 200
    assert section.title in page.text
    assert TABLE not in page.text
    assert section.questions.first().text not in page.text


def _section_form(section, bank, **changes):
    data = {"bank": bank.pk, "key": section.key, "stage": section.stage,
            "title": section.title, "intro": section.intro, "order": section.order,
            "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"}  # fmt: skip
    return {**data, **changes}


def test_nothing_is_added_to_or_moved_into_a_published_bank(client, cast):
    """Adding a section, saving a published one as new, or moving a draft's section: a
    published bank is not offered, and nothing joins it."""
    client.force_login(cast["led"])
    v1 = QuestionBank.objects.get(version=1)
    published = v1.sections.first()
    before = v1.sections.count()
    draft = _draft()
    moving = draft.sections.first()
    message = "Select a valid choice. That choice is not one of the available choices."

    added = client.post("/admin/careers/journalsection/add/",
                        _section_form(published, v1, key="added-by-hand"))  # fmt: skip
    assert added.status_code == 200 and message in added.text
    as_new = client.post(
        f"/admin/careers/journalsection/{published.pk}/change/",
        _section_form(published, v1, key="saved-as-new", _saveasnew="1"),
    )
    assert as_new.status_code == 200 and message in as_new.text
    moved = client.post(f"/admin/careers/journalsection/{moving.pk}/change/",
                        _section_form(moving, v1, key="moved-over"))  # fmt: skip
    assert moved.status_code == 200 and message in moved.text
    assert TABLE not in moved.text  # the draft's page, not the published bank's table
    assert v1.sections.count() == before
    moving.refresh_from_db()
    assert moving.bank == draft
    choices = client.get("/admin/careers/journalsection/add/").text
    assert str(v1) not in choices and str(draft) in choices


@pytest.mark.parametrize(
    ("kind", "choices", "follow_ups", "field", "message"),
    [
        ("choice", [["yes", "Yes"]], [], "choices", "Enter at least two choices"),
        ("choice", ["yes", "no"], [], "choices", "as a list of [value, label] pairs"),
        ("choice", 5, [], "choices", "as a list of [value, label] pairs"),
        ("choice", [["yes", "Yes"], ["yes", "Sure"]], [], "choices", "a different value"),
        ("choice", [["y" * 41, "Yes"], ["no", "No"]], [], "choices", "40 characters or fewer"),
        ("text", [["yes", "Yes"], ["no", "No"]], [], "choices", "Only a choice question"),
        ("scale", [], "First", "follow_ups", "as a list of labels"),
        ("scale", [], ["First", ""], "follow_ups", "as a list of labels"),
        ("text", [], ["First"], "follow_ups", "Only a scale question"),
    ],
)
def test_a_questions_choices_and_follow_ups_are_checked(kind, choices, follow_ups, field, message):
    question = Question.objects.filter(section__bank__version=1).first()
    question.kind, question.choices, question.follow_ups = kind, choices, follow_ups
    with pytest.raises(ValidationError) as raised:
        question.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


def test_every_shipped_question_passes_the_checks():
    for question in Question.objects.filter(section__bank__version=1):
        question.full_clean()


def test_a_draft_question_with_bad_choices_is_refused_with_its_words_kept(client, cast):
    client.force_login(cast["led"])
    section = _draft().sections.get(key="health-and-wellbeing")
    question = section.questions.first()
    data = _section_form(section, section.bank, **{
        "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "1",
        "questions-0-id": question.pk, "questions-0-section": section.pk,
        "questions-0-order": question.order, "questions-0-key": question.key,
        "questions-0-text": "Reworded by LED", "questions-0-hint": "",
        "questions-0-kind": "choice", "questions-0-choices": '["yes"]',
        "questions-0-follow_ups": "[]",
    })  # fmt: skip
    page = client.post(f"/admin/careers/journalsection/{section.pk}/change/", data)
    assert page.status_code == 200
    assert "Enter the choices as a list of [value, label] pairs" in unescape(page.text)
    assert "Reworded by LED" in page.text
    question.refresh_from_db()
    assert question.text != "Reworded by LED"
