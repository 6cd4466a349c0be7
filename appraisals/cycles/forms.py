"""The form HR fills in to create or change an appraisal cycle (the NHS.UK form pack,
docs/forms.md). The rules are checked by services.save_cycle; this only reads input."""

from django import forms
from django.core.exceptions import ValidationError

from frontend.fields import DateField, VersionField
from frontend.forms import Form
from frontend.options import configure
from frontend.parse import whole_number
from frontend.text import SingleLineField
from people import choosers

from . import services


class UnitChoices(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        """Django's check, after refusing anything but a key (frontend.parse): a
        20-digit number reached the database, which cannot hold it (a server error)."""
        for pk in value:
            if whole_number(pk) is None:
                message = self.error_messages["invalid_pk_value"]
                raise ValidationError(message, code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)

    def label_from_instance(self, unit):
        return f"{unit.name} ({unit.get_kind_display().lower()})"


class CycleForm(Form):
    """Name, appraisal year, dates and the units in scope, limited to `units` (the
    units the signed-in person may put in a cycle: access.cycle_units_for)."""

    name = SingleLineField(
        label="Name of the cycle",
        max_length=200,
        help_text="For example, Operations appraisals 2026 to 2027",
        error_messages={"required": "Enter a name for the cycle"},
    )
    year = forms.TypedChoiceField(
        label="Appraisal year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the appraisal year"},
    )
    opens_on = DateField(
        label="Opening date",
        help_text="For example, 1 4 2026",
        error_messages={"required": "Enter the opening date"},
    )
    closes_on = DateField(
        label="Closing date",
        help_text="For example, 30 6 2026",
        error_messages={"required": "Enter the closing date"},
    )
    # A search, not every unit HR looks after (a trust has a thousand): people/choosers.py.
    units = UnitChoices(
        label="Units in scope",
        queryset=None,
        widget=choosers.UnitCheckboxes,
        help_text="Everyone in a unit and in every unit below it is appraised in this cycle. "
        "The list shows the units chosen and the top two levels of those you look after: "
        "find any other unit below.",
        error_messages={
            "required": "Select at least one unit",
            "invalid_choice": "Select only units you look after",
            "invalid_pk_value": "Select only units you look after",
        },
    )
    units_find = choosers.find_field()
    version = VersionField()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units.order_by("path")
        this_year = services.default_year()
        years = [this_year - 1, this_year, this_year + 1]
        self.fields["year"].choices = [(y, services.year_label(y)) for y in years]
        configure(self.fields["year"], small=True)
        configure(self.fields["units"], small=True)
        choosers.attach(self, "units")

    def cycle_fields(self):
        """The cleaned answers, as services.save_cycle takes them."""
        data = self.cleaned_data
        return {key: data[key] for key in ("name", "year", "opens_on", "closes_on", "units")}


def initial_for(cycle):
    """The form's starting answers for an existing cycle."""
    return {
        "name": cycle.name,
        "year": cycle.year,
        "opens_on": cycle.opens_on,
        "closes_on": cycle.closes_on,
        "units": list(cycle.units.all()),
        "version": cycle.version,
    }
