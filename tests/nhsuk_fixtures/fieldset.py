"""Translator for nhsuk-frontend's fieldset fixtures (see tests/nhsuk_fixtures).

A fieldset is crispy's layout object: ``frontend.layout.Fieldset(legend, *fields, ...)``
in a form's FormHelper layout, rendered with ``{% crispy form %}`` (no <form> tag).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.template import Context, Template

from frontend.layout import Field, Fieldset
from tests.nhsuk_fixtures.common import text_of

ALLOWED = []

_CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")


def _text(label, autocomplete, css=None):
    attrs = {"autocomplete": autocomplete, **({"class": css} if css else {})}
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


# The questions the "with HTML" fixtures put inside the fieldset (their names have hyphens,
# so the form is built with type()).
AddressForm = type(
    "AddressForm",
    (forms.Form,),
    {
        "address-line1": _text("Address line 1", "address-line1"),
        "address-line2": _text("Address line 2 (optional)", "address-line2"),
        "address-town": _text("Town or city", "address-level2", "nhsuk-u-width-two-thirds"),
        "address-postcode": _text("Postcode", "postal-code"),
    },
)


def legend_options(legend):
    """(legend text, Fieldset keyword arguments) from the fieldset macro's legend option."""
    if isinstance(legend, str):
        return legend, {"legend_size": None}
    heading = legend.get("heading")
    text = heading or text_of(legend)
    kwargs = {"legend_size": legend.get("size"), "heading": bool(heading)}
    if legend.get("caption"):
        kwargs["caption"] = text_of(legend["caption"])
    return text, kwargs


def build(fixture):
    ctx = fixture.context
    text, kwargs = legend_options(ctx["legend"])
    with_fields = bool(ctx.get("html")) or fixture.name.endswith("via call block")
    fields = (
        ("address-line1", "address-line2", "address-town", Field("address-postcode", width=10))
        if with_fields
        else ()
    )
    form = AddressForm(auto_id="%s")
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.disable_csrf = True
    form.helper.layout = Layout(Fieldset(text, *fields, **kwargs))
    return _CRISPY.render(Context({"form": form}))
