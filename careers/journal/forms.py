"""Forms for journal sections, built from the section's questions."""

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from frontend import forms as plain
from frontend.components.choices import revealed_names
from frontend.fields import VersionField
from frontend.options import reveal_under
from frontend.parse import whole_number
from frontend.text import SingleLineField

from ..models import ANSWER_MAX_LENGTH, Question
from .autosave import AnswerStatus
from .presenters import answer_lines
from .services import AnswerInput

FOLLOW_UP_MAX_LENGTH = 500
SCALE = [(str(n), str(n)) for n in range(11)]
MISSING_VERSION = -1
# A choice question with this answer shows its "Tell us more" box under it (NHS.UK
# conditional reveal), as the reasonable-adjustments question does under "Yes".
REVEALS_MORE = "yes"


@dataclass
class QuestionBlock:
    """One question's fields, in page order, for the template."""

    question: Question
    fields: list
    version_field: object
    keep_field: object = None
    seen_field: object = None  # the version of the newer answer shown beside the person's
    theirs: object = None  # the newer saved answer, when the save was refused
    mine_lines: tuple = ()
    theirs_lines: tuple = ()

    @property
    def status(self):
        """The message beside the box while the person has still to choose."""
        if self.keep_field is None:
            return None
        kind = {"theirs": "theirs", "mine": ""}.get(self.keep_field.value(), "conflict")
        return AnswerStatus(self.question.pk, kind)


