"""LED's forms: an initiative, and a CSV or XLSX file to import. NHS.UK wording
for every error."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from frontend import forms as plain
from frontend import stale
from frontend.fields import DateField, VersionField, today
from frontend.model_choices import choices_read
from people.models import Person
from people.roles import LED_GROUP
from people.sql import Compiled

from .models import CPDEntry, Evaluation, Initiative, OutcomeAnswer, join_list, split_list
from .spreadsheets import XLSX_MAGIC

MAX_IMPORT_BYTES = 2 * 1024 * 1024


# The LED team's keys: each initiative form reads them to offer its owners.
_led_team = Compiled(
    lambda: (
        get_user_model()
        .objects.filter(groups__name=LED_GROUP, is_active=True)
        .order_by()
        .values_list("pk", flat=True)
    )
)


class InitiativeForm(plain.ModelForm):
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
    version = VersionField()

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

    def __init__(self, *args, user=None, **kwargs):
        """`user` is the person filling the form in: named "(you)" in the owner list and
        the owner of a new initiative unless they choose someone else."""
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = None
        self.fields["cost_type"].choices = [
            c for c in self.fields["cost_type"].choices if c[0] != ""
        ]
        self._owner_choices(user)
        self.fields["learning_outcomes"].help_text = "Write one outcome on each line."
        if self.instance.pk and not self.is_bound:
            self.initial["pay_bands"] = split_list(self.instance.pay_bands)
            self.initial["professions"] = split_list(self.instance.professions)
            self.initial["version"] = self.instance.version

    @classmethod
    def reads(cls):
        """The people.sql.Read list a form fetches as it is built and drawn (the LED
        team's keys; the 70/20/10 categories, growth directions and career levels it
        offers), to send ahead (read_ahead)."""
        vocabularies = (
            cls.base_fields[name].queryset for name in ("category", "directions", "levels")
        )
        return [_led_team.read(), *filter(None, map(choices_read, vocabularies))]

    def _owner_choices(self, user):
        """Each person once: the LED team (and the current owner, if they have left it),
        the person filling the form in marked "(you)"."""
        field = self.fields["owner"]
        field.label = "Owner in the LED team"
        # The team's keys first (a few rows by the group's index), then those people by
        # key: an OR across the group join made PostgreSQL join and de-duplicate every
        # person in the trust (20 ms at 20,000 people).
        people = get_user_model().objects
        team = [pk for (pk,) in _led_team.rows()]
        keys = [*team, *([self.instance.owner_id] if self.instance.owner_id else [])]
        field.queryset = people.filter(pk__in=keys).order_by("family_name", "given_name", "pk")
        you = getattr(user, "pk", None)
        field.label_from_instance = lambda person: (
            f"{person.full_name} (you)" if person.pk == you else person.full_name
        )
        if self.instance.pk is None:
            self.initial.setdefault("owner", you)
        # An empty choice only where there is no owner to show, so nobody is chosen unseen.
        field.empty_label = "No owner" if self.instance.pk and not self.instance.owner_id else None

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


class ImportForm(plain.Form):
    """A CSV or XLSX file. The file's content must match its name's ending: an XLSX
    workbook is a ZIP archive (it starts with PK\\x03\\x04), a CSV is UTF-8 text.
    Cleans to ("csv", text) or ("xlsx", bytes) for imports.import_file."""

    file = forms.FileField(
        label="Upload a CSV file or an Excel workbook (XLSX)",
        help_text="Use the columns of the export. At most 2 MB and 5,000 rows. "
        "From a workbook, the first sheet is read.",
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                "The selected file must be a CSV or an Excel workbook (XLSX)"
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        raw = upload.read()
        if name.endswith(".xlsx"):
            if not raw.startswith(XLSX_MAGIC):
                raise forms.ValidationError(
                    "The selected file is not an Excel workbook, although its name ends in "
                    ".xlsx. Save it from Excel as an .xlsx workbook, or upload a CSV"
                )
            return ("xlsx", raw)
        if raw.startswith(XLSX_MAGIC):
            raise forms.ValidationError(
                "The selected file is an Excel workbook, not a CSV. Upload it with a name "
                "ending in .xlsx, or save it as CSV UTF-8"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The selected file could not be read: save it as CSV UTF-8 and try again"
            ) from None
        if "\x00" in text:
            raise forms.ValidationError("The selected file must be a CSV")
        return ("csv", text)


# The CPD log -------------------------------------------------------------------------

# Extension -> (content type, how the file starts). The start is checked, not trusted
# from the browser, so a renamed program is refused.
EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
UPLOAD_LIMIT = f"{settings.MAX_UPLOAD_BYTES // (1024 * 1024)}MB"
EVIDENCE_HINT = f"a PDF, Word document (DOCX), PNG or JPEG, up to {UPLOAD_LIMIT}"


def check_evidence(upload):
    """The upload's content type, or a ValidationError that says what is wrong."""
    from pathlib import PurePath

    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise forms.ValidationError(f"The selected file must be {EVIDENCE_HINT}")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise forms.ValidationError(f"The selected file must be smaller than {UPLOAD_LIMIT}")
    if upload.size == 0:
        raise forms.ValidationError("The selected file is empty")
    content_type, starts = EVIDENCE_TYPES[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(starts):
        raise forms.ValidationError(
            f"The selected file is not a real {suffix[1:].upper()} file. Choose {EVIDENCE_HINT}"
        )
    return content_type


class CPDEntryForm(plain.ModelForm):
    started_on = DateField(label="Start date", latest=today, help_text="For example, 15 3 2026")
    ended_on = DateField(
        label="End date",
        latest=today,
        required=False,
        help_text="Leave empty if it is a single day or still going on.",
    )
    version = VersionField()
    evidence = forms.FileField(
        label="Evidence (optional)",
        required=False,
        help_text=f"For example a certificate or notes: {EVIDENCE_HINT}. "
        "You can add more files later.",
        error_messages={
            "invalid": f"The selected file must be {EVIDENCE_HINT}",
            "empty": "The selected file is empty",
        },
    )

    class Meta:
        model = CPDEntry
        fields = [
            "title",
            "category",
            "started_on",
            "ended_on",
            "hours",
            "done",
            "learned",
            "apply",
            "shared_with_manager",
        ]
        labels = {
            "title": "What did you do?",
            "category": "Which part of the 70/20/10 model was it?",
            "hours": "Hours spent",
            "done": "I have finished this",
            "learned": "What did you learn?",
            "apply": "How will you apply it in your work?",
            "shared_with_manager": "Share this entry and its files with my line manager",
        }
        help_texts = {
            "hours": "For example, 7.5",
            "learned": "Your reflection, in your own words.",
        }
        widgets = {"category": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter what you did"},
            "category": {"required": "Select which part of the 70/20/10 model it was"},
            "hours": {
                "required": "Enter the hours you spent",
                "invalid": "Hours must be a number, like 7.5",
                "min_value": "Hours must be 0.1 or more",
                "max_value": "Hours must be 2,000 or fewer",
                "max_digits": "Hours must be 2,000 or fewer",
                "max_whole_digits": "Hours must be 2,000 or fewer",
                "max_decimal_places": "Hours can have one decimal place, like 7.5",
            },
            "learned": {"required": "Enter what you learned"},
        }

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
        self.initiative = initiative or (self.instance.initiative if self.instance.pk else None)
        self.fields["category"].empty_label = None
        self.fields["category"].label_from_instance = lambda c: f"{c.name} ({c.share_percent}%)"
        if self.initiative and not self.is_bound and not self.instance.pk:
            self.initial.update(title=self.initiative.title, category=self.initiative.category)
        if self.instance.pk and self.instance.share_lapsed:
            # Consent was to a former line manager: sharing again is a new tick.
            self.initial["shared_with_manager"] = False
            self.fields["shared_with_manager"].help_text = _lapsed_hint(self.instance)
        for name in ("started_on", "ended_on"):
            self.fields[name].widget.attrs.pop("required", None)

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.evidence_type = check_evidence(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "End date must be the same as or after the start date")
        return cleaned

    def service_fields(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["initiative"] = self.initiative
        return fields


def _lapsed_hint(entry):
    if entry.shared_with:
        hint = f"You shared this with {entry.shared_with.full_name}, who is not your line "
        hint += "manager now, so nobody else can see it."
    else:
        hint = "You shared this before you had a line manager, so nobody can see it."
    now = entry.person.line_manager
    if now:
        hint += f" Tick the box to share it with {now.full_name}."
    return hint


class EvidenceForm(plain.Form):
    evidence = forms.FileField(
        label="Add a file",
        help_text=f"For example a certificate or notes: {EVIDENCE_HINT}.",
        error_messages={
            "required": "Select a file to add",
            "invalid": f"The selected file must be {EVIDENCE_HINT}",
            "empty": "The selected file is empty",
        },
    )

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        self.evidence_type = check_evidence(upload)
        return upload


# Evaluation of learning ------------------------------------------------------------

RATING_CHOICES = [
    ("5", "5 – Excellent"),
    ("4", "4 – Good"),
    ("3", "3 – Satisfactory"),
    ("2", "2 – Poor"),
    ("1", "1 – Very poor"),
]


class EvaluationForm(plain.Form):
    """Levels 1 and 2: a rating and short review, then one question per learning outcome
    (achieved or not, and what they learned). The outcome fields are built from the
    initiative's outcomes, named outcome_1, outcome_1_note, and so on."""

    rating = forms.TypedChoiceField(
        label="How would you rate it overall?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a rating from 1 to 5",
            "invalid_choice": "Select a rating from 1 to 5",
        },
    )
    version = VersionField()
    review = forms.CharField(
        label="Review (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was good, and what could be better? Your rating and review are "
        "shown without your name on the initiative's page, where colleagues and the "
        "learning and development team read them.",
    )

    def __init__(self, *args, outcomes=(), evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = evaluation.version if evaluation is not None else 0
        self.outcomes = list(outcomes)
        previous = {}
        if evaluation is not None and not self.is_bound:
            self.initial.update(rating=str(evaluation.rating), review=evaluation.review)
            previous = {a.outcome: a for a in evaluation.outcomes.all()}
        for n, outcome in enumerate(self.outcomes, start=1):
            self.fields[f"outcome_{n}"] = forms.ChoiceField(
                label=f"Learning outcome {n}: {outcome}",
                help_text="Did you achieve this outcome?",
                choices=OutcomeAnswer.Achieved.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select whether you achieved learning outcome {n}",
                    "invalid_choice": f"Select whether you achieved learning outcome {n}",
                },
            )
            self.fields[f"outcome_{n}_note"] = forms.CharField(
                label=f"What did you learn about this? (optional, outcome {n})",
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if outcome in previous:
                self.initial[f"outcome_{n}"] = previous[outcome].achieved
                self.initial[f"outcome_{n}_note"] = previous[outcome].note
        self.fields["review"].error_messages["max_length"] = (
            "Review must be 500 characters or fewer"
        )
        for n in range(1, len(self.outcomes) + 1):
            self.fields[f"outcome_{n}_note"].error_messages["max_length"] = (
                f"What you learned about outcome {n} must be 500 characters or fewer"
            )

    def service_fields(self):
        data = self.cleaned_data
        return {
            "rating": data["rating"],
            "review": data["review"].strip(),
            "answers": [
                (outcome, data[f"outcome_{n}"], data[f"outcome_{n}_note"].strip())
                for n, outcome in enumerate(self.outcomes, start=1)
            ],
        }


class FollowUpForm(plain.Form):
    """Level 3: has the person used what they learned, and how."""

    applied_level = forms.ChoiceField(
        label="Have you used what you learned in your work?",
        choices=Evaluation.Applied.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you have used what you learned",
            "invalid_choice": "Select whether you have used what you learned",
        },
    )
    version = VersionField()
    applied = forms.CharField(
        label="How have you applied it, or what has stopped you?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, a change you made to how you work, and what difference it made.",
        error_messages={
            "required": "Enter how you have applied it, or what has stopped you",
            "max_length": "Your answer must be 3,000 characters or fewer",
        },
    )

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if evaluation is not None:
            self.initial["version"] = evaluation.version
        if evaluation is not None and evaluation.followed_up and not self.is_bound:
            self.initial.update(applied_level=evaluation.applied_level, applied=evaluation.applied)

    def service_fields(self):
        return {
            "applied_level": self.cleaned_data["applied_level"],
            "applied": self.cleaned_data["applied"].strip(),
        }


def after_stale_edit(request, form_class, current, saved=None, **kwargs):
    """The person's posted answers, bound again over `current` (the version saved now,
    services.StaleEdit), each one that differs from what is saved now marked with it
    (frontend.stale); `saved` is what is saved now in the form's terms when the form
    is not the record's ModelForm. Saving again replaces it, on purpose."""
    return stale.refused(
        request, form_class, current if saved is None else saved,
        version=current.version, **kwargs,
    )  # fmt: skip


def saved_evaluation(evaluation, outcomes):
    """An evaluation saved now, in EvaluationForm's terms ({} before the first save)."""
    if evaluation is None or evaluation.pk is None:
        return {}
    saved = {"rating": evaluation.rating, "review": evaluation.review}
    answers = {a.outcome: a for a in evaluation.outcomes.all()}
    for n, outcome in enumerate(outcomes, start=1):
        answer = answers.get(outcome[:500])
        saved[f"outcome_{n}"] = answer.achieved if answer else ""
        saved[f"outcome_{n}_note"] = answer.note if answer else ""
    return saved


def saved_follow_up(evaluation):
    """The follow-up answer saved now, in FollowUpForm's terms ({} before it is given)."""
    if not evaluation.followed_up:
        return {}
    return {"applied_level": evaluation.applied_level, "applied": evaluation.applied}


class InsightsForm(plain.Form):
    """The period LED's management information covers."""

    year = forms.TypedChoiceField(
        label="Appraisal year",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select an appraisal year from the list"},
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years")] + [
            (str(year), f"April {year} to March {year + 1}") for year in years
        ]
