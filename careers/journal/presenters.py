"""How journal answers read on pages and in PDFs: one place, so they never disagree."""

from dataclasses import dataclass

from people.sql import Compiled

from ..models import Answer, Question, SectionState

NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class AnswerRow:
    question: str
    lines: tuple  # paragraphs to show; empty when not answered
    question_pk: int = 0

    @property
    def answered(self):
        return bool(self.lines)


def answer_lines(question, answer):
    """The answer to `question` as short paragraphs, in the question's own terms."""
    if answer is None or answer.is_blank:
        return ()
    lines = []
    if question.kind == Question.Kind.SCALE and answer.scale_value is not None:
        lines.append(f"Fulfilment: {answer.scale_value} out of 10")
    if question.kind == Question.Kind.CHOICE and answer.choice:
        labels = dict(question.choices)
        lines.append(labels.get(answer.choice, answer.choice))
    for label, text in zip(question.follow_ups, answer.follow_ups, strict=False):
        if text:
            lines.append(f"{label}: {text}")
    if answer.text.strip():
        lines.extend(p for p in answer.text.strip().split("\n") if p.strip())
    return tuple(lines)


def section_rows(section, answers):
    """Rows for each question of `section`; `answers` maps question id to Answer."""
    return [
        AnswerRow(q.text, answer_lines(q, answers.get(q.pk)), q.pk)
        for q in section.questions.all()
        if not q.retired or q.pk in answers
    ]


# What the check page and the PDF read of a journal, compiled once (people.sql.Compiled).
_answers = Compiled(lambda journal: Answer.objects.filter(journal=journal))
_states = Compiled(
    lambda journal: (
        SectionState.objects.filter(journal=journal)
        .select_related("section")
        .prefetch_related("section__questions")
        .order_by("section__order")
    )
)


def journal_sections(journal):
    """Each section state of `journal` with its rows, in order: the check page and the PDF."""
    answers = {a.question_id: a for a in _answers.objects(journal=journal.pk)}
    states = _states.objects(journal=journal.pk)
    for state in states:
        state.journal = journal  # as journal.section_states would give them
    return [(s, section_rows(s.section, answers)) for s in states]
