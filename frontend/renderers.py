"""The form renderer: Django's widget templates drawn by Jinja2, everything else by
Django's template engine.

A form page draws one widget template per input, and one per radio, checkbox and
option: 49 on the LED initiative form, the largest part of drawing it. Django ships
each of its widget templates for Jinja2 too (django/forms/jinja2/), and
`django.forms.renderers.Jinja2` draws them several times faster; but with that
renderer the admin's widgets (Django templates only) would not be found. So a
template is looked up in Jinja2 first (Django's widget templates, and each app's
`jinja2/` directory: frontend/jinja2/ holds the select option with a divider), then in
Django's engine as Django's own renderer does (docs/adr/0060).

A name Jinja2 does not have is remembered: Jinja2 caches the templates it finds but
not the ones it misses, and each miss searched every app's `jinja2/` directory and
raised, seven times on an admin form page. With DEBUG on nothing is remembered, so a
template added while the development server runs is found."""

from django.conf import settings
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(BaseRenderer):
    @cached_property
    def _jinja2(self):
        return Jinja2()

    @cached_property
    def _django(self):
        return DjangoTemplates()

    @cached_property
    def _not_in_jinja2(self):
        return set()

    def get_template(self, template_name):
        """The named template: the Jinja2 one where there is one, else Django's. Raises
        TemplateDoesNotExist when neither engine has it."""
        if template_name not in self._not_in_jinja2:
            try:
                return self._jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                if not settings.DEBUG:
                    self._not_in_jinja2.add(template_name)
        return self._django.get_template(template_name)
