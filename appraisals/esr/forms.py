"""The unit chooser on the ESR export page (the NHS.UK form pack, docs/forms.md)."""

from django import forms

from frontend.forms import Form
from people import choosers
from people.models import OrganisationUnit


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class EsrUnitForm(Form):
    """Which unit's appraisals go in the file, from `units` (access.units_in_cycle_for);
    none chosen means every unit in the cycle."""

    # A search, not every unit of the cycle (a trust has a thousand): people/choosers.py.
    unit = UnitChoice(
        label="Unit",
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label="Every unit in the cycle",
        widget=choosers.UnitSelect,
        help_text="A unit includes everyone in the units below it. The list has the top two "
        "levels of the cycle's units: find any other unit below.",
        error_messages={
            "invalid_choice": "Select a unit from the list",
            "invalid_pk_value": "Select a unit from the list",
        },
    )

    unit_find = choosers.find_field()

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        choosers.attach(self, "unit", method="get")
