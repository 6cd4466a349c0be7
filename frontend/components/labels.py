"""The label or legend of a field: size, page heading and caption (frontend.options)."""

from frontend.components.base import tokens


def label_context(bound_field, context, options):
    """Classes for the field's <label> and <legend> (dict merged into the component)."""
    # Hidden rather than dropped: a field without a label is unusable with a screen reader.
    hidden_label = "" if context.get("form_show_labels", True) else "nhsuk-u-visually-hidden"
    return {
        "label_class": tokens("nhsuk-label", context.get("label_class"), hidden_label),
        "legend_class": tokens("nhsuk-fieldset__legend", hidden_label),
    }