class SectionForm(plain.Form):
    """All the answers of one section. Every answer carries the version it was
    loaded at (`v<id>`), so a save over a newer answer is refused.

    A refused answer keeps that older version; the page then shows the newer
    answer beside it with the version it shows (`seen<id>`) and asks which to
    keep (`keep<id>`). Only "keep mine" saves over the newer answer, and only
    over the one the person saw."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.answers = answers
        self.conflict_ids = {q.pk for q in self.questions if self.data.get(f"seen{q.pk}")}
        for question in self.questions:
            self._add_fields(question, answers.get(question.pk))

    def _add_fields(self, q, answer):
        stored = AnswerInput.of(answer)
        if q.kind == Question.Kind.SCALE:
            self.fields[f"q{q.pk}_scale"] = forms.TypedChoiceField(
                label=q.text, help_text=q.hint, choices=SCALE, coerce=int, required=False,
                widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
                initial=None if stored.scale_value is None else str(stored.scale_value),
                error_messages={"invalid_choice": "Choose a number from 0 to 10"},
            )  # fmt: skip
            for index, label in enumerate(q.follow_ups):
                initial = stored.follow_ups[index] if index < len(stored.follow_ups) else ""
                self.fields[f"q{q.pk}_f{index}"] = SingleLineField(
                    label=label, max_length=FOLLOW_UP_MAX_LENGTH, required=False,
                    initial=initial,
                )  # fmt: skip
        else:
            if q.kind == Question.Kind.CHOICE:
                self.fields[f"q{q.pk}_choice"] = forms.ChoiceField(
                    label=q.text, help_text=q.hint, choices=q.choices, required=False,
                    widget=forms.RadioSelect, initial=stored.choice,
                    error_messages={"invalid_choice": "Choose one of the options"},
                )  # fmt: skip
            label = "Tell us more (optional)" if q.kind == Question.Kind.CHOICE else q.text
            self.fields[f"q{q.pk}"] = forms.CharField(
                label=label, help_text="" if q.kind == Question.Kind.CHOICE else q.hint,
                max_length=ANSWER_MAX_LENGTH, required=False, widget=forms.Textarea(
                    attrs={"rows": 5}), initial=stored.text,
            )  # fmt: skip
            if q.kind == Question.Kind.CHOICE and REVEALS_MORE in dict(q.choices):
                reveal_under(self, f"q{q.pk}_choice", REVEALS_MORE, f"q{q.pk}")
        self.fields[f"v{q.pk}"] = VersionField(initial=answer.version if answer else 0)
        if q.pk in self.conflict_ids and answer is not None:
            self.fields[f"seen{q.pk}"] = VersionField(initial=answer.version)
            saved_at = timezone.localtime(answer.updated_at).strftime("%H:%M on %-d %B")
            self.fields[f"keep{q.pk}"] = forms.ChoiceField(
                label="Which answer do you want to keep?",
                choices=[("mine", "Keep my answer (shown in the box)"),
                         ("theirs", f"Use the answer saved at {saved_at}")],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose which answer to keep"},
            )  # fmt: skip

    def blocks(self):
        """The fields grouped by question, for the template."""
        revealed = revealed_names(self)  # shown under their choice, not again
        for q in self.questions:
            names = [
                n
                for n in self.fields
                if (n.startswith(f"q{q.pk}_") or n == f"q{q.pk}") and n not in revealed
            ]
            names.sort(key=lambda n: (not n.endswith(("_scale", "_choice")), n))
            block = QuestionBlock(q, [self[n] for n in names], self[f"v{q.pk}"])
            if f"keep{q.pk}" in self.fields:
                block.keep_field = self[f"keep{q.pk}"]
                block.seen_field = self[f"seen{q.pk}"]
                block.theirs = self.answers.get(q.pk)
                block.mine_lines = answer_lines(q, self._typed(q))
                block.theirs_lines = answer_lines(q, block.theirs)
            yield block

    def _typed(self, q):
        """What the page sent for `q`, before cleaning (shown beside the newer answer)."""
        data = self.data
        scale = data.get(f"q{q.pk}_scale", "")
        return AnswerInput(
            text=data.get(f"q{q.pk}", ""),
            scale_value=whole_number(scale),
            choice=data.get(f"q{q.pk}_choice", ""),
            follow_ups=tuple(data.get(f"q{q.pk}_f{i}", "") for i in range(len(q.follow_ups))),
        )

    def question_errors(self):
        """The first error of each question that has one, by question id (after is_valid)."""
        errors = {}
        for name, messages in self.errors.items():
            pk = _question_of(name)
            if pk is not None and pk not in errors:
                errors[pk] = messages[0]
        return errors

    def inputs(self):
        """What the person typed, as AnswerInputs by question id (after is_valid).
        A question with an error is left out, so the others still save."""
        data, result, errors = self.cleaned_data, {}, self.question_errors()
        for q in self.questions:
            if q.pk in errors or data.get(f"keep{q.pk}") == "theirs":
                continue  # to fix first, or the saved answer stays as it is
            follow_ups = tuple(data.get(f"q{q.pk}_f{i}", "") for i in range(len(q.follow_ups)))
            scale = data.get(f"q{q.pk}_scale")
            result[q.pk] = AnswerInput(
                text=data.get(f"q{q.pk}", ""),
                scale_value=None if scale in (None, "") else scale,
                choice=data.get(f"q{q.pk}_choice", ""),
                follow_ups=follow_ups,
            )
        return result

    def versions(self):
        """The version each answer was loaded at; a missing one never matches."""
        versions = {}
        for q in self.questions:
            chose_mine = self.cleaned_data.get(f"keep{q.pk}") == "mine"
            value = self.cleaned_data.get(f"seen{q.pk}" if chose_mine else f"v{q.pk}")
            versions[q.pk] = MISSING_VERSION if value is None else value
        return versions


def _question_of(name):
    """The question id a field name belongs to (`q12`, `q12_f0`, `v12`, `keep12`...)."""
    for prefix in ("q", "v", "keep", "seen"):
        rest = name.removeprefix(prefix)
        if rest != name:
            number = rest.split("_")[0]
            return whole_number(number)
    return None


def after_save(data, outcome, **form_kwargs):
    """Re-bind the person's text after a save, as their page now stands: saved
    answers at their new versions (any comparison gone), refused ones beside the
    newer answer with the question which to keep."""
    data = data.copy()
    for pk, version in outcome.versions.items():
        data[f"v{pk}"] = str(version)
        data.pop(f"seen{pk}", None)
        data.pop(f"keep{pk}", None)
    for conflict in outcome.conflicts:
        data[f"seen{conflict.question.pk}"] = str(conflict.their_version)
        data.pop(f"keep{conflict.question.pk}", None)
    return SectionForm(data, **form_kwargs)


class ShareForm(plain.Form):
    confirm = forms.BooleanField(
        label="I understand my line manager will be able to read my answers in this section",
        required=False,
    )
    include_elsewhere = forms.BooleanField(
        label="My answers in this section may also appear in my appraisal booklet",
        required=False,
        help_text="If you leave this unticked, this section appears only to your line "
        "manager, here.",
    )

    def __init__(self, *args, sensitive, **kwargs):
        super().__init__(*args, **kwargs)
        self.sensitive = sensitive
        if not sensitive:
            del self.fields["confirm"], self.fields["include_elsewhere"]
        else:
            self.fields["confirm"].required = True
            self.fields["confirm"].error_messages["required"] = (
                "Confirm that you want your line manager to read this section"
            )
