"""The upload form of an ESR staff extract (the NHS.UK form pack)."""

from django import forms
from django.conf import settings

from frontend.forms import Form

from .reading import XLSX_MAGIC


def limit_words():
    megabytes = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
    return f"{megabytes:g} MB"


class UploadForm(Form):
    """A CSV or XLSX file, at most settings.MAX_UPLOAD_BYTES. Cleans to its bytes; what
    is inside is read by reading.read (which refuses Windows-1252 by name)."""

    file = forms.FileField(
        label="Upload the ESR staff extract",
        help_text="A CSV file (saved as CSV UTF-8) or an Excel workbook (.xlsx).",
        error_messages={
            "required": "Select the ESR staff extract",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                "The selected file must be a CSV or an Excel workbook (.xlsx)"
            )
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit_words()}. Split the "
                "extract into files of fewer rows, or ask an administrator to run it "
                "from the command line"
            )
        raw = upload.read()
        if name.endswith(".xlsx") != raw.startswith(XLSX_MAGIC):
            raise forms.ValidationError(
                "The selected file's content does not match its name: save it again as "
                "CSV UTF-8 (.csv) or as an Excel workbook (.xlsx)"
            )
        return raw


class LeaversCheckForm(Form):
    """The importer says that the people missing from a file that leaves out many have
    left (services.leavers_to_check)."""

    leavers_checked = forms.BooleanField(required=True)

    def __init__(self, *args, count, **kwargs):
        from .services import unchecked_words

        super().__init__(*args, **kwargs)
        field = self.fields["leavers_checked"]
        field.label = f"The {count:,} people missing from the file have left"
        field.help_text = (
            "Only if this file is the full extract for your part of the organisation. "
            "They will be marked as leavers: their records are kept."
        )
        field.error_messages["required"] = unchecked_words(count)
