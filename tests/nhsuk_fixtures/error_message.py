"""Translator for nhsuk-frontend's error-message fixtures (see tests/nhsuk_fixtures).

An error message fixture is the message alone, without an id: a field is built in a form
with ids off (``auto_id=False``), given the error, and only its message is compared.
"""

import re

from django import forms

from tests.nhsuk_fixtures.common import text_of
from tests.nhsuk_fixtures.hint import render_alone

ALLOWED = []

# "via call block": the message comes from a Nunjucks caller, the fixture's own text.
CALL_BLOCK_MESSAGE = "Postcode must not include & and <"


def build(fixture):
    ctx = fixture.context
    hidden = ctx.get("visuallyHiddenText")
    message = text_of(ctx) if ctx else CALL_BLOCK_MESSAGE
    field = forms.CharField(label="Example", required=False)
    if hidden is not None:
        field.widget.nhsuk = {"error_prefix": hidden}  # "" for none, "Gwall" in Welsh
    html = render_alone(field, error=message)
    return re.search(r'<span class="nhsuk-error-message">.*?\n  </span>', html, re.S)[0]
