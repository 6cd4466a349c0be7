"""The NHS.UK form pack against nhsuk-frontend's own component fixtures.

Every fixture of the 13 form components is built as a Django form through the pack and
compared with the reference HTML (see tests/nhsuk_fixtures). Each must be identical,
differ only in an allow-listed way, or be named as not applicable with a reason: nothing
is skipped. ``python -m tests.nhsuk_fixtures.report`` prints the table.
"""

import pytest

from tests.nhsuk_fixtures import all_fixtures, judge

FIXTURES = all_fixtures()

# At least this share of all fixtures must be identical or differ only as allowed.
TARGET = 0.95


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.key)
def test_fixture_is_identical_allowed_or_named_not_applicable(fixture):
    verdict = judge(fixture)
    assert verdict.outcome != "different", (
        f"{fixture.key} differs.\n--- nhsuk-frontend:\n{fixture.html}\n"
        f"--- Trellis:\n{verdict.ours}"
    )
    if verdict.outcome == "not applicable":
        assert verdict.reasons and verdict.reasons[0].strip(), "say why it does not apply"


def test_every_fixture_of_the_thirteen_components_is_read():
    assert len(FIXTURES) == 380


def test_at_least_95_percent_are_identical_or_allowed():
    verdicts = [judge(fixture) for fixture in FIXTURES]
    good = sum(v.outcome in ("identical", "allowed") for v in verdicts)
    assert good / len(verdicts) >= TARGET, f"{good} of {len(verdicts)}"
