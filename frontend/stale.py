"""A refused stale edit, shown so the person can see what changed (docs/adr/0006).

When a save is refused because the record changed after the page was opened, the
person's posted answers are bound again over the version saved now, and every answer
that differs from what is saved now is marked with a field error quoting the saved
value. The NHS.UK error summary then lists and links each one, so saving again is an
informed choice rather than a silent overwrite of the other change.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django import forms
from django.db import models

from .fields import long_date

SUMMARY = (
    "This was changed in another tab or by someone else after you opened it, so your "
    "changes have not been saved. Check the answers marked below, then save."
)
SUMMARY_NONE_DIFFER = (
    "This was changed in another tab or by someone else after you opened it, so your "
    "changes have not been saved. Your answers are below: check them, then save again."
)
# Said of every answer the post does not agree with: the other change, or the
# person's own (a page cannot tell which without the version they opened).
CHANGED = (
    "Saved now, different from your answer: {saved}. "
    "Keep your answer or copy in what you need, then save."
)
BLANK = "(blank)"
# Long enough for every text box Trellis has (4,000 characters at most).
LONGEST = 4000


def refused(request, form_class, saved, *, version, summary=None, **kwargs):
    """The person's posted answers bound over `version`, the version saved now, with
    each answer that differs from `saved` marked (see mark_changed). Files are not
    kept by browsers, so a form that was sent one asks for it again."""
    data = request.POST.copy()
    data["version"] = version
    form = form_class(data, request.FILES or None, **kwargs)
    mark_changed(form, saved, files_lost=bool(request.FILES), summary=summary)
    return form


def mark_changed(form, saved, *, files_lost=False, summary=None):
    """Mark on a bound `form` every field whose posted value differs from `saved`
    (a model instance, or a dict of field name to value, in the form's own terms),
    and add the general error. Hidden fields, file fields and fields `saved` does not
    have are left alone. Returns the names of the marked fields."""
    # Read before validating: a ModelForm's validation writes the post over its instance.
    now = {name: _saved_value(saved, name) for name in form.fields}
    form.is_valid()
    marked = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or isinstance(field, forms.FileField):
            continue
        found, value = now[name]
        if not found or not _differs(form, name, field, value):
            continue
        shown = words(field, value)
        form.add_error(name, CHANGED.format(saved=shown if shown == BLANK else f"“{shown}”"))
        marked.append(name)
    message = summary or (SUMMARY if marked else SUMMARY_NONE_DIFFER)
    form.add_error(None, message + (" Choose any file again." if files_lost else ""))
    return marked


def words(field, value):
    """A saved value in plain words: a choice by its label, a date as 1 March 2026,
    a tick as Yes or No, nothing as (blank); long text is cut at LONGEST."""
    if _is_blank(value):
        return BLANK
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime | date):
        return long_date(value)
    if _is_many(value):
        return ", ".join(words(field, item) for item in _items(value)) or BLANK
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):
            value = field.queryset.filter(pk=value).first() or value
        return field.label_from_instance(value) if isinstance(value, models.Model) else str(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in _flat_choices(field.choices)}
        return str(labels.get(str(value), value))
    text = _text(value)
    return text if len(text) <= LONGEST else text[:LONGEST].rstrip() + "…"


def _saved_value(saved, name):
    if isinstance(saved, Mapping):
        found, value = name in saved, saved.get(name)
    else:
        found, value = hasattr(saved, name), getattr(saved, name, None)
    return found, list(value.all()) if hasattr(value, "all") else value


def _differs(form, name, field, saved):
    """Whether the posted answer differs from the saved one, as Django's changed_data
    judges it, line endings aside (browsers send a textarea's lines ended \\r\\n)."""
    data = form[name].data
    if isinstance(data, str):
        data = _text(data)
    if isinstance(saved, str):
        saved = _text(saved)
        saved = saved.strip() if getattr(field, "strip", False) else saved
    return field.has_changed(saved, data)


def _text(value):
    return str(value).replace("\r\n", "\n")


def _is_blank(value):
    return value is None or value == "" or (_is_many(value) and not list(_items(value)))


def _is_many(value):
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def _items(value):
    return value.all() if hasattr(value, "all") else value


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield key, label
