"""Translator for nhsuk-frontend's checkboxes fixtures (see tests/nhsuk_fixtures).

Built as the radios are (tests/nhsuk_fixtures/radios.py), with a MultipleChoiceField.
"""

from django import forms

from tests.nhsuk_fixtures.radios import ALLOWED, build_choices

__all__ = ["ALLOWED", "build"]


def build(fixture):
    return build_choices(fixture, "checkboxes", forms.MultipleChoiceField)
