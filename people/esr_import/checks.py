"""One row of an ESR extract, checked on its own: each value made into what Trellis
stores, or the reason the row cannot be used (docs/esr-import.md, "Rows not used")."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from frontend.text import single_line

from ..identity import STORED_EMAIL_PATTERN, normalise_email
from ..models import Person

DIGITS = re.compile(r"\A[0-9]+\Z")
STORED_EMAIL = re.compile(STORED_EMAIL_PATTERN)

# ESR's own spellings (its staff list abbreviates one) beside Trellis's labels.
STAFF_GROUPS = {
    **{label.casefold(): value for value, label in Person.StaffGroup.choices},
    **{value: value for value in Person.StaffGroup.values},
    "add prof scientific and technic": "scientific",
    "additional professional scientific and technical": "scientific",
    "administrative and clerical": "admin",
    "nursing and midwifery registered": "nursing",
    "medical and dental": "medical",
}
BAND_PREFIXES = ("review body", "agenda for change", "afc", "band")


def pay_band(text):
    """ESR's pay band ("Review Body Band 5", "Band 8A", "8a") as a Person.PayBand value;
    "" for none. Raises ValueError for one Trellis does not know."""
    words = " ".join(text.split()).casefold()
    if not words:
        return ""
    if words.startswith("medical") or words == Person.PayBand.MEDICAL.label.casefold():
        return Person.PayBand.MEDICAL
    if words in {"other", "local", "other or local terms", "non-afc"}:
        return Person.PayBand.OTHER
    for prefix in BAND_PREFIXES:
        words = words.removeprefix(prefix).strip()
    if words in Person.PayBand.values:
        return words
    raise ValueError(f"unknown pay band \u201c{text}\u201d")


def staff_group(text):
    words = " ".join(text.split()).casefold()
    if not words:
        return ""
    if words in STAFF_GROUPS:
        return STAFF_GROUPS[words]
    raise ValueError(f"unknown staff group \u201c{text}\u201d")


def start_date(text):
    """DD/MM/YYYY (ESR's) or YYYY-MM-DD (a workbook's date cell); None when empty."""
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%b-%Y", "%d-%b-%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"the assignment start date \u201c{text}\u201d is not a date like 01/04/2024")


def email(text):
    address = normalise_email(text)
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"bad email address \u201c{text}\u201d") from None
    if not STORED_EMAIL.match(address):
        raise ValueError(
            f"bad email address \u201c{text}\u201d: use only the letters a to z, numbers "
            "and symbols such as . - _ and @"
        )
    return address


@dataclass
class Candidate:
    """A row whose values are each usable; whether it fits the rest is decided later."""

    line: int
    assignment: str
    employee: str
    leaving: bool
    email: str = ""
    given_name: str = ""
    family_name: str = ""
    job_title: str = ""
    pay_band: str = ""
    staff_group: str = ""
    start: datetime.date | None = None
    levels: tuple = ()
    supervisor: str = ""
    unit: object = None  # a unit's pk, or the names of a unit to create
    person: dict | None = field(default=None, repr=False)  # the matched person, if any

    @property
    def name(self):
        return f"{self.given_name} {self.family_name}".strip()


LIMITS = {"given_name": 150, "family_name": 150, "job_title": 200}
LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "work email",
    "assignment_number": "assignment number",
    "employee_number": "employee number",
}


def candidate(row, leaver_statuses):
    """The Candidate of `row` (reading.Row), or raises ValueError with the reason."""
    values = {key: single_line(value) for key, value in row.values.items() if key != "levels"}
    leaving = values["status"].casefold() in leaver_statuses
    needed = ["assignment_number", "employee_number"]
    if not leaving:
        needed += ["first_name", "last_name", "email"]
    missing = [LABELS[key] for key in needed if not values[key]]
    if missing:
        raise ValueError("missing required field: " + ", ".join(missing))
    assignment, employee = values["assignment_number"], values["employee_number"]
    if len(assignment) > 20:
        raise ValueError("the assignment number is longer than 20 characters")
    if not DIGITS.match(employee) or len(employee) > 20:
        raise ValueError(f"the employee number \u201c{employee}\u201d is not up to 20 digits")
    found = Candidate(row.line, assignment, employee, leaving)
    if leaving:
        return found
    found.email = email(values["email"])
    found.given_name, found.family_name = values["first_name"], values["last_name"]
    found.job_title = values["position_title"]
    for key, limit in LIMITS.items():
        if len(getattr(found, key)) > limit:
            raise ValueError(f"the {key.replace('_', ' ')} is longer than {limit} characters")
    found.pay_band = pay_band(values["pay_band"])
    found.staff_group = staff_group(values["staff_group"])
    found.start = start_date(values["start_date"])
    found.levels = tuple(single_line(name)[:200] for name in row.values["levels"])
    if not found.levels:
        raise ValueError("missing required field: organisation")
    found.supervisor = values["supervisor"]
    return found
