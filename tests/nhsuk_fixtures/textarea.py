"""Translator for nhsuk-frontend's textarea fixtures (see tests/nhsuk_fixtures)."""

from django import forms

from tests.nhsuk_fixtures.input import ARIA_INVALID, field_kwargs, render, widget_attrs

ALLOWED = [ARIA_INVALID]


def textarea_widget(ctx):
    """A Django Textarea; ``rows`` only when the macro sets it (the pack's default is 5)."""
    attrs = widget_attrs(ctx)
    if ctx.get("rows"):
        attrs["rows"] = ctx["rows"]
    return forms.Textarea(attrs=attrs)


def build(fixture):
    ctx = fixture.context
    kwargs, options, error = field_kwargs(ctx)
    field = forms.CharField(widget=textarea_widget(ctx), **kwargs)
    return render(field, ctx, options, error)
