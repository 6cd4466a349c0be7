"""The erasure confirmation: a reason, and a tick that says it cannot be undone."""

from django import forms

from frontend import forms as plain


class EraseForm(plain.Form):
    reason = forms.CharField(
        label="Why are you erasing this person?",
        help_text=(
            "For example, the reference of their erasure request. It is kept with the "
            "record of the erasure: do not write their name or anything about them."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are erasing this person",
            "max_length": "The reason must be 1000 characters or fewer",
        },
    )
    confirm = forms.BooleanField(
        label="I understand that their records, files and history will be removed and "
        "this cannot be undone",
        error_messages={"required": "Confirm that you understand this cannot be undone"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why you are erasing this person", code="required")
        return reason
