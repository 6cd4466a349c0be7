"""Validators the NHS.UK form pack also shows to the person (see frontend/components/text.py)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible

# JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator), which nhsuk-frontend splits on;
# Python's str.split() differs (it splits on \x1c-\x1f and \x85, not on \ufeff).
JS_WHITESPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)


def count_words(text):
    r"""The number of words in ``text`` (str): runs of characters between whitespace.

    nhsuk-frontend's character count counts the same way when given ``data-maxwords``
    (``text.split(/\s+/).filter(Boolean).length``), with JavaScript's whitespace, so the
    count the person sees as they type is the count this module checks.
    """
    return len([word for word in JS_WHITESPACE.split(str(text)) if word])


@deconstructible
class MaxWordsValidator(BaseValidator):
    """No more than ``limit_value`` words, e.g. ``MaxWordsValidator(150)``.

    On a field whose widget is a Textarea, the form pack renders a character count by
    words: "You can enter up to 150 words", counting down as the person types.
    """

    message = "Your answer must be %(limit)s words or fewer"
    code = "max_words"

    def __call__(self, value):
        words = count_words(value)
        if words > self.limit_value:
            params = {"limit": f"{self.limit_value:,}", "limit_value": self.limit_value,
                      "show_value": words, "value": value}  # fmt: skip
            raise ValidationError(self.message, code=self.code, params=params)


def max_words(validators):
    """The smallest word limit among ``validators`` (MaxWordsValidators), or None."""
    limits = [v.limit_value for v in validators if isinstance(v, MaxWordsValidator)]
    return min(limits) if limits else None
