"""The select (drop-down) component.

Django's own Select renders the options (and any optgroups from nested choices); the
``dividers`` option adds a line (``<hr>``, as nhsuk-frontend's ``{divider: true}`` item)
before the listed values, and ``disabled_choices`` shows those values but stops them being
chosen. ``button`` (a ``frontend.layout.Button``) sits beside the select, in an input
wrapper, as nhsuk-frontend's ``formGroup.afterInput`` places one: e.g. "Show" for a
choice that changes what the page lists.
"""

import copy

from django.template.loader import render_to_string

from frontend.components.base import render_widget, tokens

OPTION_TEMPLATE = "frontend/select_option.html"


def _values(option):
    """A set of choice values as strings, from a list, set or dict (its keys)."""
    return {str(value) for value in option or ()}


def _with_items(widget, dividers, disabled):
    """A copy of ``widget`` whose options carry a divider flag and ``disabled``."""
    shown = copy.copy(widget)
    plain = widget.create_option

    def create_option(name, value, label, selected, index, subindex=None, attrs=None):
        option = plain(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if str(value) in disabled:
            option["attrs"]["disabled"] = True
        option["divider"] = str(value) in dividers
        option["template_name"] = OPTION_TEMPLATE
        return option

    shown.create_option = create_option
    return shown


def select(bound_field, c):
    dividers = _values(c["options"].get("dividers"))
    disabled = _values(c["options"].get("disabled_choices"))
    widget = bound_field.field.widget
    shown = _with_items(widget, dividers, disabled) if dividers or disabled else None
    css = tokens("nhsuk-select", c["errors"] and "nhsuk-select--error")
    control = render_widget(bound_field, css, c["describedby"], widget=shown)
    button = c["options"].get("button")
    if button is not None:
        html = button.render(bound_field.form, None)
        wrapper = "nhsuk/components/_select_wrapper.html"
        control = render_to_string(wrapper, {"control": control, "button": html})
    return {"control": control}
