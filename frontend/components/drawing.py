"""One field, or a fieldset's legend, drawn by Jinja2 from frontend/jinja2/nhsuk/components/.

Drawn by Django's engine, the component templates were most of a form page's time (each a
handful of includes and tags, every variable resolved through Django's lookup rules);
Jinja2 draws the same bytes several times faster (docs/adr/0065). Values print as Django
prints them (localized, escaped by Django's rules: an apostrophe is ``&#x27;``, not
Jinja2's ``&#39;``), so the HTML is byte for byte what Django's templates drew
(tests/test_form_fields_drawn_by_jinja2.py).
"""

import html
from functools import partial
from pathlib import Path

import jinja2
from django.conf import settings
from django.forms import BoundField
from django.utils.formats import localize
from django.utils.html import conditional_escape
from markupsafe import Markup

from frontend.components import describe
from frontend.components.shapes import draw_kept
from frontend.components.widgets import hidden_input
from frontend.inline_includes import InlineIncludes
from frontend.model_choices import read_at_once

# What describe() reads from the template context crispy draws a field in.
CRISPY = ("form_show_errors", "form_show_labels", "label_class", "wrapper_class")


def as_django_prints(value):
    """A value printed by ``{{ }}``: localized and escaped as Django's engine does it."""
    if isinstance(value, Markup):
        return value
    if type(value) is str:  # most values
        if "'" not in value and '"' not in value:
            return value  # Jinja2's escape writes what Django's does but for quotes
        return Markup(html.escape(value))  # Django's escape()
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives a whole number without grouping
    if type(value) is BoundField and value.is_hidden:
        return Markup(hidden_input(value))  # what str() draws, without Django's way there
    return Markup(conditional_escape(localize(value)))


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent.parent / "jinja2"),
    autoescape=True,
    keep_trailing_newline=True,  # as Django's engine keeps a file's last newline
    finalize=as_django_prints,
    auto_reload=settings.DEBUG,
    cache_size=-1,  # every template kept, in a dict: no LRU bookkeeping per include
    extensions=[InlineIncludes],  # a fixed include drawn in place (docs/adr/0082)
)


def draw_legend(component, legend_text):
    """The HTML (a Markup string) of nhsuk/components/_legend.html for a crispy Fieldset:
    `component` holds its classes, heading and caption (frontend.layout.Fieldset),
    `legend_text` its text."""
    template = ENVIRONMENT.get_template("nhsuk/components/_legend.html")
    return Markup(template.render(component=component, legend_text=legend_text))


def draw_field(crispy, bound_field):
    """The HTML of templates/nhsuk/field.html for one bound field (a Markup string).

    ``crispy`` holds crispy's context values describe() reads (CRISPY), as a dict. A text
    box drawn before in the same shape is drawn from what was kept (.shapes).
    """
    return Markup(draw_kept(crispy, bound_field, _draw))


def _draw(crispy, bound_field):
    if bound_field.is_hidden:
        return Markup(hidden_input(bound_field))
    read_at_once(bound_field.field)  # before anything reads its choices
    component = describe(crispy, bound_field)
    # The component names its template in frontend/jinja2/ (frontend.components.KINDS).
    template = ENVIRONMENT.get_template(component["template"])
    html = template.render(
        component=component, field=bound_field, draw_field=partial(draw_field, crispy)
    )
    return Markup(html)


def crispy_settings(context):
    """The values of CRISPY found in a Django template context (a dict)."""
    return {name: context[name] for name in CRISPY if name in context}
