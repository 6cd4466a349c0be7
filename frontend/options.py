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
    "label_id": "an id for the label or legend, e.g. for another element's aria-labelledby",
    # Error message (frontend/components/__init__.py).
    "error_prefix": 'the visually hidden word before each error (default "Error"; "" for none)',
    # Text inputs (frontend/components/text.py).
    "prefix": "text shown before the input, e.g. '£' (text marked safe stays HTML)",
    "suffix": "text shown after the input, e.g. 'kg' (text marked safe stays HTML)",
    "width": "input width: 2, 3, 4, 5, 10, 20 or 30 characters",
    "code": "True for codes and numbers (monospaced, letter-spaced)",
    # A text input also takes "button" (below): a Button beside it, e.g. 'Search'.
    # Character count (frontend/components/text.py).
    "threshold": "percentage of the limit at which the count is shown",
    "textarea_description": 'the text under the box, %{count} for the limit (default "You can '
    'enter up to %{count} characters", or "words" with a MaxWordsValidator)',
    "characters_under_limit": '{plural form: text} for the count, e.g. {"other": "You have '
    '%{count} characters remaining"} (forms: "one", "two", "few", "many", "other")',
    "characters_at_limit": 'the count at the limit, e.g. "You have 0 characters remaining"',
    "characters_over_limit": "{plural form: text} for the count over the limit",
    "words_under_limit": "{plural form: text} for the count under a word limit",
    "words_at_limit": "the count at a word limit",
    "words_over_limit": "{plural form: text} for the count over a word limit",
    # Radios and checkboxes (frontend/components/choices.py). Items are named by their value;
    # the whole field is disabled with Django's own ``disabled=True``.
    "hints": "{value: hint text} shown under single items",
    "dividers": '{value: text}: a divider (e.g. "or") before the item with that value',
    "conditional": (
        "{value: field name or [names]}: those fields of the form are shown under the item "
        "when it is chosen, and not again elsewhere (with a crispy layout, leave them out of it)"
    ),
    "disabled": "values whose item cannot be chosen",
    "exclusive": (
        "checkbox values that untick every other box (e.g. 'None of these'); "
        "True for a single yes/no box that unticks the others of its behaviour_group"
    ),
    "inclusive": "checkbox values that tick every other box (e.g. 'All'), hidden without JS",
    "behaviour_group": "checkboxes: a name shared with other fields' boxes that act as one group",
    "small": "True for small radios or checkboxes",
    "inline": "True to lay two short items side by side",
    # Select (frontend/components/select.py); it also takes "dividers" (a line before each).
    "disabled_choices": "values of a select's options shown but not choosable",
    "button": "a frontend.layout.Button beside the select or text input, e.g. 'Show'",
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


def page_heading(form, caption=None, size="l"):
    """Make the label (or legend) of a one-question form the page's ``<h1>``.

    NHS.UK service manual, "Question pages": a page that asks one question has that
    question as its heading, so a screen reader hears it once. ``form``: a Django form;
    ``caption``: text shown above the question (e.g. whose record it is). Returns True
    when the form has exactly one visible field and it was made the heading (the page
    then shows no heading of its own), False otherwise (nothing changed).
    """
    visible = form.visible_fields()
    if len(visible) != 1:
        return False
    options = {"heading": True, "label_size": size}
    if caption:
        options["caption"] = caption
    configure(visible[0].field, **options)
    return True


def reveal_under(form, choice, value, revealed):
    """Show the field ``revealed`` under the ``value`` item of the radios ``choice`` (the
    NHS.UK conditional reveal, e.g. "Tell us more" under "Yes"), unless what is saved
    (the form's initial values) holds text in it under another answer: saved words are
    never hidden, nor dropped by ``frontend.forms.RevealRules``.

    ``form``: a Django form; ``choice`` and ``revealed``: field names; ``value``: the
    item's value (str). Returns True when the reveal was set.
    """
    saved = form.get_initial_for_field(form.fields[revealed], revealed)
    saved_choice = form.get_initial_for_field(form.fields[choice], choice)
    if str(saved or "").strip() and str(saved_choice) != str(value):
        return False
    configure(form.fields[choice], conditional={str(value): revealed})
    return True
