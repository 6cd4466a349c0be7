"""Form fields that validate and word their errors the NHS.UK way."""

from datetime import date, datetime
from typing import NoReturn

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.utils import timezone

from frontend.parse import whole_number
from frontend.widgets import PART_NAMES, DateInput, check_parts

# No record Trellis keeps is older than the working life of anyone still working.
EARLIEST = date(1950, 1, 1)


def today():
    """Today in Trellis's time zone (a `latest` for dates that cannot be in the future)."""
    return timezone.localdate()


def years_ahead(years):
    """A `latest` bound: the same day `years` years from today (28 February for 29th)."""

    def bound():
        now = today()
        try:
            return now.replace(year=now.year + years)
        except ValueError:
            return now.replace(year=now.year + years, day=28)

    return bound


TEN_YEARS_AHEAD = years_ahead(10)


def long_date(value, day=True):
    """date(1950, 1, 1) -> '1 January 1950' (the NHS.UK date format), or 'January 1950'."""
    return f"{value.day} {value:%B %Y}" if day else f"{value:%B %Y}"


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

    ``parts=("month", "year")`` asks for a month only (two boxes, e.g. "When did you start
    your job?") and cleans to the first day of that month; its limits read "January 1950".

    Every date is checked for plausibility: not before ``earliest`` (1 January 1950
    unless given) and not after ``latest`` (ten years from today unless given). Each
    bound is a date or a function returning one, read when the form is checked; pass
    ``latest=today`` for a date that cannot be in the future.
    """

    widget = DateInput
    default_error_messages = {
        "required": "Enter %(label_lower)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "year": "%(label)s year must include 4 numbers",
        "too_early": "%(label)s must be the same as or after %(limit)s",
        "too_late": "%(label)s must be the same as or before %(limit)s",
        "future": "%(label)s must be today or in the past",
        "future_month": "%(label)s must be this month or in the past",
    }

    def __init__(self, *, parts=PART_NAMES, earliest=EARLIEST, latest=TEN_YEARS_AHEAD, **kwargs):
        self.parts = check_parts(parts)
        if self.parts not in (PART_NAMES, ("month", "year")):
            raise ValueError("a DateField is a whole date or a month and year")
        self.earliest, self.latest = earliest, latest
        kwargs.setdefault("widget", DateInput(parts=self.parts))
        super().__init__(**kwargs)
        if isinstance(self.widget, DateInput) and self.widget.parts != self.parts:
            raise ValueError(f"the widget asks for {self.widget.parts}, the field {self.parts}")

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
        if not isinstance(value, list | tuple) or len(value) != len(self.parts):
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
        names = self.parts
        missing = [name for name, part in zip(names, parts, strict=True) if not part]
        if missing:
            self._raise("incomplete", missing)
        not_numbers = [
            name for name, part in zip(names, parts, strict=True) if not _is_number(part)
        ]
        if not_numbers:
            self._raise("invalid", not_numbers)
        typed = dict(zip(names, parts, strict=True))
        day, month, year = typed.get("day", "1"), typed["month"], typed["year"]
        if len(year) != 4:
            self._raise("year", ["year"])
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            self._raise("invalid", self._impossible_parts(day, month, year))

    def _impossible_parts(self, day, month, year):
        """The box that makes a date impossible, to mark only it (NHS.UK date input:
        "highlight the date input with the error"): a month past 12, a year before 1, or
        else the day (31 April, 0 March). All boxes when the numbers are too long to read."""
        try:
            day, month, year = int(day), int(month), int(year)
        except ValueError:  # more digits than Python reads as a number
            return ()
        if not 1 <= month <= 12:
            return ("month",)
        if year < 1:
            return ("year",)
        return ("day",) if "day" in self.parts else ()

    def validate(self, value):
        if value is None:
            if self.required:
                self._raise("required")
            return
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        whole = "day" in self.parts
        if not whole:
            # A month is within a bound when any day of it is.
            earliest = earliest and earliest.replace(day=1)
        if earliest and value < earliest:
            self._raise("too_early", limit=long_date(earliest, whole))
        if latest and value > latest:
            future = "future" if whole else "future_month"
            code = future if latest == today() else "too_late"
            self._raise(code, limit=long_date(latest, whole))

    def _raise(self, code, parts=(), limit="") -> NoReturn:
        """Raise the message for `code`; `parts` names the boxes to mark (none means all)."""
        label = str(self.label or "Date")
        params = {
            "label": label,
            "label_lower": lower_label(label),
            "missing": " and ".join(parts),
            "parts": tuple(parts),
            "limit": limit,
        }
        raise ValidationError(self.error_messages[code], code=code, params=params)


class VersionField(forms.Field):
    """The version of a record the page showed, in a hidden input (docs/adr/0006).

    Cleans to an int, or to None when the version is missing or not a whole number: never
    a field error, so the service refuses the save as stale and the typed text is kept.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return whole_number(value)
