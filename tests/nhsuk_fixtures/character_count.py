"""Translator for nhsuk-frontend's character-count fixtures (see tests/nhsuk_fixtures).

A Django field with a Textarea becomes a character count when it has a limit the server
checks too: ``max_length`` (characters, as the script's default "length" count) or a
``frontend.validators.MaxWordsValidator`` (words between spaces, as ``maxwords``).
"""

from django import forms

from frontend.validators import MaxWordsValidator
from tests.nhsuk_fixtures import Allowance, NotApplicable, walk
from tests.nhsuk_fixtures.allowances import drop_attribute
from tests.nhsuk_fixtures.input import ARIA_INVALID, field_kwargs, render
from tests.nhsuk_fixtures.textarea import textarea_widget


def _drop_default_count_type(tree):
    for el in walk(tree):
        el.attributes = [a for a in el.attributes if a != ("data-count-type", "length")]


ALLOWED = [
    ARIA_INVALID,
    Allowance(
        "data-count-type=length",
        '"length" is the script\'s default count type, so the pack does not name it: the '
        "count behaves the same",
        _drop_default_count_type,
    ),
    drop_attribute(
        "maxlength",
        "no maxlength attribute",
        "the pack never sets maxlength on a character count: it silently cuts pasted text; "
        "the count and the form's own validation tell the person instead",
        element="textarea",
    ),
]

# Option of the macro -> NHS.UK option of the pack (frontend.options).
MESSAGE_OPTIONS = {
    "textareaDescriptionText": "textarea_description",
    "charactersUnderLimitText": "characters_under_limit",
    "charactersAtLimitText": "characters_at_limit",
    "charactersOverLimitText": "characters_over_limit",
    "wordsUnderLimitText": "words_under_limit",
    "wordsAtLimitText": "words_at_limit",
    "wordsOverLimitText": "words_over_limit",
}


def build(fixture):
    ctx = fixture.context
    if not ctx.get("maxlength") and not ctx.get("maxwords"):
        raise NotApplicable(
            "no limit: a Django field's limit is known on the server, which checks it; a "
            "limit set only in JavaScript would not be"
        )
    count_type = ctx.get("countType")
    if count_type in ("characters", "words") and ctx.get("maxlength"):
        raise NotApplicable(
            f'countType "{count_type}" counts as Intl.Segmenter does (grapheme clusters or '
            "word-like segments), which Django's validators cannot repeat on the server; "
            "the pack keeps the script's default count (string length) for max_length, and "
            "words between spaces (data-maxwords) for MaxWordsValidator, which counts so too"
        )
    kwargs, options, error = field_kwargs(ctx)
    widget = textarea_widget(ctx)
    if ctx.get("maxwords"):
        field = forms.CharField(
            widget=widget, validators=[MaxWordsValidator(ctx["maxwords"])], **kwargs
        )
    else:
        field = forms.CharField(widget=widget, max_length=ctx["maxlength"], **kwargs)
    if ctx.get("threshold"):
        options["threshold"] = ctx["threshold"]
    for macro_option, option in MESSAGE_OPTIONS.items():
        if ctx.get(macro_option):
            options[option] = ctx[macro_option]
    if ctx.get("attributes", {}).get("maxlength"):
        widget.attrs["maxlength"] = ctx["attributes"]["maxlength"]
    return render(field, ctx, options, error)
