"""Template tags behind the `nhsuk` crispy template pack and the NHS.UK error summary.

Python works out classes, ids and aria-describedby for each bound field; the markup
lives in templates/nhsuk/components/ (fields) and templates/includes/error_summary.html.
"""

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.safestring import mark_safe

from frontend.widgets import DATE_PARTS, DateInput

register = template.Library()

# Checked in order, so subclasses come before the classes they extend.
# Textarea is decided separately: it becomes a character count when it has a limit.
COMPONENTS = (
    (DateInput, "date_input"),
    (forms.MultiWidget, "multi"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.FileInput, "file_upload"),
    (forms.Textarea, "textarea"),
)


def tokens(*values):
    """Join space-separated class names or ids, skipping blanks and repeats."""
    return " ".join(dict.fromkeys(t for value in values if value for t in str(value).split()))


def field_id(bound_field):
    """The id Django gives the field's element (or group), or '' when ids are off."""
    return bound_field.field.widget.attrs.get("id") or bound_field.auto_id or ""


def anchor(bound_field):
    """The error summary's link target: the input, or the first input of a group."""
    id_ = field_id(bound_field)
    if not id_:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget):
        return f"#{id_}_0"
    if isinstance(widget, forms.RadioSelect):
        options = bound_field.subwidgets
        return f"#{options[0].id_for_label}" if options else f"#{id_}"
    return f"#{id_}"


def component_name(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.Textarea) and getattr(bound_field.field, "max_length", None):
        return "character_count"
    return next((name for cls, name in COMPONENTS if isinstance(widget, cls)), "input")


@register.simple_tag(takes_context=True)
def nhsuk_field(context, bound_field):
    """Describe one bound field for the component templates: `{% nhsuk_field field as c %}`.

    Reads crispy's form_show_errors, form_show_labels, label_class and wrapper_class.
    """
    name = component_name(bound_field)
    id_ = field_id(bound_field)
    errors = bound_field.errors if context.get("form_show_errors", True) else []
    hint_id = f"{id_}-hint" if id_ and bound_field.help_text else ""
    error_id = f"{id_}-error" if id_ and errors else ""
    # Hidden rather than dropped: a field without a label is unusable with a screen reader.
    hidden_label = "" if context.get("form_show_labels", True) else "nhsuk-u-visually-hidden"
    component = {
        "name": name,
        "template": f"nhsuk/components/{KINDS[name][0]}.html",
        "id": id_,
        "errors": errors,
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": tokens(hint_id, error_id),
        "group_class": tokens(
            "nhsuk-form-group",
            errors and "nhsuk-form-group--error",
            context.get("wrapper_class"),
        ),
        "label_class": tokens("nhsuk-label", context.get("label_class"), hidden_label),
        "legend_class": tokens("nhsuk-fieldset__legend", hidden_label),
    }
    component.update(KINDS[name][1](bound_field, component))
    return component


def _widget(bound_field, css, describedby, **attrs):
    """Render the field's own widget with NHS.UK classes, keeping its other attributes."""
    widget = bound_field.field.widget
    attrs["class"] = tokens(css, widget.attrs.get("class"))
    describedby = tokens(widget.attrs.get("aria-describedby"), describedby)
    if describedby:
        attrs["aria-describedby"] = describedby
    return bound_field.as_widget(attrs=attrs)


def _input_html(bound_field, widget_context):
    html = bound_field.form.renderer.render(
        "django/forms/widgets/input.html", {"widget": widget_context}
    )
    # Django's own input template has escaped every value.
    return mark_safe(html)


def _input(bound_field, c):
    attrs = {}
    widget = bound_field.field.widget
    if isinstance(widget, forms.EmailInput) and "spellcheck" not in widget.attrs:
        attrs["spellcheck"] = "false"  # addresses are not words
    css = tokens("nhsuk-input", c["errors"] and "nhsuk-input--error")
    return {"control": _widget(bound_field, css, c["describedby"], **attrs)}


def _simple(css, error_css, extra_group_class=""):
    def build(bound_field, c):
        control = _widget(bound_field, tokens(css, c["errors"] and error_css), c["describedby"])
        return {"control": control, "group_class": tokens(c["group_class"], extra_group_class)}

    return build


