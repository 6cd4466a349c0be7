"""Forms of the career conversation, placement and development plan."""

from django import forms

from frontend import forms as plain
from frontend.fields import DateField, VersionField, years_ahead
from frontend.options import configure, reveal_under
from frontend.text import SingleLineField
from learning.access import categories, directions, levels

from ..models import Conversation, ConversationNote, Objective, Placement
from .services import latest_conversation_date


class _TermIterator(forms.models.ModelChoiceIterator):
    """The field's terms as read once for its form (describe_terms), else its queryset."""

    def __iter__(self):
        terms = self.field.terms
        if terms is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for term in terms:
            yield self.choice(term)

    def __len__(self):
        terms = self.field.terms
        if terms is None:
            return super().__len__()
        return len(terms) + (self.field.empty_label is not None)

    def __bool__(self):
        terms = self.field.terms
        if terms is None:
            return super().__bool__()
        return self.field.empty_label is not None or bool(terms)


class TermChoiceField(forms.ModelChoiceField):
    """Radios of a short list of terms (levels, directions, categories). `terms`, when
    set, is the list of rows the radios and their hints are drawn from, so the form reads
    each list once however often it is drawn (its error summary, its radios)."""

    iterator = _TermIterator
    terms = None

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.terms = None  # a new queryset is read anew

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)


def _radios(queryset, label, required_message, hint=""):
    return TermChoiceField(
        queryset=queryset,
        label=label,
        help_text=hint,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def describe_terms(form, *names):
    """Put each term's description (Scope for Growth level or direction, 70/20/10
    category) under its radio as an item hint, so the words are there as one chooses.
    Each list is read once for the form: fields with the same query share its rows."""
    read = {}
    for name in names:
        field = form.fields[name]
        query = str(field.queryset.query)
        if query not in read:
            read[query] = list(field.queryset)
        field.terms = read[query]
        configure(field, hints={term.pk: term.description for term in field.terms})


def _text(label, max_length, required_message=None, hint="", rows=4):
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=max_length,
        required=required_message is not None,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message or ""},
    )


class VersionedForm(plain.Form):
    """Carries the version of the record the page showed, to refuse stale saves."""

    version = VersionField()


class ConversationForm(VersionedForm):
    held_on = DateField(label="Date of the conversation", latest=latest_conversation_date)
    adjustments = forms.ChoiceField(
        label="Are reasonable adjustments needed to support their career aspirations?",
        choices=Conversation.Adjustments.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    adjustments_notes = _text("Notes on reasonable adjustments (optional)", 2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reveal_under(self, "adjustments", Conversation.Adjustments.NEEDED, "adjustments_notes")


class PreparationForm(VersionedForm):
    preparation = _text(
        "Your preparation notes", 4000, hint="Only you can see these notes.", rows=6
    )


class NoteForm(plain.Form):
    stage = forms.TypedChoiceField(
        label="Stage",
        choices=ConversationNote.Stage.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage this note is about"},
    )
    text = _text("Note", 4000, "Enter a note")


class StartConversationForm(plain.Form):
    held_on = DateField(label="Date of the conversation", latest=latest_conversation_date)


class PlacementForm(VersionedForm):
    level = _radios(
        levels(), "Where are they now on the impact axis?", "Select where they are now"
    )
    direction = _radios(
        directions(), "In which direction are they growing now?", "Select a growth direction"
    )
    evidence_kinds = forms.MultipleChoiceField(
        label="What evidence supports this?",
        help_text="Select all that apply.",
        choices=Placement.Evidence.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    evidence = _text("Describe the evidence", 4000, "Describe the evidence for this placement")
    target_level = _radios(
        levels(), "Where do they aim to be in two years?", "Select where they aim to be"
    )
    target_direction = _radios(
        directions(), "In which direction do they want to grow?", "Select a target direction"
    )
    target_reason = _text("Why do they want to be there?", 4000, "Say why they want to be there")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe_terms(self, "level", "direction", "target_level", "target_direction")

    def placement_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class RespondForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Do you agree with this placement?",
        choices=[("agree", "Yes, I agree"), ("disagree", "No, I do not agree")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree"},
    )
    comment = _text("Comment", 4000, hint="If you do not agree, say why, so it can be revised.")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "disagree" and not data.get("comment", "").strip():
            self.add_error("comment", "Say why you do not agree")
        return data


class ObjectiveForm(VersionedForm):
    term = forms.ChoiceField(
        label="Is this a short-term or longer-term objective?",
        choices=Objective.Term.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select short term or longer term"},
    )
    what = _text("What do you want to achieve?", 1000, "Enter what you want to achieve", rows=3)
    why = _text("Why? Which aspiration does it serve?", 1000, "Say why", rows=3)
    direction = _radios(directions(), "Growth direction", "Select a growth direction")
    category = _radios(
        categories(),
        "How will you mostly learn?",
        "Select how you will mostly learn",
        hint="70% from experience on the job, 20% from others, 10% formal training.",
    )
    support = forms.MultipleChoiceField(
        label="What support do you need?",
        help_text="Select all that apply.",
        choices=Objective.Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_date = DateField(label="Target date", help_text="For example, 31 3 2027")
    success_measure = _text(
        "How will success be measured?", 1000, "Say how success will be measured", rows=3
    )

    def __init__(self, *args, about=None, **kwargs):
        """`about`: the person whose plan it is, when someone else (their line
        manager) fills the form in, so the questions speak of them."""
        super().__init__(*args, **kwargs)
        describe_terms(self, "direction", "category")
        if about is not None:
            name = about.given_name or about.full_name
            for field, label in (
                ("what", f"What does {name} want to achieve?"),
                ("category", f"How will {name} mostly learn?"),
                ("support", f"What support does {name} need?"),
            ):
                self.fields[field].label = label
            self.fields["what"].error_messages["required"] = f"Enter what {name} wants to achieve"
            self.fields["category"].error_messages["required"] = (
                f"Select how {name} will mostly learn"
            )

    def objective_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ActionForm(VersionedForm):
    text = SingleLineField(
        label="Add an action",
        max_length=500,
        error_messages={
            "required": "Enter the action",
            "max_length": "The action must be 500 characters or fewer",
        },
    )


class ChangeActionForm(ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "What is the action?"


class ProgressForm(plain.Form):
    status = forms.ChoiceField(
        label="How is it going?",
        choices=Objective.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it is going"},
    )
    note = _text("What progress have you made?", 2000, "Describe the progress", rows=3)


class AgreePlanForm(VersionedForm):
    # Required by plans.agree_plan, after the checks that say what to do first.
    # Seed 001 sets the plan's horizon at two years: a later review is a typing slip.
    review_date = DateField(
        label="Review date",
        help_text="When you will review the plan together",
        required=False,
        latest=years_ahead(2),
    )


class CancelConversationForm(VersionedForm):
    reason = forms.CharField(
        label="Why are you cancelling this conversation record? (optional)",
        help_text="For example, it was given the wrong date.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "The reason must be 500 characters or fewer"},
    )
