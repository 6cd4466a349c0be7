"""The appraisal in a real browser: the person prepares and submits, their line
manager writes and submits, both sign; axe and the 320 px reflow on every page."""

from appraisals.models import Appraisal
from tests import appraisal_setup as setup
from tests.browser.appraisal_steps import both_sign, manager_writes, person_prepares, ship_values
from tests.factories import PersonFactory


def test_the_person_prepares_the_manager_writes_and_both_sign(page, organisation):
    ship_values()
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    person = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    appraisal = setup.appraisal(person)

    person_prepares(page, person, "I ran the clinic rota all year.", wellbeing=True)
    manager_writes(
        page,
        manager,
        "Sam Okafor",
        self_assessment="I ran the clinic rota all year.",
        assessment="A steady, kind year.",
        year=appraisal.cycle.year,
        objective="Cut clinic waiting times by a week",
    )
    both_sign(page, person, manager, "Sam Okafor", assessment="A steady, kind year.")
    assert Appraisal.objects.get(pk=appraisal.pk).signatures.count() == 2
