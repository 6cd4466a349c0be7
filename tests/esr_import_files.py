"""Extracts in the ESR staff list's columns, for the import tests and the benchmark."""

import csv
import io

from frontend.exports import xlsx_bytes

HEADER = [
    "Employee Number", "Assignment Number", "Title", "First Name", "Last Name",
    "Work Email Address", "Position Title", "Org Level 1", "Org Level 2", "Org Level 3",
    "Org Level 4", "Org Level 5", "Org Level 6", "Supervisor Assignment Number", "Pay Band",
    "Staff Group", "Assignment Start Date", "Assignment Status",
]  # fmt: skip


def row(assignment, employee, first, last, *, email=None, supervisor="", levels=None,
        band="Band 5", group="Nursing and Midwifery Registered", position="Staff Nurse",
        status="Active Assignment", start="01/04/2024"):  # fmt: skip
    """One row; `levels` the unit's names from the organisation down."""
    levels = list(levels or ["Demo Trust", "Operations", "Outpatients", "Clinic Admin"])
    levels += [""] * (6 - len(levels))
    email = email if email is not None else f"{first}.{last}@trust.example".lower()
    return [employee, assignment, "Ms", first, last, email, position, *levels, supervisor,
            band, group, start, status]  # fmt: skip


def csv_bytes(rows, *, bom=False, encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    text = out.getvalue()
    return (("\ufeff" if bom else "") + text).encode(encoding)


def workbook_bytes(rows):
    return xlsx_bytes([("Staff", HEADER, rows)])
