"""The label or legend of a field: size, page heading and caption (frontend.options).

Follows nhsuk-frontend 10.6.1's label, legend and caption macros: a heading wraps the label
in ``<hN class="nhsuk-label-wrapper">`` (a legend's text in ``<hN
class="nhsuk-fieldset__heading">``); a caption sits inside at the start (the default) or the
end, or outside before or after as a paragraph.
"""

from frontend.components.base import tokens

SIZES = ("s", "m", "l", "xl")
CAPTION_PLACEMENTS = ("start", "end", "before", "after")


def heading_level(options):
    """0 for no heading, else the heading level 1 to 6 (``heading=True`` means 1)."""
    heading = options.get("heading")
    if heading is True:
        return 1
    if not heading:
        return 0
    if heading not in range(1, 7):
        raise ValueError(f"heading must be True or a level 1 to 6, not {heading!r}")
    return heading


def caption_class(size, placement):
    """``nhsuk-caption`` sized as the label (``-m``, ``-l``, ``-xl``), ``--bottom`` after it."""
    css = f"nhsuk-caption-{size}" if size in ("m", "l", "xl") else "nhsuk-caption"
    return tokens(css, placement in ("end", "after") and "nhsuk-caption--bottom")


def label_context(bound_field, context, options):
    """What ``_label.html``, ``_legend.html`` and ``_caption.html`` need (a dict)."""
    size = options.get("label_size")
    if size is not None and size not in SIZES:
        raise ValueError(f"label_size must be one of {SIZES}, not {size!r}")
    placement = options.get("caption_placement", "start")
    if placement not in CAPTION_PLACEMENTS:
        raise ValueError(f"caption_placement must be one of {CAPTION_PLACEMENTS}")
    # Hidden rather than dropped: a field without a label is unusable with a screen reader.
    hidden_label = "" if context.get("form_show_labels", True) else "nhsuk-u-visually-hidden"
    caption = options.get("caption") or ""
    return {
        "label_class": tokens(
            "nhsuk-label",
            size and f"nhsuk-label--{size}",
            context.get("label_class"),
            hidden_label,
        ),
        "legend_class": tokens(
            "nhsuk-fieldset__legend", size and f"nhsuk-fieldset__legend--{size}", hidden_label
        ),
        "heading_level": heading_level(options),
        "label_id": options.get("label_id", ""),
        "caption": caption,
        "caption_placement": placement,
        "caption_class": caption_class(size, placement) if caption else "",
        # Inside the label or legend a caption is a <span>; outside it, a paragraph.
        "caption_element": "p" if placement in ("before", "after") else "span",
    }
