"""Per-field NHS.UK options for the form pack, kept on the field's widget.

A form sets them with ``configure(self.fields["x"], heading=True, label_size="l")``, or a
crispy layout with ``frontend.layout.Field("x", heading=True, label_size="l")``; either way
they end up in ``widget.nhsuk`` (a dict), which the component builders in
``frontend/components/`` read. Names follow the NHS.UK frontend macro options
(nhsuk-frontend 10.6.1), in snake case.
"""

# name -> what it means. An unknown name raises TypeError, so a typo is not silently ignored.
OPTIONS = {
    # Label or legend (frontend/components/labels.py).
    "heading": "the label or legend is the page heading: True for <h1>, or a level 1 to 6",
    "label_size": 'label or legend size: "s", "m", "l" or "xl"',
    "caption": "a caption shown with the label or legend (text)",
    "caption_placement": 'where the caption goes: "start" (default), "end", "before", "after"',
    # Text inputs (frontend/components/text.py).
    "prefix": "text shown before the input, e.g. '£'",
    "suffix": "text shown after the input, e.g. 'kg'",
    "width": "input width: 2, 3, 4, 5, 10, 20 or 30 characters",
    "code": "True for codes and numbers (monospaced, letter-spaced)",
    # Character count (frontend/components/text.py).
    "threshold": "percentage of the limit at which the count is shown",
    # Radios and checkboxes (frontend/components/choices.py).
    "hints": "{value: hint text} shown under single items",
    "dividers": '{value: text}: a divider (e.g. "or") before the item with that value',
    "exclusive": "values whose box unticks every other box (e.g. 'None of these')",
    "conditional": "{value: field name or names} revealed when that item is chosen",
    "small": "True for small radios or checkboxes",
    "inline": "True to lay two short items side by side",
    # Select (frontend/components/select.py); it also takes "dividers" (a line before each).
    "disabled_choices": "values of a select's options shown but not choosable",
    "button": "a frontend.layout.Button beside the select, e.g. 'Show'",
}


def set_options(widget, **options):
    """Merge ``options`` into ``widget.nhsuk``; raise TypeError for an unknown name."""
    unknown = set(options) - set(OPTIONS)
    if unknown:
        raise TypeError(f"Unknown NHS.UK option(s): {', '.join(sorted(unknown))}")
    widget.nhsuk = {**getattr(widget, "nhsuk", {}), **options}
    return widget


def configure(field, **options):
    """Set NHS.UK options on a form field (see OPTIONS); returns the field."""
    set_options(field.widget, **options)
    return field


def options_of(bound_field):
    """The options set on a bound field's widget (a dict, empty when none)."""
    return getattr(bound_field.field.widget, "nhsuk", {})
