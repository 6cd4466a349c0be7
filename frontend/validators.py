"""Validators the NHS.UK form pack also shows to the person (see frontend/components/text.py)."""

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible


def count_words(text):
    """The number of words in ``text``: runs of characters between whitespace.

    nhsuk-frontend's character count counts the same way when given ``data-maxwords``
    (``text.split(/\\s+/).filter(Boolean).length``), so the count the person sees as they
    type is the count this module checks.
    """
    return len(str(text).split())


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
