"""Translator for nhsuk-frontend's input fixtures (see tests/nhsuk_fixtures).

The shared helpers here (``label_and_options``, ``field_kwargs``, ``render``) also serve
the textarea and character-count translators: all three are one Django field.
"""

from django import forms

from tests.nhsuk_fixtures import NotApplicable
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.common import render_field, text_of
from tests.nhsuk_fixtures.label import label_options

ARIA_INVALID = drop_attribute(
    "aria-invalid",
    "aria-invalid",
    'Django marks a field with errors aria-invalid="true" (BoundField.build_widget_attrs), '
    "so a screen reader says the answer is invalid; NHS.UK's macro leaves it out",
)

ALLOWED = [ARIA_INVALID]


class TelInput(forms.TextInput):
    """What a Django form uses for a phone number: Django has no tel widget of its own."""

    input_type = "tel"


def label_and_options(ctx):
    """(label text, NHS.UK options) from a field macro's ``label`` option."""
    label = ctx.get("label") or {}
    if isinstance(label, str):
        label = {"text": label}
    text, options = label_options(label)
    if label.get("id"):
        options["label_id"] = label["id"]
    return text_of(text) if isinstance(text, dict) else text, options


def field_kwargs(ctx):
    """label, help_text and disabled for the Django field; the error to add (or None)."""
    label, options = label_and_options(ctx)
    kwargs = {"label": label, "required": False, "disabled": bool(ctx.get("disabled"))}
    if ctx.get("hint"):
        kwargs["help_text"] = text_of(ctx["hint"])
    # errorMessage: true marks the field with no message of its own: an empty error.
    error = "" if ctx.get("errorMessage") is True else text_of(ctx.get("errorMessage"))
    return kwargs, options, error


def widget_attrs(ctx):
    """The attributes a Django widget carries for the macro's own options."""
    attrs = {}
    for option in ("autocomplete", "inputmode"):
        if ctx.get(option):
            attrs[option] = ctx[option]
    if ctx.get("spellcheck") in (True, False):
        attrs["spellcheck"] = str(ctx["spellcheck"]).lower()
    if ctx.get("classes"):
        attrs["class"] = ctx["classes"]
    return attrs


def render(field, ctx, options, error):
    return render_field(
        field,
        ctx["name"],
        id=ctx.get("id") or ctx["name"],
        value=ctx.get("value"),
        error=error,
        options=options,
    )


def build(fixture):
    ctx = fixture.context
    if ctx.get("formGroup", {}).get("afterInput"):
        raise NotApplicable(
            "a button inside the input's wrapper: in a Django form a button is a crispy "
            "layout object (Submit) after the field, not part of it"
        )
    kwargs, options, error = field_kwargs(ctx)
    widget_class = TelInput if ctx.get("type") == "tel" else forms.TextInput
    widget = widget_class(attrs=widget_attrs(ctx))
    for option in ("width", "code"):
        if ctx.get(option):
            options[option] = ctx[option]
    for option in ("prefix", "suffix"):
        if ctx.get(option):
            options[option] = text_of(ctx[option])
    return render(forms.CharField(widget=widget, **kwargs), ctx, options, error)
