"""Radios, checkboxes and the single yes/no checkbox."""

from frontend.components.base import input_html, simple, tokens

checkbox = simple("nhsuk-checkboxes__input", "")


def choices(bound_field, c):
    module = c["name"]  # "radios" or "checkboxes"
    items = []
    for option in bound_field.subwidgets:
        attrs = {**option.data["attrs"], "class": f"nhsuk-{module}__input"}
        items.append(
            {
                "id": attrs.get("id", ""),
                "label": option.choice_label,
                "input": input_html(bound_field, {**option.data, "attrs": attrs}),
            }
        )
    # A class on the widget (e.g. nhsuk-radios--inline) styles the group, not each input.
    container = tokens(f"nhsuk-{module}", bound_field.field.widget.attrs.get("class"))
    return {"module": module, "items": items, "container_class": container}
