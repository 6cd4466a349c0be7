"""The date input (day, month, year boxes) and other multi-part widgets."""

from frontend.components.base import input_html, tokens
from frontend.widgets import DATE_PARTS


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


def date_input(bound_field, c):
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
                "input": input_html(bound_field, {**sub, "attrs": sub_attrs}),
            }
        )
    return {"items": items}


def multi(bound_field, c):
    return {"control": bound_field.as_widget(attrs={"class": "nhsuk-input"})}
