"""Journal rules: starting, saving without losing anything, sharing, marking ready."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Answer, AnswerVersion, Journal, QuestionBank, SectionState
from . import versions as kept_versions


def appraisal_year(today=None):
    """The appraisal year (April to March) that `today` falls in, by its first year."""
    today = today or timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def current_bank():
    """The newest published version of the question bank."""
    return QuestionBank.objects.filter(published_at__isnull=False).order_by("-version").first()


@transaction.atomic
def start_journal(*, person, year):
    """Open `person`'s journal for `year` on the current bank (or return the existing one)."""
    existing = Journal.objects.filter(person=person, year=year).first()
    if existing:
        return existing
    bank = current_bank()
    if bank is None:
        raise ValidationError("The journal questions have not been published yet.")
    journal, created = Journal.objects.get_or_create(
        person=person, year=year, defaults={"bank": bank}
    )
    if created:
        SectionState.objects.bulk_create(
            SectionState(journal=journal, section=section)
            for section in journal.bank.sections.all()
        )
    return journal


@dataclass(frozen=True)
class AnswerInput:
    """What the person typed for one question."""

    text: str = ""
    scale_value: int | None = None
    choice: str = ""
    follow_ups: tuple = ()

    @classmethod
    def of(cls, answer):
        if answer is None:
            return cls()
        return cls(answer.text, answer.scale_value, answer.choice, tuple(answer.follow_ups))

    @property
    def is_blank(self):
        return not (self.text.strip() or self.choice or self.scale_value is not None
                    or any(self.follow_ups))  # fmt: skip

    def normalised(self):
        follow_ups = tuple(f.strip() for f in self.follow_ups)
        if not any(follow_ups):
            follow_ups = ()
        return AnswerInput(self.text.strip(), self.scale_value, self.choice, follow_ups)


@dataclass(frozen=True)
class Conflict:
    """A save refused because the answer changed since the person loaded it."""

    question: object
    mine: AnswerInput
    theirs: AnswerInput
    their_version: int
    their_updated_at: object


@dataclass
class SaveOutcome:
    # question id -> version now stored, for answers that now hold the person's
    # text; a refused answer is left out, so its page keeps the older version and
    # every later save of it is refused too until the person chooses.
    versions: dict = field(default_factory=dict)
    conflicts: list = field(default_factory=list)
    saved_at: object = None
    saved: set = field(default_factory=set)  # question ids written by this save
    empty_unconfirmed: bool = False  # "complete" asked on a section with no answers

    @property
    def saved_any(self):
        return self.saved_at is not None


@transaction.atomic
def save_answers(*, state, by, inputs, versions, complete=False, confirm_empty=False,
                 sitting=""):  # fmt: skip
    """Save the answers of one section, refusing any that changed since `versions`.

    `inputs` maps question id to AnswerInput and `versions` maps question id to
    the version the person's page was showing (0 for a question never
    answered). Questions not in the section are ignored. A changed answer is
    never overwritten: it comes back as a Conflict with both texts. `complete`
    marks the section completed when nothing was refused; a section with no
    answers only with `confirm_empty` (the person said so), otherwise the
    outcome's `empty_unconfirmed` is set.

    `sitting` names the session saving (versions.sitting_of): an answer changed in a
    new sitting first keeps the text the last one left (versions.py), in one insert
    for the whole save, so a save costs the same queries however many are kept.
    """
    if state.journal.person_id != by.pk:
        raise PermissionError("Only the author can change a journal.")
    questions = {q.pk: q for q in state.section.questions.all()}
    stored = {
        a.question_id: a
        for a in Answer.objects.select_for_update().filter(
            journal=state.journal, question_id__in=questions
        )
    }
    outcome = SaveOutcome()
    now = timezone.now()
    earlier = []  # texts the last sittings left, kept as this save overwrites them
    for question_id, submitted in inputs.items():
        question = questions.get(question_id)
        if question is None:
            continue
        mine, existing = submitted.normalised(), stored.get(question_id)
        current = existing.version if existing else 0
        if mine == AnswerInput.of(existing).normalised():
            outcome.versions[question_id] = current
            continue
        stale = versions.get(question_id) != current
        new_sitting = existing is not None and kept_versions.starts_new_sitting(
            existing, sitting, now
        )
        if stale or not _write(state, question, existing, mine, now, sitting, new_sitting):
            conflict = _conflict_for(state, question, mine)
            if conflict.theirs.normalised() == mine:
                # Saved meanwhile with the same words (say, this page's own
                # autosave racing its Save button): nothing to choose between.
                outcome.versions[question_id] = conflict.their_version
                continue
            outcome.conflicts.append(conflict)
            continue
        if new_sitting:
            earlier.append(kept_versions.kept_from(existing))
        outcome.versions[question_id] = current + 1
        outcome.saved.add(question_id)
        outcome.saved_at = now
    if earlier:
        AnswerVersion.objects.bulk_create(earlier)
    _advance_state(state, outcome, complete and not _unconfirmed_empty(state, outcome,
                   confirm_empty), now)  # fmt: skip
    return outcome


