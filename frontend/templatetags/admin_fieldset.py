"""{% admin_fieldset %}: the admin's fieldset (admin/includes/fieldset.html) drawn by Jinja2.

Each admin form page draws its fields through that template: a line, its label, its
errors and its widget, each a handful of Django template tags. Drawn by Django's
engine this was most of an admin form page's time (30 ms on an initiative's page);
frontend/jinja2/admin/includes/fieldset.html is the same template, line for line, in
Jinja2, which draws it several times faster (docs/adr/0064)."""

from django import template
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe

register = template.Library()

_jinja2 = Jinja2()  # the form renderer's Jinja2 environment: each app's jinja2/ directory
# What change_form.html and edit_inline/stacked.html pass to the fieldset template.
PASSED = ("fieldset", "heading_level", "prefix", "id_prefix", "id_suffix")


@register.simple_tag(takes_context=True)
def admin_fieldset(context):
    """The fieldset in the context, drawn as Django's template draws it."""
    fieldset = _jinja2.get_template("admin/includes/fieldset.html")
    return mark_safe(fieldset.render({name: context.get(name, "") for name in PASSED}))
