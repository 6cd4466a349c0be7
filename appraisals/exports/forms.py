"""The form HR chooses a unit with, to export its booklets (the NHS.UK form pack)."""

from django import forms

from frontend.forms import Form
from people import choosers


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class ExportForm(Form):
    """One unit among `units` (access.units_in_cycle_for): its booklets and those of every
    unit below it go in the ZIP."""

    # A search, not every unit of the cycle (a trust has a thousand): people/choosers.py.
    unit = UnitChoice(
        label="Unit",
        queryset=None,
        empty_label=None,
        widget=choosers.UnitRadios,
        help_text="The ZIP holds the booklets of everyone in the unit and every unit below it. "
        "The list has the top two levels of the cycle's units: find any other unit below.",
        error_messages={
            "required": "Select a unit",
            "invalid_choice": "Select one of the units listed",
        },
    )

    unit_find = choosers.find_field()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        choosers.attach(self, "unit")
