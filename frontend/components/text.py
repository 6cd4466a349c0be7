"""Text input, textarea, character count and file upload."""

from django import forms

from frontend.components.base import render_widget, simple, tokens


def text_input(bound_field, c):
    attrs = {}
    widget = bound_field.field.widget
    if isinstance(widget, forms.EmailInput) and "spellcheck" not in widget.attrs:
        attrs["spellcheck"] = "false"  # addresses are not words
    css = tokens("nhsuk-input", c["errors"] and "nhsuk-input--error")
    return {"control": render_widget(bound_field, css, c["describedby"], **attrs)}


textarea = simple("nhsuk-textarea", "nhsuk-textarea--error")
file_upload = simple("nhsuk-file-upload__input", "", "nhsuk-file-upload")


def character_count(bound_field, c):
    maxlength = bound_field.field.max_length
    info_id = f"{c['id']}-info" if c["id"] else ""
    css = tokens(
        "nhsuk-textarea", c["errors"] and "nhsuk-textarea--error", "nhsuk-js-character-count"
    )
    # No maxlength attribute: it silently cuts pasted text; the count and the form's
    # validation tell the person instead.
    control = render_widget(bound_field, css, tokens(info_id, c["describedby"]), maxlength=False)
    return {
        "control": control,
        "info_id": info_id,
        "maxlength": maxlength,
        "group_class": tokens(c["group_class"], "nhsuk-character-count"),
    }
