"""Widgets for the NHS.UK design system."""

from datetime import date

from django import forms

# (name, label, width): the NHS.UK date input asks for day, month and year in that order.
DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
PART_NAMES = tuple(name for name, _, _ in DATE_PARTS)


def check_parts(parts):
    """``parts`` as a tuple, or ValueError unless it is some of day, month, year in order."""
    parts = tuple(parts)
    if len(parts) < 2 or [p for p in PART_NAMES if p in parts] != list(parts):
        raise ValueError(f"parts must be two or three of {PART_NAMES} in that order: {parts!r}")
    return parts


class DateInput(forms.MultiWidget):
    """Boxes for day, month and year (the NHS.UK date input).

    ``parts`` picks the boxes, in order: all three (the default), ``("month", "year")``
    for a month, or ``("day", "month")``. They post as ``<name>_0``, ``<name>_1`` … in that
    order (the field's name is nhsuk-frontend's ``namePrefix``) and get the ids
    ``id_<name>_0`` …, so the error summary can link to the first box.
    Pass ``autocomplete="bday"`` for a date of birth: each box then gets ``bday-day`` etc.
    ``labels`` renames boxes, e.g. ``{"day": "Dydd"}``.
    Use it with ``frontend.fields.DateField``, which understands the parts.
    """

    def __init__(self, attrs=None, autocomplete=None, parts=PART_NAMES, labels=None):
        self.parts = check_parts(parts)
        self.labels = {name: label for name, label, _ in DATE_PARTS} | dict(labels or {})
        widths = {name: width for name, _, width in DATE_PARTS}
        widgets = [self._part(name, widths[name], autocomplete) for name in self.parts]
        super().__init__(widgets, attrs)

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.labels = dict(self.labels)
        return copied

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
                value = None
        if isinstance(value, date):
            return [getattr(value, part) for part in self.parts]
        return [None] * len(self.parts)
