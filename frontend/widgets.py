"""Widgets for the NHS.UK design system."""

from datetime import date

from django import forms

# (name, label, width): the NHS.UK date input asks for day, month and year in that order.
DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


class DateInput(forms.MultiWidget):
    """Three boxes for day, month and year (the NHS.UK date input).

    The boxes post as ``<name>_0``, ``<name>_1`` and ``<name>_2`` and get the ids
    ``id_<name>_0`` … ``id_<name>_2``, so the error summary can link to the day box.
    Pass ``autocomplete="bday"`` for a date of birth: each box then gets ``bday-day`` etc.
    Use it with ``frontend.fields.DateField``, which understands the three parts.
    """

    def __init__(self, attrs=None, autocomplete=None):
        widgets = [self._part(name, width, autocomplete) for name, _, width in DATE_PARTS]
        super().__init__(widgets, attrs)

    @staticmethod
    def _part(name, width, autocomplete):
        attrs = {
            "class": f"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}",
            # A numeric keypad on phones without the quirks of type="number".
            "inputmode": "numeric",
        }
        if autocomplete:
            attrs["autocomplete"] = f"{autocomplete}-{name}"
        return forms.TextInput(attrs=attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]
