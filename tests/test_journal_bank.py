"""The shipped question bank holds seed 001's questions, in order, under their headings;
publishing a new version never changes a journal already started."""

import re
from pathlib import Path

import pytest

from careers.journal.question_bank import copy_as_draft, read_bank_file
from careers.journal.services import start_journal
from careers.models import Answer, JournalSection, Question, QuestionBank
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SEED = next(
    iter((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("001_*.txt")), None
)
HEADINGS = [
    "Health and well-being",
    "Personal strengths and development challenges",
    "Behaviours and performance",
    "Career history",
    "Current role",
    "Aspirations",
]
# The plain slips mended in the shipped wording (and nothing else).
MENDS = {
    "What am most proud of": "What am I most proud of",
    "How do manage my team": "How do I manage my team",
    "strategies/ tactics": "strategies/tactics",
    "What types of roles/functions am interested in": "What types of roles/functions am I "
    "interested in",
}
# Guidance the bank shows as a hint rather than as part of the question.
AS_HINTS = [
    " (e.g. increasing depth, breadth, or stretch/complexity).",
    " (see career growth suggested development initiatives for support).",
]


def seed_questions():
    """Seed 001's stage 1 and 2 questions by heading, as the guide prints them."""
    text = SEED.read_text()
    body = text[text.index("Health and well-being") : text.index("Delivering the")]
    sections, current = {}, None
    for raw in body.splitlines():
        line = raw.strip()
        if line in HEADINGS:
            current = sections.setdefault(line, [])
        elif line.startswith("- ") and current is not None:
            current.append(line.removeprefix("- ").removeprefix("+ "))
        elif line and current is not None and raw.startswith(" ") and current:
            current[-1] += " " + line  # a question wrapped over lines
        elif line.startswith("NB.") and current is not None:
            current.append(line)
    return sections


def mended(question):
    for slip, fix in MENDS.items():
        question = question.replace(slip, fix)
    for hint in AS_HINTS:
        question = question.replace(hint, "")
    return re.sub(r"\s+", " ", question).strip()


def shipped():
    bank = QuestionBank.objects.get(version=1)
    return {
        section.title: [q.text for q in section.questions.order_by("order")]
        for section in bank.sections.order_by("order")
    }


@pytest.mark.skipif(SEED is None, reason="seed 001 is not beside the project")
def test_every_seed_question_is_shipped_in_order_under_its_heading():
    seed = seed_questions()
    bank = shipped()
    assert list(bank) == HEADINGS
    for heading in HEADINGS:
        expected = [mended(q) for q in seed[heading] if not q.startswith("NB.")]
        ours = [q for q in bank[heading] if "reasonable adjustments" not in q]
        assert ours == expected, heading


def test_the_bank_is_counted_as_the_guide_counts_it():
    counts = {title: len(questions) for title, questions in shipped().items()}
    assert counts == {
        "Health and well-being": 7,  # six questions and the reasonable-adjustments prompt
        "Personal strengths and development challenges": 5,
        "Behaviours and performance": 6,
        "Career history": 4,  # the reflection and its three follow-ups
        "Current role": 7,
        "Aspirations": 5,
    }


def test_question_kinds_and_the_sensitive_section():
    bank = QuestionBank.objects.get(version=1)
    fulfilment = Question.objects.get(section__bank=bank, key="cr-fulfilment")
    assert fulfilment.kind == Question.Kind.SCALE
    assert len(fulfilment.follow_ups) == 3
    grow = Question.objects.get(section__bank=bank, key="as-grow")
    assert grow.kind == Question.Kind.CHOICE
    assert {"depth", "breadth", "stretch"} <= {value for value, _ in grow.choices}
    sensitive = JournalSection.objects.filter(bank=bank, sensitive=True)
    assert [s.title for s in sensitive] == ["Health and well-being"]
    assert Question.objects.get(section__bank=bank, key="hw-adjustments").marks_adjustments


def test_the_data_file_is_the_one_shipped():
    data = read_bank_file()
    assert data["version"] == 1
    assert sum(len(s["questions"]) for s in data["sections"]) == 34


def test_a_new_version_leaves_an_existing_journal_unchanged(organisation):
    person = PersonFactory(unit=organisation["team"])
    v1 = QuestionBank.objects.get(version=1)
    journal = start_journal(person=person, year=2026)
    question = Question.objects.get(section__bank=v1, key="sc-proud")
    Answer.objects.create(journal=journal, question=question, text="Running the ward audit")

    draft = copy_as_draft(
        v1, bank_model=QuestionBank, section_model=JournalSection, question_model=Question
    )
    reworded = Question.objects.get(section__bank=draft, key="sc-proud")
    reworded.text = "What achievement are you proudest of?"
    reworded.save()
    Question.objects.filter(section__bank=draft, key="sc-team-part").update(retired=True)
    draft.published_at = v1.published_at
    draft.save()

    journal.refresh_from_db()
    assert journal.bank == v1
    answer = journal.answers.get()
    assert answer.question.text == "What am I most proud of inside or outside of work?"
    assert answer.text == "Running the ward audit"
    assert Question.objects.filter(section__bank=v1, key="sc-team-part", retired=False).exists()

    later = start_journal(person=PersonFactory(unit=organisation["team"]), year=2026)
    assert later.bank == draft
    assert not later.answers.exists()


def test_led_can_copy_and_publish_a_version_in_the_admin_but_not_edit_people(client, cast):
    client.force_login(cast["led"])
    v1 = QuestionBank.objects.get(version=1)
    changelist = "/admin/careers/questionbank/"
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "copy_as_new_draft", "_selected_action": [v1.pk]})
    draft = QuestionBank.objects.get(published_at__isnull=True)
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert client.get("/admin/people/person/").status_code == 403
    # A published version cannot be changed: only viewed.
    page = client.get(f"/admin/careers/questionbank/{v1.pk}/change/")
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert 'name="_save"' not in page.content.decode()


def test_staff_cannot_open_the_admin(client, cast):
    client.force_login(cast["owner"])
    response = client.get("/admin/careers/questionbank/")
    assert response.status_code == 302
