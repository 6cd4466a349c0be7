"""The date input (day, month and year boxes, or some of them) and other multi-part widgets."""

from frontend.components.base import input_html, tokens


def _wrong_date_parts(errors, parts):
    """Names of the boxes to mark: those the DateField named, or all for other errors."""
    wrong = set()
    for error in errors.as_data() if errors else ():
        params = error.params if isinstance(error.params, dict) else {}
        named = params.get("parts")
        if not named:
            return set(parts)
        wrong.update(named)
    return wrong


def date_input(bound_field, c):
    widget = bound_field.field.widget
    attrs = bound_field.build_widget_attrs({"id": c["id"]} if c["id"] else {})
    context = widget.get_context(bound_field.html_name, bound_field.value(), attrs)
    wrong = _wrong_date_parts(c["errors"], widget.parts)
    items = []
    parts = zip(context["widget"]["subwidgets"], widget.widgets, widget.parts, strict=True)
    for sub, part_widget, name in parts:
        error = name in wrong
        sub_attrs = {
            **sub["attrs"],
            "class": tokens(part_widget.attrs.get("class"), error and "nhsuk-input--error"),
            "aria-invalid": "true" if error else False,
        }
        items.append(
            {
                "id": sub_attrs.get("id", ""),
                "label": widget.labels[name],
                "error": error,
                "input": input_html(bound_field, {**sub, "attrs": sub_attrs}),
            }
        )
    return {"items": items}


def multi(bound_field, c):
    return {"control": bound_field.as_widget(attrs={"class": "nhsuk-input"})}
