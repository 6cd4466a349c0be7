"""Form fields that validate and word their errors the NHS.UK way."""

from datetime import date, datetime
from typing import NoReturn

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

from frontend.widgets import DATE_PARTS, DateInput


def lower_label(label):
    """'Date of birth' -> 'date of birth', leaving acronyms such as 'NHS' as they are."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in str(label).split())


def _is_number(part):
    # Digits only: int() alone would also take "+3", "-1" and "1_0".
    return part.isdecimal()


class DateField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK error messages.

    Messages use the field's label: "Enter date of birth", "Date of birth must include
    a month", "Date of birth must be a real date". Override any of them with
    ``error_messages``; ``%(label)s`` and ``%(label_lower)s`` are available in each.
    """

    widget = DateInput
    default_error_messages = {
        "required": "Enter %(label_lower)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "year": "%(label)s year must include 4 numbers",
    }

    def get_bound_field(self, form, field_name):
        # The messages name the field, and only here is its fallback label known.
        # Each form instance has its own copy of the field, so this does not leak.
        if self.label is None:
            self.label = pretty_name(field_name)
        return super().get_bound_field(form, field_name)

    def to_python(self, value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            return self._from_iso(value)
        if not isinstance(value, list | tuple) or len(value) != len(DATE_PARTS):
            return None if value in self.empty_values else self._raise("invalid")
        return self._from_parts(["" if part is None else str(part).strip() for part in value])

    def _from_iso(self, value):
        if not value.strip():
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self._raise("invalid")

    def _from_parts(self, parts):
        if not any(parts):
            return None
        names = [name for name, _, _ in DATE_PARTS]
        missing = [name for name, part in zip(names, parts, strict=True) if not part]
        if missing:
            self._raise("incomplete", missing)
        not_numbers = [
            name for name, part in zip(names, parts, strict=True) if not _is_number(part)
        ]
        if not_numbers:
            self._raise("invalid", not_numbers)
        day, month, year = parts
        if len(year) != 4:
            self._raise("year", ["year"])
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            self._raise("invalid")

    def validate(self, value):
        if value is None and self.required:
            self._raise("required")

    def _raise(self, code, parts=()) -> NoReturn:
        """Raise the message for `code`; `parts` names the boxes to mark (none means all)."""
        label = str(self.label or "Date")
        params = {
            "label": label,
            "label_lower": lower_label(label),
            "missing": " and ".join(parts),
            "parts": tuple(parts),
        }
        raise ValidationError(self.error_messages[code], code=code, params=params)
