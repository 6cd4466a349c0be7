"""The form for how a person gets their reminders (the NHS.UK form pack)."""

from django import forms

from frontend.forms import Form

WHEN_DUE, WEEKLY = "when_due", "weekly"


class PreferenceForm(Form):
    how = forms.ChoiceField(
        label="How do you want to get reminders?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you want to get reminders"},
    )

    def __init__(self, *args, weekday="Monday", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = [
            (WHEN_DUE, "An email when something is due (at most one of each kind a week)"),
            (WEEKLY, f"One email a week, on {weekday}s, with everything that is due"),
        ]
