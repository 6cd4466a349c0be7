"""Translator for nhsuk-frontend's select fixtures (see tests/nhsuk_fixtures).

Items become a ChoiceField's choices; ``{divider: true}`` becomes the ``dividers`` option
(a line before the next value) and a disabled item ``disabled_choices``.
"""

from django import forms

from frontend.layout import Button
from tests.nhsuk_fixtures import NotApplicable
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.common import render_field, text_of
from tests.nhsuk_fixtures.label import label_options

# The button the "with button" fixtures put after the select (the button macro's output for
# {text: "Save", variant: "secondary", small: true}).
SAVE_BUTTON = (
    '<button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" '
    'data-module="nhsuk-button" type="submit">\n  Save\n</button>'
)

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
    text, options = label_options(label)
    if label.get("id"):
        options["label_id"] = label["id"]
    after = ctx.get("formGroup", {}).get("afterInput")
    if after:
        if after.get("html", "").strip() != SAVE_BUTTON:
            raise NotApplicable("formGroup.afterInput takes any HTML; the pack takes a Button")
        options["button"] = Button("Save", variant="secondary", small=True)
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
        error="" if ctx.get("errorMessage") is True else text_of(ctx.get("errorMessage")),
        options=options,
    )
