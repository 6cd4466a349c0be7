"""An appraisal with no appraiser (the Chief Executive has no line manager in Trellis;
the Chair appraises them): everyone is told plainly, the cycle page lists it, and HR
for the person's units assigns an appraiser, refused plainly for anyone else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from appraisals.appraisal import parts, services
from appraisals.appraisal.appraiser import assign_appraiser
from tests import appraisal_setup as setup
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(organisation):
    return PersonFactory(unit=organisation["org"], job_title="Chief Executive",
                         given_name="Cora", family_name="Chief")  # fmt: skip


@pytest.fixture
def chair(organisation):
    return PersonFactory(unit=organisation["org"], job_title="Chair", given_name="Carl",
                         family_name="Chair", email="chair@trellis.example")  # fmt: skip


@pytest.fixture
def unassigned(chief, organisation):
    return setup.appraisal(chief, the_cycle=setup.cycle(units=[organisation["org"]]))


def url(name, a):
    return reverse(f"appraisals:{name}", args=[a.pk])


def page(client, person, path, **post):
    client.force_login(person)
    response = client.post(path, post, follow=True) if post else client.get(path, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_person_and_hr_are_told_there_is_no_appraiser_yet(client, cast, chief, unassigned):
    assert unassigned.appraiser is None
    mine = page(client, chief, url("appraisal", unassigned))
    assert "No appraiser yet: HR will assign one." in mine
    assert url("assign-appraiser", unassigned) not in mine
    hr = page(client, cast["hr"], url("appraisal", unassigned))
    assert "No appraiser yet: HR will assign one." in hr
    assert url("assign-appraiser", unassigned) in hr
    cycle = page(client, cast["hr"], reverse("appraisals:cycle-detail",
                                             args=[unassigned.cycle_id]))  # fmt: skip
    assert "Appraisals with no appraiser" in cycle
    assert url("assign-appraiser", unassigned) in cycle and "Cora Chief" in cycle


def test_the_person_cannot_submit_with_no_appraiser(client, chief, unassigned):
    a = services.start_preparing(appraisal=unassigned, by=chief)
    mine = page(client, chief, url("appraisal", a))
    assert "Prepare your part meanwhile; you submit it once you have an appraiser." in mine
    a = parts.save_self_assessment(appraisal=a, by=chief, version=a.version, text="My year")
    with pytest.raises(ValidationError) as caught:
        services.submit_self_assessment(appraisal=a, by=chief, version=a.version)
    assert "once you have an appraiser. HR will assign one." in " ".join(caught.value.messages)
    assert setup.fresh(a).status == "preparing"


def test_hr_assigns_the_appraiser_who_then_writes_it(client, cast, chair, unassigned):
    path = url("assign-appraiser", unassigned)
    client.force_login(cast["hr"])
    refusals = (("", "Enter the email address of the appraiser"),
                ("not an email", "Enter an email address in the correct format"),
                ("nobody@trellis.example", "someone who can sign in to Trellis"))  # fmt: skip
    for email, words in refusals:
        response = client.post(path, {"version": unassigned.version, "email": email})
        text = response.content.decode()
        assert response.status_code == 200 and "nhsuk-error-summary" in text and words in text
        assert email in text
    text = page(
        client, cast["hr"], path, version=unassigned.version, email="CHAIR@trellis.example"
    )
    assert "The appraiser is assigned" in text and "Appraiser assigned by HR" in text
    assert setup.fresh(unassigned).appraiser == chair
    to_write = page(client, chair, reverse("appraisals:to-write"))
    assert "Cora Chief" in to_write


def test_hr_changes_the_appraiser_they_named_until_the_person_submits(
    client, cast, chair, chief, unassigned, organisation
):
    a = assign_appraiser(appraisal=unassigned, by=cast["hr"], email=chair.email,
                         version=unassigned.version)  # fmt: skip
    shown = page(client, cast["hr"], url("appraisal", a))
    assert url("assign-appraiser", a) in shown and "Change<span" in shown
    vice = PersonFactory(unit=organisation["org"], given_name="Val", family_name="Vice",
                         email="vice@trellis.example")  # fmt: skip
    form = page(client, cast["hr"], url("assign-appraiser", a))
    assert "Change the appraiser" in form
    refused = client.post(url("assign-appraiser", a), {"version": a.version,
                                                       "email": chair.email})  # fmt: skip
    assert "Carl Chair is already the appraiser" in refused.content.decode()
    text = page(client, cast["hr"], url("assign-appraiser", a), version=a.version,
                email=vice.email)  # fmt: skip
    assert "The appraiser is assigned" in text
    latest = setup.fresh(a).events.latest("pk")
    assert "changed the appraiser from Carl Chair to Val Vice" in latest.detail
    assert setup.fresh(a).appraiser == vice
    assert "Cora Chief" not in page(client, chair, reverse("appraisals:to-write"))
    assert "Cora Chief" in page(client, vice, reverse("appraisals:to-write"))
    # Once the person has submitted, what they gave goes to the appraiser they knew of.
    a = services.start_preparing(appraisal=setup.fresh(a), by=chief)
    a = parts.save_self_assessment(appraisal=a, by=chief, version=a.version, text="My year")
    a = services.submit_self_assessment(appraisal=a, by=chief, version=a.version)
    assert "Change<span" not in page(client, cast["hr"], url("appraisal", a))
    with pytest.raises(ValidationError, match="only before the self-assessment"):
        assign_appraiser(appraisal=a, by=cast["hr"], email=chair.email, version=a.version)


def test_only_hr_for_the_persons_units_assigns_an_appraiser(
    client, cast, chief, chair, unassigned, organisation
):
    path = url("assign-appraiser", unassigned)
    client.force_login(chief)
    assert client.get(path).status_code == 403  # their own: read, but not theirs to assign
    for who in ("owner", "line_manager", "other_staff"):
        client.force_login(cast[who])
        assert client.get(path).status_code == 404
    elsewhere = PersonFactory(hr=True, unit=organisation["other_team"])
    elsewhere.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(elsewhere)
    assert client.post(path, {"version": unassigned.version,
                              "email": chair.email}).status_code == 404  # fmt: skip
    with pytest.raises(ValidationError, match="Only HR"):
        assign_appraiser(appraisal=unassigned, by=chief, email=chair.email,
                         version=unassigned.version)  # fmt: skip
    with pytest.raises(ValidationError, match="cannot appraise themselves"):
        assign_appraiser(appraisal=unassigned, by=cast["hr"], email=chief.email,
                         version=unassigned.version)  # fmt: skip
    assert setup.fresh(unassigned).appraiser is None


def test_an_appraisal_with_an_appraiser_is_not_given_another(cast):
    a = setup.appraisal(cast["owner"])
    with pytest.raises(ValidationError, match="is already the appraiser"):
        assign_appraiser(appraisal=a, by=cast["hr"], email=cast["other_manager"].email,
                         version=a.version)  # fmt: skip
    assert setup.fresh(a).appraiser == cast["line_manager"]
