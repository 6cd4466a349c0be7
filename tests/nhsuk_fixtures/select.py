"""Translator for nhsuk-frontend's select fixtures (see tests/nhsuk_fixtures).

Items become a ChoiceField's choices; ``{divider: true}`` becomes the ``dividers`` option
(a line before the next value) and a disabled item ``disabled_choices``.
"""

from django import forms

from tests.nhsuk_fixtures import NotApplicable
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.common import render_field, text_of
from tests.nhsuk_fixtures.label import label_options

ALLOWED = [
    drop_attribute(
        "aria-invalid",
        "aria-invalid",
        'Django marks a field with errors aria-invalid="true" (BoundField.build_widget_attrs), '
        "so screen readers announce the select as invalid; NHS.UK's macro relies on the message",
        element="select",
    )
]


def _choices(items):
    """(choices, dividers, disabled values) from the macro's items."""
    choices, dividers, disabled, divide = [], [], [], False
    for item in items:
        if item.get("divider"):
            divide = True
            continue
        choices.append((item["value"], item["text"]))
        if divide:
            dividers.append(item["value"])
            divide = False
        if item.get("disabled"):
            disabled.append(item["value"])
    return choices, dividers, disabled


def build(fixture):
    ctx = fixture.context
    label = ctx["label"] if isinstance(ctx["label"], dict) else {"text": ctx["label"]}
    if label.get("id"):
        raise NotApplicable("a label's id is Django's (the field's id); it takes no other")
    if ctx.get("errorMessage") is True:
        raise NotApplicable("a Django field error always has a message to show")
    if ctx.get("formGroup", {}).get("afterInput"):
        raise NotApplicable(
            "formGroup.afterInput puts hand-written HTML (here a button) inside the form "
            "group; a Django field has no such slot, its form's buttons are layout objects"
        )
    text, options = label_options(label)
    choices, dividers, disabled = _choices(ctx["items"])
    if dividers:
        options["dividers"] = dividers
    if disabled:
        options["disabled_choices"] = disabled
    field = forms.ChoiceField(
        label=text,
        choices=choices,
        required=False,
        help_text=text_of(ctx.get("hint")) or "",
        disabled=bool(ctx.get("disabled")),
    )
    return render_field(
        field,
        ctx["name"],
        id=ctx.get("id"),
        value=ctx.get("value"),
        error=text_of(ctx.get("errorMessage")),
        options=options,
    )
