"""Forms of the appraisal's parts (the NHS.UK form pack, docs/forms.md). Each carries
the appraisal's version, so a page that is out of date is refused (docs/adr/0006)."""

from django import forms

from frontend import forms as plain
from frontend.fields import DateField, VersionField
from frontend.options import reveal_under
from frontend.text import SingleLineField

from .models import TEXT_MAX_LENGTH, Appraisal, AppraisalObjective, RatingLevel
from .parts import NOT_ON_SCALE, on_agenda_for_change

YES_NO = [("yes", "Yes"), ("no", "No")]
PayProgression = Appraisal.PayProgression


def _text(label, required=None, hint="", rows=6, max_length=TEXT_MAX_LENGTH):
    return forms.CharField(
        label=label, help_text=hint, max_length=max_length, required=required is not None,
        widget=forms.Textarea(attrs={"rows": rows}), error_messages={"required": required or ""},
    )  # fmt: skip


class VersionedForm(plain.Form):
    """Carries the version of the appraisal the page showed."""

    version = VersionField()


class SelfAssessmentForm(VersionedForm):
    self_assessment = _text(
        "Your self-assessment",
        hint="How your year went: what went well, what was hard, what you learned. Your "
        "line manager reads it once you submit it.",
        rows=12,
    )


class ManagerAssessmentForm(VersionedForm):
    manager_assessment = _text(
        "Your assessment",
        hint="Your view of their year, in response to their self-assessment. They read it "
        "once you submit it.",
        rows=12,
    )


class ValueForm(VersionedForm):
    examples = _text("Behaviours and examples discussed", rows=6)
    rating = forms.ModelChoiceField(
        queryset=RatingLevel.objects.filter(active=True),
        label="Agreed rating",
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": NOT_ON_SCALE},
        help_text="The rating you agree together at the appraisal meeting.",
    )

    def __init__(self, *args, rates=True, **kwargs):
        super().__init__(*args, **kwargs)
        # The appraiser records the agreed rating; the person writes examples only.
        if not rates:
            del self.fields["rating"]


class ReviewForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Was the objective met?",
        choices=AppraisalObjective.Outcome.choices[1:],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the objective was met",
                        "invalid_choice": "Select whether the objective was met"},
    )  # fmt: skip
    comment = _text("Comment", rows=4, max_length=2000)


class ObjectiveForm(VersionedForm):
    what = _text("What is the objective?", "Enter the objective", rows=3, max_length=1000)
    measure = _text("How will it be measured?", rows=3, max_length=1000)
    due_by = DateField(label="By when", required=False, help_text="For example, 31 3 2027")
    supports = SingleLineField(
        label="Which team or service objective does it support?",
        max_length=300,
        required=False,
        help_text="From your team's or service's plan.",
    )


class ConfirmForm(VersionedForm):
    """Nothing to fill in: a button, with the version the page showed."""


class WellbeingForm(VersionedForm):
    wellbeing_held = forms.TypedChoiceField(
        label="Was a well-being conversation held?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a well-being conversation was held",
                        "invalid_choice": "Select whether a well-being conversation was held"},
    )  # fmt: skip
    wellbeing_note = _text(
        "A note about your well-being (optional)",
        hint="Only if you want it in your appraisal. Nothing of the conversation is recorded "
        "unless you add it here.",
        rows=4,
    )

    def __init__(self, *args, person_writes=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not person_writes:
            del self.fields["wellbeing_note"]


class PersonPayForm(VersionedForm):
    training_confirmed = forms.BooleanField(
        label="I confirm my statutory and mandatory training is up to date", required=False
    )


class ManagerPayForm(VersionedForm):
    pay_progression = forms.ChoiceField(
        label="Do they meet the requirements for their next pay step?",
        widget=forms.RadioSelect,
        # Not decided yet is allowed while writing; submitting needs it (services).
        required=False,
        help_text="To meet them, this appraisal must be completed (signed by you both) and "
        "their statutory and mandatory training confirmed by them and by you.",
        error_messages={"required": "Select the pay progression outcome",
                        "invalid_choice": "Select the pay progression outcome"},
    )  # fmt: skip
    pay_progression_reason = _text(
        "Why are the requirements not met?", rows=4, hint="What needs to happen, and by when."
    )
    training_confirmed = forms.BooleanField(
        label="I confirm their statutory and mandatory training is up to date", required=False
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Without a person (or with no pay band recorded) every outcome is offered.
        afc = on_agenda_for_change(person) if person is not None else None
        choices = [c for c in PayProgression.choices if c[0]]
        if afc:
            choices = [c for c in choices if c[0] != PayProgression.NOT_APPLICABLE]
        elif afc is False:
            choices = [c for c in choices if c[0] == PayProgression.NOT_APPLICABLE]
        self.fields["pay_progression"].choices = choices
        reveal_under(self, "pay_progression", PayProgression.NOT_MET, "pay_progression_reason")

    def clean(self):
        data = super().clean()
        if (
            data.get("pay_progression") == PayProgression.NOT_MET
            and not (data.get("pay_progression_reason") or "").strip()
        ):
            self.add_error(
                "pay_progression_reason", "Give the reason the requirements are not met"
            )
        return data


class DatesForm(VersionedForm):
    meeting_date = DateField(label="Date of the appraisal meeting", required=False)
    next_review_date = DateField(label="Date of the next review", required=False)


class SignForm(VersionedForm):
    content_hash = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    confirm = forms.BooleanField(
        label="I confirm this is a true record",
        error_messages={"required": "Confirm that this is a true record before you sign"},
    )


class ReopenForm(VersionedForm):
    reason = _text(
        "Why are you reopening this appraisal?",
        "Enter the reason for reopening the appraisal",
        hint="Both people read the reason on the appraisal.",
        rows=4,
    )


class AssignAppraiserForm(VersionedForm):
    email = forms.EmailField(
        label="Email address of the appraiser",
        max_length=254,
        help_text="They must be able to sign in to Trellis. For the Chief Executive, this "
        "is usually the Chair.",
        error_messages={"required": "Enter the email address of the appraiser",
                        "invalid": "Enter an email address in the correct format, like "
                                   "name@example.nhs.uk"},
    )  # fmt: skip
