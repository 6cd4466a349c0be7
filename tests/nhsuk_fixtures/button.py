"""Translator for nhsuk-frontend's button fixtures (see tests/nhsuk_fixtures).

Each fixture is a ``frontend.layout.Button`` in a crispy layout, rendered by
``{% crispy form %}`` without its form tag, so only the button is compared.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.template import Context, Template

from frontend.layout import Button

ALLOWED = []

_CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")


def button_of(ctx):
    """The Button the macro options mean."""
    icon = ctx.get("icon")
    if isinstance(icon, str):
        icon = {"name": icon, "placement": "start"}
    icon = icon or {}
    return Button(
        ctx.get("text"),
        variant=ctx.get("variant"),
        small=bool(ctx.get("small")),
        href=ctx.get("href"),
        disabled=bool(ctx.get("disabled")),
        prevent_double_click=ctx.get("preventDoubleClick"),
        icon=icon.get("name"),
        icon_placement=icon.get("placement", "start"),
    )


def build(fixture):
    form = forms.Form()
    form.helper = FormHelper()
    form.helper.form_tag = False
    form.helper.disable_csrf = True
    form.helper.layout = Layout(button_of(fixture.context))
    return _CRISPY.render(Context({"form": form}))
