"""Template tags behind the `nhsuk` crispy template pack and the NHS.UK error summary.

frontend/components/ works out classes, ids and aria-describedby for each bound field; the
markup lives in frontend/jinja2/nhsuk/components/ (fields and legends, drawn by Jinja2,
docs/adr/0065), templates/nhsuk/components/ (buttons) and
templates/includes/error_summary.html.
"""

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.text import slugify

from frontend.components import anchor, tokens
from frontend.components.choices import top_level_fields
from frontend.components.drawing import crispy_settings, draw_field, draw_legend

register = template.Library()


@register.filter
def nhsuk_top_level(form):
    """The form's bound fields in order, less those another field reveals under an item
    (they render there, not twice): ``{% for field in form|nhsuk_top_level %}``."""
    return top_level_fields(form)


@register.simple_tag(takes_context=True)
def nhsuk_field_html(context, bound_field):
    """One bound field drawn by frontend/jinja2/nhsuk/components/
    (frontend.components.drawing): `{% nhsuk_field_html field %}`."""
    return draw_field(crispy_settings(context), bound_field)


@register.simple_tag
def nhsuk_legend(component, legend_text):
    """A crispy Fieldset's legend, drawn as a field's legend is
    (frontend/jinja2/nhsuk/components/_legend.html): `component` is what
    frontend.layout.Fieldset worked out (classes, heading, caption), `legend_text` its
    text. Out: the HTML, a Markup string."""
    return draw_legend(component, legend_text)


@register.filter
def nhsuk_button_class(layout_input):
    """Classes for a crispy Submit/Button/Reset: crispy's Bootstrap ones swapped for NHS.UK."""
    own = [c for c in layout_input.field_classes.split() if c != "btn" and c[:4] != "btn-"]
    secondary = "" if layout_input.input_type == "submit" else "nhsuk-button--secondary"
    return tokens("nhsuk-button", secondary, *own)


@register.filter
def nhsuk_input_id(layout_input):
    """A crispy input's id, or '' for the one crispy makes up from its name.

    crispy gives ``Submit("save", …)`` the id ``submit-id-save``; two forms on one page with
    the same button would repeat it, and nothing looks it up. ``css_id`` ids are kept.
    """
    made_up = f"{layout_input.input_type}-id-{slugify(layout_input.name)}"
    return "" if layout_input.id == made_up else layout_input.id


# Error summary ------------------------------------------------------------------------


def _form_errors(form):
    if not isinstance(form, forms.BaseForm):
        return []

    # Anchors are worked out only for fields with errors: a radio group's anchor draws
    # its items, which reads a model choice field's rows.
    def first():
        visible = form.visible_fields()
        return anchor(visible[0]) if visible else ""

    errors = [(str(error), first()) for error in form.non_field_errors()]
    for bound_field in form:
        if not bound_field.errors:
            continue
        # Hidden fields cannot be focused, so their errors point at the first field too.
        href = first() if bound_field.is_hidden else anchor(bound_field)
        errors += [(str(error), href) for error in bound_field.errors]
    return errors


def _formset_errors(formset):
    first = next((anchor(f) for form in formset.forms for f in form.visible_fields()), "")
    errors = [(str(error), first) for error in formset.non_form_errors()]
    for form in formset.forms:
        errors += _form_errors(form)
    return errors


def summary_errors(*forms_):
    """(text, href) for every error of the given forms or formsets, once each, in order."""
    errors = []
    for form in forms_:
        is_formset = isinstance(form, BaseFormSet)
        errors += _formset_errors(form) if is_formset else _form_errors(form)
    # An empty message only marks a field (see frontend.components.describe): not listed.
    unique = dict.fromkeys((text, href) for text, href in errors if text.strip())
    return [{"text": text, "href": href} for text, href in unique]


@register.inclusion_tag("includes/error_summary.html")
def nhsuk_error_summary(
    *forms_, title="There is a problem", description="", disable_auto_focus=None
):
    """The NHS.UK error summary for one or more forms: `{% nhsuk_error_summary form %}`.

    Renders nothing when there are no errors. Non-field errors link to the first field.
    ``title`` replaces "There is a problem"; ``description`` is a line under it (e.g. how
    to put the errors right); both are escaped unless marked safe. nhsuk-frontend's
    script moves focus to the summary when the page loads; ``disable_auto_focus=True``
    stops that (e.g. where a summary is one of several on the page), and ``False`` says
    so explicitly; either is written as ``data-disable-auto-focus``.
    """
    if disable_auto_focus not in (None, True, False):
        raise ValueError("disable_auto_focus must be True, False or None")
    auto_focus = "" if disable_auto_focus is None else str(disable_auto_focus).lower()
    return {
        "errors": summary_errors(*forms_),
        "title": title,
        "description": description,
        "disable_auto_focus": auto_focus,
    }
