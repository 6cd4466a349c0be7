"""The form HR uses to check a booklet file (frontend/uploads.py caps its size)."""

from pathlib import PurePath

from django import forms
from django.conf import settings

from frontend import forms as plain

LIMIT = f"{settings.MAX_UPLOAD_BYTES // (1024 * 1024)}MB"


class CheckBookletForm(plain.Form):
    booklet = forms.FileField(
        label="Booklet file",
        help_text=f"The appraisal booklet PDF you were given, up to {LIMIT}.",
        error_messages={
            "required": "Select the booklet file to check",
            "invalid": "The selected file must be a PDF",
            "empty": "The selected file is empty",
        },
    )

    def clean_booklet(self):
        """The file's bytes, once it is a PDF within the upload limit."""
        upload = self.cleaned_data["booklet"]
        if PurePath(upload.name or "").suffix.lower() != ".pdf":
            raise forms.ValidationError("The selected file must be a PDF")
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {LIMIT}")
        upload.seek(0)
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError("The selected file is not a real PDF file")
        return data
