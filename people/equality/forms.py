"""The form on which a person gives or changes their own equality monitoring answers.
Every question is optional and offers "Prefer not to say"."""

from django import forms

from frontend.fields import DateField, today
from frontend.forms import Form
from frontend.options import configure, reveal_under
from frontend.widgets import DateInput

from .models import (
    ETHNIC_CATEGORIES,
    ETHNICITY_NOT_STATED,
    PREFER_NOT,
    PREFER_NOT_LABEL,
    EqualityInformation,
)

GIVEN = "given"


def _radios(label, choices, hint=""):
    field = forms.ChoiceField(
        label=label, choices=choices, required=False, help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": f"Select {label.lower()} from the list, or leave it"},
    )  # fmt: skip
    return configure(field, label_size="m")


def years_ago(years):
    """Today `years` years ago (29 February becomes 28 February)."""
    now = today()
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


class EqualityForm(Form):
    """Cleans to the model's fields: ethnicity, disability, sex, date_of_birth and
    date_of_birth_withheld (all may be blank). A date of birth is asked for only when
    the person chose to give one."""

    ethnicity = _radios(
        "What is your ethnic group?",
        [(code, label) for code, label, _ in ETHNIC_CATEGORIES]
        + [(ETHNICITY_NOT_STATED, PREFER_NOT_LABEL)],
        "The groups are those the NHS uses to record ethnic group.",
    )
    disability = _radios(
        "Do you consider yourself to have a disability or long-term condition?",
        EqualityInformation.Disability.choices,
    )
    sex = _radios("What is your sex?", EqualityInformation.Sex.choices,
                  "As it would be recorded in the NHS Electronic Staff Record (ESR).")  # fmt: skip
    birth = _radios(
        "Do you want to give your date of birth?",
        [(GIVEN, "Yes, give my date of birth"), (PREFER_NOT, PREFER_NOT_LABEL)],
        "It is used only to count people in age bands, such as 25 to 34.",
    )
    date_of_birth = DateField(
        # Staff of any working age, up to 100 (someone born before 1950 may still
        # work), and nobody under 14.
        label="Date of birth", required=False, earliest=lambda: years_ago(100),
        latest=lambda: years_ago(14),
        help_text="For example, 15 3 1984", widget=DateInput(autocomplete="bday"),
        error_messages={"required": "Enter your date of birth"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configure(self.fields["ethnicity"], dividers={ETHNICITY_NOT_STATED: "or"})
        reveal_under(self, "birth", GIVEN, "date_of_birth")

    @classmethod
    def initial_for(cls, answers):
        """The form's initial values from a person's saved answers (or None)."""
        if answers is None:
            return {}
        birth = GIVEN if answers.date_of_birth else (
            PREFER_NOT if answers.date_of_birth_withheld else "")  # fmt: skip
        return {"ethnicity": answers.ethnicity, "disability": answers.disability,
                "sex": answers.sex, "birth": birth,
                "date_of_birth": answers.date_of_birth}  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        missing = cleaned.get("birth") == GIVEN and not cleaned.get("date_of_birth")
        if missing and "date_of_birth" not in self.errors:
            self.add_error("date_of_birth", "Enter your date of birth")
        return cleaned

    def answers(self):
        """The cleaned answers as EqualityInformation's field values."""
        data = self.cleaned_data
        given = data.get("birth") == GIVEN
        return {
            "ethnicity": data.get("ethnicity") or "",
            "disability": data.get("disability") or "",
            "sex": data.get("sex") or "",
            "date_of_birth": data.get("date_of_birth") if given else None,
            "date_of_birth_withheld": data.get("birth") == PREFER_NOT,
        }
