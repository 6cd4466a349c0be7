"""Single-line text: a title, a name, a subject line holds one line.

A line break pasted into a cell (Excel's Alt+Enter), posted to a form or read from an
import would otherwise be stored, and a title with a line break breaks every email
whose subject names it. One rule, `single_line()`, and the fields that apply it:

- `SingleLineCharField`, the model field for every single-line CharField: it flattens
  in full_clean (forms, the admin, the catalogue import) and again on every save.
- `SingleLineField`, the form field a model's single-line field gives its forms, and
  the one a form declares for single-line text of its own.
- `header_text()`, for anything placed in an email header.

The same rule drops the Unicode controls that reorder text (bidirectional embeddings,
overrides and isolates): in one line of text they only serve to spoof, such as a name
that shows "gnp.exe" as "exe.png" in a file name (Unicode Technical Report 36, 3.2).
Marks that set direction without reordering (U+200E, U+200F) stay.
"""

import re

from django import forms
from django.db import models

# Line and paragraph breaks, tabs and other control whitespace (as str.splitlines()
# splits on), with any spaces around them.
_BREAKS = re.compile(r"[ ]*[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+[ ]*")
# Embeddings and overrides (U+202A to U+202E), isolates (U+2066 to U+2069).
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def single_line(value):
    """`value` with each run of line breaks and tabs as one space, no control that
    reorders text, and no space at either end. None and other non-text values are
    returned as they are."""
    if not isinstance(value, str):
        return value
    return _BREAKS.sub(" ", _REORDERING.sub("", value)).strip()


def header_text(value, max_length=200):
    """Text for an email header (a subject): one line, at most `max_length`
    characters. Python's email package refuses a header with a line break."""
    return single_line(str(value))[:max_length]


class SingleLineField(forms.CharField):
    """A form CharField that cleans to one line (see single_line)."""

    def to_python(self, value):
        return single_line(super().to_python(value))


class SingleLineCharField(models.CharField):
    """A CharField whose value is always one line (see single_line).

    The database column is a plain CharField's, and migrations record it as one: the
    rule is Python's alone, so adding it to a field changes no table."""

    def to_python(self, value):
        return single_line(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = single_line(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SingleLineField, **kwargs})

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
