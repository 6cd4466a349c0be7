"""Translator for nhsuk-frontend's error summary fixtures (see tests/nhsuk_fixtures).

Each linked error is a field whose element has the fixture's id (the summary links to it);
an error without a link is a form-wide error of a form with no visible field to point at.
``heading``, ``description`` and ``disableAutoFocus`` are the tag's ``title``,
``description`` and ``disable_auto_focus``.
"""

from django import forms
from django.template import Context, Template

from tests.nhsuk_fixtures import NotApplicable
from tests.nhsuk_fixtures.common import text_of

ALLOWED = []

# The call block's text in nhsuk-frontend's fixture (a caller() has no Django equivalent,
# so the tag is given the same text as its description).
CALLER_TEXT = "Describe the errors and <span>how to correct them</span>"

_SUMMARY = Template(
    "{% load nhsuk %}{% nhsuk_error_summary form title=title description=description "
    "disable_auto_focus=disable_auto_focus %}"
)


def _form(errors):
    """A bound form with one field per linked error and form-wide unlinked ones."""
    linked = [e for e in errors if e.get("href")]
    unlinked = [e for e in errors if not e.get("href")]
    if linked and unlinked:
        raise NotApplicable(
            "a form-wide error links to the form's first field, so an unlinked error only "
            "comes from a form with no visible field, which has no field errors to link"
        )
    fields = {f"field{i}": forms.CharField(required=False) for i in range(len(linked))}
    if unlinked:
        fields["token"] = forms.CharField(required=False, widget=forms.HiddenInput)
    form = type("SummaryForm", (forms.Form,), fields)(data={})
    form.is_valid()
    for i, error in enumerate(linked):
        form.fields[f"field{i}"].widget.attrs["id"] = error["href"].lstrip("#")
        form.add_error(f"field{i}", error["text"])
    for error in unlinked:
        form.add_error(None, error["text"])
    return form


def build(fixture):
    ctx = fixture.context
    errors = [e for e in ctx.get("errorList") or [] if e]
    if not errors:
        raise NotApplicable("the summary lists a form's errors, so with none it is not shown")
    description = text_of(ctx.get("description")) or ""
    if fixture.name == "with description via call block":
        description = forms.utils.mark_safe(CALLER_TEXT)
    context = {
        "form": _form(errors),
        "title": text_of(ctx.get("heading")),
        "description": description,
        "disable_auto_focus": ctx.get("disableAutoFocus"),
    }
    return _SUMMARY.render(Context(context))
