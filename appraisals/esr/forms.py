"""The unit chooser on the ESR export page (the NHS.UK form pack, docs/forms.md)."""

from django import forms

from frontend.forms import Form
from people.models import OrganisationUnit


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class EsrUnitForm(Form):
    """Which unit's appraisals go in the file, from `units` (access.units_in_cycle_for);
    none chosen means every unit in the cycle."""

    unit = UnitChoice(
        label="Unit",
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label="Every unit in the cycle",
        help_text="A unit includes everyone in the units below it.",
        error_messages={
            "invalid_choice": "Select a unit from the list",
            "invalid_pk_value": "Select a unit from the list",
        },
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