def _unconfirmed_empty(state, outcome, confirm_empty):
    """A section with no answers is completed only when the person confirms it (once:
    a section completed already is not asked again, from a page opened before)."""
    if confirm_empty or outcome.conflicts or state.status == SectionState.Status.COMPLETED:
        return False
    answers = Answer.objects.filter(journal=state.journal, question__section=state.section)
    outcome.empty_unconfirmed = all(answer.is_blank for answer in answers)
    return outcome.empty_unconfirmed


def next_state(state):
    """The section after `state` in its journal, or None after the last (GOV.UK
    task list: "Save and continue" goes on to the next task)."""
    return (
        state.journal.section_states.filter(section__order__gt=state.section.order)
        .select_related("section")
        .order_by("section__order")
        .first()
    )


def _write(state, question, existing, mine, now, sitting="", new_sitting=True):
    """Compare-and-swap one answer; False if someone else saved first. The answer
    notes the sitting writing it, and when it began if `new_sitting`."""
    values = {
        "text": mine.text,
        "scale_value": mine.scale_value,
        "choice": mine.choice,
        "follow_ups": list(mine.follow_ups),
        "updated_at": now,
        "sitting": sitting,
    }
    if existing is None or new_sitting:
        values["sitting_started_at"] = now
    if existing is not None:
        return bool(
            Answer.objects.filter(pk=existing.pk, version=existing.version).update(
                version=F("version") + 1, **values
            )
        )
    try:
        with transaction.atomic():
            Answer.objects.create(journal=state.journal, question=question, **values)
    except IntegrityError:
        return False
    return True


def _conflict_for(state, question, mine):
    theirs = Answer.objects.filter(journal=state.journal, question=question).first()
    if theirs is None:  # the page claimed a version that never existed
        return Conflict(question, mine, AnswerInput(), 0, None)
    return Conflict(question, mine, AnswerInput.of(theirs), theirs.version, theirs.updated_at)


def _advance_state(state, outcome, complete, now):
    if complete and not outcome.conflicts:
        state.status, state.completed_at = SectionState.Status.COMPLETED, now
    elif outcome.saved_any and state.status == SectionState.Status.NOT_STARTED:
        state.status = SectionState.Status.IN_PROGRESS
    else:
        return
    state.save(update_fields=["status", "completed_at"])


@transaction.atomic
def share_section(*, state, by, confirmed=False, include_elsewhere=False):
    """Share a section with the author's line manager of today, and only them
    (people.consent). Sensitive sections need the author's explicit confirmation.
    Sharing again after a change of manager is a new consent with a new date."""
    if state.journal.person_id != by.pk:
        raise PermissionError("Only the author can share their journal.")
    if state.section.sensitive and not confirmed:
        raise ValidationError(
            {"confirm": "Confirm that you want your line manager to read this section"}
        )
    if not state.is_shared or state.share_lapsed:
        state.shared_at = timezone.now()
    state.give_to_line_manager()
    state.include_elsewhere = bool(include_elsewhere and state.section.sensitive)
    state.save(update_fields=["shared_at", "shared_with", "include_elsewhere"])
    return state


@transaction.atomic
def withdraw_section(*, state, by):
    """Make a section private again, at once, and out of every other document."""
    if state.journal.person_id != by.pk:
        raise PermissionError("Only the author can withdraw their journal.")
    state.shared_at, state.shared_with = None, None
    state.include_elsewhere = False
    state.save(update_fields=["shared_at", "shared_with", "include_elsewhere"])
    return state


def sections_for_other_documents(journal, states=None):
    """Shared sections other documents (the appraisal booklet) may include: a
    sensitive section only when its author agreed, and none whose share lapsed
    with a change of line manager (people.consent). `states`: the journal's shared
    section states with their sections, when the caller has read them (no query then)."""
    if states is None:
        states = journal.section_states.filter(shared_at__isnull=False).select_related("section")
    return [
        s
        for s in states
        if (not s.section.sensitive or s.include_elsewhere) and not s.share_lapsed
    ]


@transaction.atomic
def mark_ready(*, journal, by):
    """Mark the whole journal ready for the conversation once every section is complete."""
    if journal.person_id != by.pk:
        raise PermissionError("Only the author can mark their journal ready.")
    unfinished = journal.section_states.exclude(status=SectionState.Status.COMPLETED)
    if unfinished.exists():
        titles = ", ".join(s.section.title for s in unfinished.select_related("section"))
        raise ValidationError(f"Complete every section first. Still to complete: {titles}")
    journal.status, journal.ready_at = Journal.Status.READY, timezone.now()
    journal.save(update_fields=["status", "ready_at"])
    return journal


def years_label(year):
    return f"{year} to {year + 1}"


def is_current_year(journal, today: date | None = None):
    return journal.year == appraisal_year(today)


def aspirations_for_self_assessment(*, person, year):
    """Start a self-assessed placement from the journal's aspirations: the growth
    direction chosen there and where the person wants to be in two years."""
    from learning.access import directions

    answers = {
        a.question.key: a
        for a in Answer.objects.filter(
            journal__person=person,
            journal__year=year,
            question__key__in=["as-grow", "as-two-years"],
        ).select_related("question")
    }
    initial = {}
    grow = answers.get("as-grow")
    if grow and grow.choice:
        initial["target_direction"] = directions().filter(slug=grow.choice).first()
    two_years = answers.get("as-two-years")
    if two_years and two_years.text:
        initial["target_reason"] = two_years.text
    return initial
