"""Shared by the translators: one Django form field rendered through the pack."""

from django import forms
from django.template import Context, Template

from frontend.options import set_options
from tests.nhsuk_fixtures import Element, NotApplicable, walk

_FIELD = Template('{% load crispy_forms_tags %}{% include "nhsuk/field.html" %}')


def text_of(option):
    """The text of a macro option given as a string or as {"text": …} / {"html": …}."""
    if option is None:
        return None
    if isinstance(option, str):
        return option
    if "html" in option:
        return forms.utils.mark_safe(option["html"])
    return option.get("text")


def render_field(
    field, name, *, id=None, value=None, error=None, options=None, context=None, data=None
):
    """Render ``field`` called ``name`` as the pack does inside ``{{ form|crispy }}``.

    ``id`` sets the element's id (Django would derive ``id_<name>``); ``value`` is what the
    person typed (the form is bound); ``error`` is an error message to show; ``options``
    are NHS.UK options (frontend.options); ``context`` adds crispy context variables.
    """
    form_class = type("FixtureForm", (forms.Form,), {name: field})
    bound = value is not None or error is not None or data is not None
    payload = dict(data or {})
    if value is not None:
        payload.setdefault(name, value)
    form = form_class(data=payload if bound else None, auto_id="%s")
    widget = form.fields[name].widget
    if id:
        widget.attrs["id"] = id
    if options:
        set_options(widget, **options)
    if bound:
        form.is_valid()
        form.errors.pop(name, None)
        if error is not None:
            form.add_error(name, error)
    return _FIELD.render(Context({"field": form[name], **(context or {})}))


__all__ = ["Element", "NotApplicable", "render_field", "text_of", "walk"]
