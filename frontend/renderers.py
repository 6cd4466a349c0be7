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

A select, a text box and each input type's own template (text, number, date, …; not a
radio or checkbox list, a file input with its "clear" box or a widget of several parts)
are drawn by Trellis's Jinja2 copies of Django's templates (DRAWN_BY_TRELLIS, in
frontend/jinja2/frontend/), which draw the attributes and options inline: the same HTML,
byte for byte (docs/adr/0075).

A name Jinja2 does not have is remembered: Jinja2 caches the templates it finds but
not the ones it misses, and each miss searched every app's `jinja2/` directory and
raised, seven times on an admin form page. With DEBUG on nothing is remembered, so a
template added while the development server runs is found."""

from django.conf import settings
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property

# Django's widget templates Trellis draws with its own Jinja2 copies, the same HTML byte
# for byte (tests/test_form_renderer.py compares them): attributes and a select's options
# drawn inline (an include of each cost 27 µs an option). Each input type's template is
# Django's input included, so it is drawn by the copy of the input.
INPUT_TYPES = ("checkbox", "color", "date", "datetime", "email", "file", "hidden",
               "number", "password", "search", "tel", "text", "time", "url")  # fmt: skip
DRAWN_BY_TRELLIS = {
    "django/forms/widgets/select.html": "frontend/select.html",
    "django/forms/widgets/textarea.html": "frontend/textarea.html",
    "django/forms/widgets/input.html": "frontend/input.html",
    **{f"django/forms/widgets/{kind}.html": "frontend/input.html" for kind in INPUT_TYPES},
}


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
        template_name = DRAWN_BY_TRELLIS.get(template_name, template_name)
        if template_name not in self._not_in_jinja2:
            try:
                return self._jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                if not settings.DEBUG:
                    self._not_in_jinja2.add(template_name)
        return self._django.get_template(template_name)
