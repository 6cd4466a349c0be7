"""Translator for nhsuk-frontend's hint fixtures (see tests/nhsuk_fixtures).

A hint fixture is the hint alone, without an id; the pack renders a field's help_text as
its hint, so a field is built in a form with ids off (``auto_id=False``, so no hint id)
and only its hint is compared, as the label translator compares only the label.
"""

import re

from django import forms
from django.template import Context
from django.utils.safestring import mark_safe

from tests.nhsuk_fixtures.common import _FIELD, text_of

ALLOWED = []

# "via call block": the text comes from a Nunjucks caller; in Django it is the help_text,
# here the fixture's own text.
CALL_BLOCK_HINT = mark_safe(
    'This is a 10 digit number (like <span class="nhsuk-u-nowrap">999 123 4567</span>) that '
    "you can find on an NHS letter, prescription or in the NHS App"
)


def render_alone(field, error=None):
    """The field rendered through the pack in a form without ids (auto_id=False)."""
    form_class = type("FixtureForm", (forms.Form,), {"example": field})
    form = form_class(data={} if error else None, auto_id=False)
    if error:
        form.is_valid()
        form.errors.pop("example", None)
        form.add_error("example", error)
    return _FIELD.render(Context({"field": form["example"]}))


def build(fixture):
    ctx = fixture.context
    help_text = text_of(ctx) if ctx else CALL_BLOCK_HINT
    html = render_alone(forms.CharField(label="Example", help_text=help_text, required=False))
    return re.search(r'<div class="nhsuk-hint">.*?</div>', html, re.S).group(0)
