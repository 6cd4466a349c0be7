"""Template filter for the form pack's conditional reveals (frontend/components/choices.py)."""

from django import template

from frontend.components.choices import top_level_fields

register = template.Library()


@register.filter
def nhsuk_top_level(form):
    """The form's bound fields in order, less those another field reveals under an item
    (they render there, not twice): ``{% for field in form|nhsuk_top_level %}``."""
    return top_level_fields(form)
