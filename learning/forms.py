"""LED's forms: an initiative, and a CSV file to import. NHS.UK wording for every error."""

from django import forms
from django.contrib.auth import get_user_model

from people.models import Person
from people.roles import LED_GROUP

from .models import Initiative, join_list, split_list

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _limit_messages(form):
    """'Title must be 200 characters or fewer' instead of Django's default wording."""
    for field in form.fields.values():
        label = field.label or ""
        max_length = getattr(field, "max_length", None)
        if max_length:
            field.error_messages["max_length"] = (
                f"{label} must be {max_length} characters or fewer"
            )


class InitiativeForm(forms.ModelForm):
    pay_bands = forms.MultipleChoiceField(
        label="Pay bands",
        choices=Person.PayBand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty if it suits every band.",
    )
    professions = forms.MultipleChoiceField(
        label="Professions",
        choices=Person.StaffGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty if it suits every profession.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "description",
            "category",
            "directions",
            "levels",
            "format",
            "provider",
            "duration",
            "cost_type",
            "cost_amount",
            "online",
            "location",
            "url",
            "pay_bands",
            "professions",
            "learning_outcomes",
            "tags",
            "owner",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "learning_outcomes": forms.Textarea(attrs={"rows": 4}),
            "category": forms.RadioSelect,
            "directions": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
            "cost_type": forms.RadioSelect,
        }
        labels = {
            "category": "70/20/10 category",
            "cost_amount": "Cost in pounds (if any)",
            "url": "Link",
            "online": "Available online",
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "summary": {"required": "Enter a summary"},
            "category": {"required": "Select a 70/20/10 category"},
            "format": {"required": "Select a format"},
            "cost_type": {"required": "Select the cost"},
            "cost_amount": {"invalid": "Cost in pounds must be a number, like 150 or 99.50"},
            "url": {"invalid": "Enter a link in the correct format, like https://www.example.com"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = None
        self.fields["cost_type"].choices = [
            c for c in self.fields["cost_type"].choices if c[0] != ""
        ]
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(groups__name=LED_GROUP, is_active=True)
            .order_by("family_name", "given_name")
        )
        self.fields["owner"].empty_label = "Me"
        self.fields["owner"].label = "Owner in the LED team"
        self.fields["learning_outcomes"].help_text = "Write one outcome on each line."
        if self.instance.pk and not self.is_bound:
            self.initial["pay_bands"] = split_list(self.instance.pay_bands)
            self.initial["professions"] = split_list(self.instance.professions)
            self.initial["version"] = self.instance.version
        _limit_messages(self)

    def clean_pay_bands(self):
        return join_list(self.cleaned_data["pay_bands"])

    def clean_professions(self):
        return join_list(self.cleaned_data["professions"])

    def clean_tags(self):
        return join_list(split_list(self.cleaned_data["tags"]))

    def clean_learning_outcomes(self):
        lines = self.cleaned_data["learning_outcomes"].splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())

    def service_fields(self):
        """The cleaned values the services write (the version is checked, not written)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Use the columns of the export. At most 2 MB and 5,000 rows.",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The selected file could not be read: save it as CSV UTF-8 and try again"
            ) from None
        if "\x00" in text:
            raise forms.ValidationError("The selected file must be a CSV")
        return text
