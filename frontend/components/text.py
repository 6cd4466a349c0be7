"""Text input, textarea, character count and file upload (nhsuk-frontend 10.6.1).

Options (frontend.options): ``prefix``, ``suffix``, ``width``, ``code`` and ``button`` (a
``frontend.layout.Button`` beside the box, e.g. "Search") for text inputs;
``threshold``, ``textarea_description`` and the count messages for a character count.
A Textarea becomes a character count when its field has a ``max_length`` (counting
characters) or a ``frontend.validators.MaxWordsValidator`` (counting words).
"""

import contextlib

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string

from frontend.components.base import flat_attrs, render_widget, simple, tokens
from frontend.validators import max_words

WIDTHS = (2, 3, 4, 5, 10, 20, 30)

# NHS.UK's textareas are 5 rows unless asked; Django's Textarea sets rows "10" (a string)
# and cols "40" itself, so those values mean "not asked". cols is never sent: the NHS.UK
# CSS sets the width.
DJANGO_ROWS = "10"
ROWS = 5

# Option -> (data-i18n key, whether it has plural forms) for the character count's script.
MESSAGES = {
    "characters_under_limit": ("characters-under-limit", True),
    "characters_at_limit": ("characters-at-limit", False),
    "characters_over_limit": ("characters-over-limit", True),
    "words_under_limit": ("words-under-limit", True),
    "words_at_limit": ("words-at-limit", False),
    "words_over_limit": ("words-over-limit", True),
}


def input_class(widget, options, errors):
    """The input's NHS.UK classes: code, error and width (unless a width class is set)."""
    width = options.get("width")
    if width is not None and width not in WIDTHS:
        raise ValueError(f"width must be one of {WIDTHS}, not {width!r}")
    own = str(widget.attrs.get("class", "")).split()
    has_width = any(c.startswith("nhsuk-input--width-") for c in own)
    return tokens(
        "nhsuk-input",
        options.get("code") and "nhsuk-input--code",
        errors and "nhsuk-input--error",
        width and not has_width and f"nhsuk-input--width-{width}",
    )


def text_input(bound_field, c):
    """The input (type, inputmode, autocomplete, spellcheck come from the widget's attrs)."""
    attrs = {}
    widget = bound_field.field.widget
    if isinstance(widget, forms.EmailInput) and "spellcheck" not in widget.attrs:
        attrs["spellcheck"] = "false"  # addresses are not words
    options = c["options"]
    css = input_class(widget, options, c["errors"])
    control = render_widget(bound_field, css, c["describedby"], **attrs)
    button = options.get("button")
    if button is not None:
        html = button.render(bound_field.form, None)
        wrapper = "nhsuk/components/_select_wrapper.html"
        control = render_to_string(wrapper, {"control": control, "button": html})
    return {
        "control": control,
        "prefix": options.get("prefix") or "",
        "suffix": options.get("suffix") or "",
    }


def word_limit(bound_field):
    """The field's word limit (a MaxWordsValidator on the form field, or on the model field
    behind a ModelForm field, whose validators run only when the model is cleaned)."""
    validators = list(bound_field.field.validators)
    model = getattr(getattr(bound_field.form, "_meta", None), "model", None)
    if model is not None:
        with contextlib.suppress(FieldDoesNotExist):  # a form field the model lacks
            validators += model._meta.get_field(bound_field.name).validators
    return max_words(validators)


def textarea_attrs(widget):
    """rows (5 unless the widget asked for others) and no cols, for render_widget."""
    rows = widget.attrs.get("rows")
    return {"rows": ROWS if rows in (None, DJANGO_ROWS) else rows, "cols": False}


def textarea(bound_field, c):
    if word_limit(bound_field) is not None:
        # A word limit also makes a character count (max_length is found before this).
        return character_count(bound_field, c)
    css = tokens("nhsuk-textarea", c["errors"] and "nhsuk-textarea--error")
    attrs = textarea_attrs(bound_field.field.widget)
    return {"control": render_widget(bound_field, css, c["describedby"], **attrs)}


file_upload = simple("nhsuk-file-upload__input", "", "nhsuk-file-upload")


def i18n_attrs(options):
    """data-i18n.* attributes for the count messages set as options (a dict)."""
    attrs = {}
    for option, (key, plural) in MESSAGES.items():
        message = options.get(option)
        if message is None:
            continue
        if plural and isinstance(message, dict):
            attrs.update({f"data-i18n.{key}.{form}": text for form, text in message.items()})
        elif plural:
            raise ValueError(f"{option} must be a dict of plural forms, e.g. {{'other': …}}")
        else:
            attrs[f"data-i18n.{key}"] = message
    return attrs


def character_count(bound_field, c):
    """A textarea counting down to its field's word limit, else its max_length."""
    field = bound_field.field
    options = c["options"]
    words = word_limit(bound_field)
    limit = words if words is not None else field.max_length
    unit = "words" if words is not None else "characters"
    data = {"data-module": "nhsuk-character-count"}
    # Words go as data-maxwords, which nhsuk-frontend 10 calls deprecated (it warns in the
    # console) in favour of maxlength with count type "words": that one counts as
    # Intl.Segmenter does, which the server cannot repeat; maxwords counts words between
    # whitespace, exactly as MaxWordsValidator does.
    if words is not None:
        data.update({"data-maxwords": words, "data-count-type": "words"})
    else:
        data["data-maxlength"] = limit
    if options.get("threshold") is not None:
        data["data-threshold"] = options["threshold"]
    data.update(i18n_attrs(options))
    description = options.get("textarea_description") or f"You can enter up to %{{count}} {unit}"
    info_id = f"{c['id']}-info" if c["id"] else ""
    css = tokens(
        "nhsuk-textarea", c["errors"] and "nhsuk-textarea--error", "nhsuk-js-character-count"
    )
    # No maxlength attribute: it silently cuts pasted text; the count and the form's
    # validation tell the person instead.
    attrs = {**textarea_attrs(field.widget), "maxlength": False}
    control = render_widget(bound_field, css, tokens(info_id, c["describedby"]), **attrs)
    return {
        "name": "character_count",
        "template": "nhsuk/components/character_count.html",
        "control": control,
        "info_id": info_id,
        "maxlength": limit,
        "data_attrs": flat_attrs(data),
        "description": description.replace("%{count}", f"{limit}"),
        "group_class": tokens(c["group_class"], "nhsuk-character-count"),
    }
