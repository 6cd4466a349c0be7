"""Translator for nhsuk-frontend's checkboxes fixtures (see tests/nhsuk_fixtures)."""

from tests.nhsuk_fixtures import NotApplicable

ALLOWED = []


def build(fixture):
    raise NotApplicable("not yet translated")