def _character_count(bound_field, c):
    maxlength = bound_field.field.max_length
    info_id = f"{c['id']}-info" if c["id"] else ""
    css = tokens(
        "nhsuk-textarea", c["errors"] and "nhsuk-textarea--error", "nhsuk-js-character-count"
    )
    # No maxlength attribute: it silently cuts pasted text; the count and the form's
    # validation tell the person instead.
    control = _widget(bound_field, css, tokens(info_id, c["describedby"]), maxlength=False)
    return {
        "control": control,
        "info_id": info_id,
        "maxlength": maxlength,
        "group_class": tokens(c["group_class"], "nhsuk-character-count"),
    }


def _choices(bound_field, c):
    module = c["name"]  # "radios" or "checkboxes"
    items = []
    for option in bound_field.subwidgets:
        attrs = {**option.data["attrs"], "class": f"nhsuk-{module}__input"}
        items.append(
            {
                "id": attrs.get("id", ""),
                "label": option.choice_label,
                "input": _input_html(bound_field, {**option.data, "attrs": attrs}),
            }
        )
    # A class on the widget (e.g. nhsuk-radios--inline) styles the group, not each input.
    container = tokens(f"nhsuk-{module}", bound_field.field.widget.attrs.get("class"))
    return {"module": module, "items": items, "container_class": container}


def _wrong_date_parts(errors):
    """Names of the boxes to mark: those the DateField named, or all for other errors."""
    everything = {name for name, _, _ in DATE_PARTS}
    wrong = set()
    for error in errors.as_data() if errors else ():
        params = error.params if isinstance(error.params, dict) else {}
        parts = params.get("parts")
        if not parts:
            return everything
        wrong.update(parts)
    return wrong


def _date_input(bound_field, c):
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({"id": c["id"]} if c["id"] else {})
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)
    wrong = _wrong_date_parts(c["errors"])
    items = []
    parts = zip(context["widget"]["subwidgets"], widget.widgets, DATE_PARTS, strict=False)
    for sub, part_widget, (name, label, _) in parts:
        error = name in wrong
        sub_attrs = {
            **sub["attrs"],
            "class": tokens(part_widget.attrs.get("class"), error and "nhsuk-input--error"),
            "aria-invalid": "true" if error else False,
        }
        items.append(
            {
                "id": sub_attrs.get("id", ""),
                "label": label,
                "error": error,
                "input": _input_html(bound_field, {**sub, "attrs": sub_attrs}),
            }
        )
    return {"items": items}


def _multi(bound_field, c):
    return {"control": bound_field.as_widget(attrs={"class": "nhsuk-input"})}


# Component name -> (template in templates/nhsuk/components/, builder of its extra context).
KINDS = {
    "input": ("input", _input),
    "textarea": ("input", _simple("nhsuk-textarea", "nhsuk-textarea--error")),
    "character_count": ("character_count", _character_count),
    "select": ("input", _simple("nhsuk-select", "nhsuk-select--error")),
    "file_upload": ("input", _simple("nhsuk-file-upload__input", "", "nhsuk-file-upload")),
    "checkbox": ("checkbox", _simple("nhsuk-checkboxes__input", "")),
    "radios": ("choices", _choices),
    "checkboxes": ("choices", _choices),
    "date_input": ("date_input", _date_input),
    "multi": ("multi", _multi),
}


@register.filter
def nhsuk_button_class(layout_input):
    """Classes for a crispy Submit/Button/Reset: crispy's Bootstrap ones swapped for NHS.UK."""
    own = [c for c in layout_input.field_classes.split() if c != "btn" and c[:4] != "btn-"]
    secondary = "" if layout_input.input_type == "submit" else "nhsuk-button--secondary"
    return tokens("nhsuk-button", secondary, *own)


# Error summary ------------------------------------------------------------------------


def _form_errors(form):
    if not isinstance(form, forms.BaseForm):
        return []
    visible = form.visible_fields()
    first = anchor(visible[0]) if visible else ""
    errors = [(str(error), first) for error in form.non_field_errors()]
    for bound_field in form:
        # Hidden fields cannot be focused, so their errors point at the first field too.
        href = first if bound_field.is_hidden else anchor(bound_field)
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
    return [{"text": text, "href": href} for text, href in dict.fromkeys(errors)]


@register.inclusion_tag("includes/error_summary.html")
def nhsuk_error_summary(*forms_, title="There is a problem"):
    """The NHS.UK error summary for one or more forms: `{% nhsuk_error_summary form %}`.

    Renders nothing when there are no errors. Non-field errors link to the first field.
    """
    return {"errors": summary_errors(*forms_), "title": title}
