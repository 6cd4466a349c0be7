"""The form HR prepares a copy of a person's data with (a subject access request)."""

from frontend.forms import Form
from frontend.text import SingleLineField


class SubjectAccessForm(Form):
    reference = SingleLineField(
        label="Reference or reason",
        help_text="For example, the subject access request's reference number. The person "
        "is told that HR prepared a copy, and when.",
        max_length=200,
        error_messages={"required": "Enter the reference or reason for the copy"},
    )
