"""The NHS.UK form components: which one a bound field is, and what its template needs.

``describe()`` works out classes, ids and aria-describedby for a bound field; each
component's own module adds what only it needs; the markup lives in
frontend/jinja2/nhsuk/components/ (drawn by .drawing). Per-field options (page-heading
labels, prefixes, item hints, conditional reveals ...) come from ``frontend.options``.
"""

from django import forms

from frontend.components import choices, dates, select, text
from frontend.components.base import anchor, field_id, tokens
from frontend.components.labels import label_context
from frontend.options import options_of
from frontend.widgets import DateInput

__all__ = ["anchor", "describe", "field_id", "tokens"]

# Checked in order, so subclasses come before the classes they extend.
# Textarea is decided separately: it becomes a character count when it has a limit.
WIDGETS = (
    (DateInput, "date_input"),
    (forms.MultiWidget, "multi"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.FileInput, "file_upload"),
    (forms.Textarea, "textarea"),
)

# Component name -> (template in frontend/jinja2/nhsuk/components/, builder of its context).
KINDS = {
    "input": ("input", text.text_input),
    "textarea": ("input", text.textarea),
    "character_count": ("character_count", text.character_count),
    "select": ("input", select.select),
    "file_upload": ("input", text.file_upload),
    "checkbox": ("checkbox", choices.checkbox),
    "radios": ("choices", choices.choices),
    "checkboxes": ("choices", choices.choices),
    "date_input": ("date_input", dates.date_input),
    "multi": ("multi", dates.multi),
}


def component_name(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.Textarea) and getattr(bound_field.field, "max_length", None):
        return "character_count"
    return next((name for cls, name in WIDGETS if isinstance(widget, cls)), "input")


def describe(context, bound_field):
    """Everything a component template needs for one bound field (a dict).

    Reads crispy's form_show_errors, form_show_labels, label_class and wrapper_class from
    the template ``context``, and the field's NHS.UK options (frontend.options).
    """
    name = component_name(bound_field)
    id_ = field_id(bound_field)
    options = options_of(bound_field)
    errors = bound_field.errors if context.get("form_show_errors", True) else []
    # An error with an empty message marks the field (one message elsewhere covers it,
    # as NHS.UK's "error only" examples): styled as wrong, with nothing of its own to say.
    messages = [str(error) for error in errors if str(error).strip()]
    hint_id = f"{id_}-hint" if id_ and bound_field.help_text else ""
    error_id = f"{id_}-error" if id_ and messages else ""
    component = {
        "name": name,
        "template": f"nhsuk/components/{KINDS[name][0]}.html",
        "id": id_,
        "options": options,
        "errors": errors,
        "messages": messages,
        "error_prefix": options.get("error_prefix", "Error"),
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": tokens(hint_id, error_id),
        "group_class": tokens(
            "nhsuk-form-group",
            errors and "nhsuk-form-group--error",
            context.get("wrapper_class"),
        ),
    }
    component.update(label_context(bound_field, context, options))
    component.update(KINDS[name][1](bound_field, component))
    return component
