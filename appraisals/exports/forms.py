"""The form HR chooses a unit with, to export its booklets (the NHS.UK form pack)."""

from django import forms

from frontend.forms import Form


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class ExportForm(Form):
    """One unit among `units` (access.units_in_cycle_for): its booklets and those of every
    unit below it go in the ZIP."""

    unit = UnitChoice(
        label="Unit",
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text="The ZIP holds the booklets of everyone in the unit and every unit below it.",
        error_messages={
            "required": "Select a unit",
            "invalid_choice": "Select one of the units listed",
        },
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
