"""What the journal's autosave tells the page, question by question, after a save."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerStatus:
    """The message beside one question's box, and what else the page must change."""

    pk: int
    kind: str = ""  # "saved", "conflict", "error", "theirs", or "" (nothing to say)
    message: str = ""
    saved_at: object = None
    block: object = None  # the QuestionBlock with the comparison, when refused
    new_compare: bool = False  # the comparison is new (or newer answer): show it whole
    clear_compare: bool = False  # the person chose: the comparison goes

    @property
    def problem(self):
        return self.kind in ("conflict", "error")


def answer_statuses(form, outcome, after):
    """One AnswerStatus per question of `form` (the page as posted, validated),
    given the save's `outcome` and `after` (the form as the page now stands,
    from forms.after_save)."""
    errors = form.question_errors()
    refused = {c.question.pk: c for c in outcome.conflicts}
    # Only blocks with a comparison to show (none when the page claimed a version
    # that never existed: nothing was saved elsewhere to compare with).
    blocks = {b.question.pk: b for b in after.blocks() if b.keep_field is not None}
    statuses = []
    for q in form.questions:
        keep = form.cleaned_data.get(f"keep{q.pk}")
        if q.pk in refused:
            new = form.cleaned_data.get(f"seen{q.pk}") != refused[q.pk].their_version
            block = blocks.get(q.pk)
            statuses.append(
                AnswerStatus(q.pk, "conflict", block=block, new_compare=bool(block) and new)
            )
        elif q.pk in form.conflict_ids and not keep:  # refused before, not yet chosen
            statuses.append(AnswerStatus(q.pk, "conflict", block=blocks.get(q.pk)))
        elif q.pk in errors:
            statuses.append(AnswerStatus(q.pk, "error", errors[q.pk]))
        elif keep == "theirs":
            statuses.append(AnswerStatus(q.pk, "theirs"))
        elif q.pk in outcome.saved:
            resolved = q.pk in form.conflict_ids
            statuses.append(
                AnswerStatus(q.pk, "saved", saved_at=outcome.saved_at, clear_compare=resolved)
            )
        elif form.data.get(f"problem{q.pk}") or q.pk in form.conflict_ids:
            # Nothing changed, but the box still shows an older problem: it is gone.
            statuses.append(AnswerStatus(q.pk, clear_compare=q.pk in outcome.versions))
        # Otherwise the message beside the box (say, "Saved at 10:42") stays.
    return statuses
