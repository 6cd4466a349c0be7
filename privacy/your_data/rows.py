"""The shapes a person's data is gathered in: an area of tables of rows of JSON values,
and the file names it is put in the ZIP under."""

import datetime
import decimal
from dataclasses import dataclass, field


@dataclass
class Area:
    """One area of a person's data: `tables` (name → rows, each row a dict of JSON
    values, the same keys in every row), and `files` (name in the ZIP → a stored file)."""

    key: str
    title: str
    tables: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)


def value(raw):
    """A model value as JSON: dates and times in ISO 8601, decimals as text."""
    if isinstance(raw, (datetime.datetime, datetime.date)):
        return raw.isoformat()
    if isinstance(raw, decimal.Decimal):
        return str(raw)
    return raw


def name_of(person):
    return person.full_name if person is not None else ""


def pick(record, names):
    """{name: value} of `record`'s fields `names`; a field with choices also gives its
    words as `<name>_label`."""
    row = {}
    for name in names:
        row[name] = value(getattr(record, name))
        display = getattr(record, f"get_{name}_display", None)
        if display is not None:
            row[f"{name}_label"] = display()
    return row


def unique_names(names):
    """`names` made unique, case-insensitively: "x (2).pdf" for the second "x.pdf"."""
    taken, out = set(), []
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{stem} ({n}){'.' + suffix if suffix else ''}"
        taken.add(candidate.casefold())
        out.append(candidate)
    return out
