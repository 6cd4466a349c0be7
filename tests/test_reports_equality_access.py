"""Who reaches the equality view and the answers behind it (docs/adr/0033): HR with the
permission of its own, for units in their scope, and administrators holding it. HR
without it, HR of another unit, line managers, LED and staff (even given the
permission) get a 404, and no page but the person's own shows their answers."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import EqualityInformationFactory, HRScopeFactory, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.test_reports_equality import fresh, grant, url

ANSWER_WORDS = ("Black or Black British: African", "Equality monitoring")


@pytest.fixture
def world(organisation, cast):
    o = {name: fresh(unit) for name, unit in organisation.items()}
    cycle = AppraisalCycleFactory(units=[o["department"]])
    AppraisalFactory(cycle=cycle, person=cast["owner"], appraiser=cast["line_manager"])
    EqualityInformationFactory(person=cast["owner"], ethnicity="N")
    return {**o, **cast, "cycle": cycle}


def pages(world, unit=None):
    cycle = world["cycle"]
    return [url(cycle, unit=unit), url(cycle, "ethnicity-completion.csv", unit),
            url(cycle, "sex-pay.xlsx", unit)]  # fmt: skip


@pytest.mark.django_db
def test_hr_without_the_permission_gets_nothing(client, world):
    client.force_login(world["hr"])  # HR for the whole organisation, no permission

    assert [client.get(page).status_code for page in pages(world)] == [404, 404, 404]
    dashboard = client.get(f"/appraisals/cycles/{world['cycle'].pk}/reports/")
    assert dashboard.status_code == 200 and "Equality view" not in dashboard.text


@pytest.mark.django_db
def test_hr_with_the_permission_and_administrators_read_it(client, world):
    grant(world["hr"])
    for reader in (world["hr"], world["administrator"]):
        client.force_login(reader)
        assert [client.get(page).status_code for page in pages(world)] == [200, 200, 200]
        dashboard = client.get(f"/appraisals/cycles/{world['cycle'].pk}/reports/")
        assert url(world["cycle"]) in dashboard.text  # linked for those who may see it


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "other_staff", "line_manager", "other_manager", "led"])
def test_managers_led_and_staff_get_nothing_even_with_the_permission(client, world, role):
    client.force_login(grant(world[role]))

    assert [client.get(page).status_code for page in pages(world)] == [404, 404, 404]


@pytest.mark.django_db
def test_hr_outside_the_unit_gets_nothing(client, world):
    booking_hr = grant(HRScopeFactory(unit=world["other_team"]).person)
    booking_cycle = AppraisalCycleFactory(units=[world["other_team"]])
    client.force_login(booking_hr)

    asks = [*pages(world), *pages(world, world["team"]),
            url(booking_cycle, unit=world["team"]),  # their cycle, another unit
            url(world["cycle"], unit=world["department"])]  # fmt: skip
    assert {client.get(page).status_code for page in asks} == {404}
    assert client.get(url(booking_cycle)).status_code == 200  # their own


@pytest.mark.django_db
def test_an_unknown_table_or_format_is_not_found(client, world):
    client.force_login(grant(world["hr"]))
    cycle = world["cycle"]

    for page in ("ethnicity-nothing.csv", "religion-pay.csv", "sex-pay.pdf", "sex-pay.exe"):
        assert client.get(url(cycle, page)).status_code == 404, page


@pytest.mark.django_db
def test_no_one_else_sees_a_persons_answers_or_their_questions(client, world):
    owner = world["owner"]
    for role in ("line_manager", "hr", "administrator", "led"):
        viewer = grant(world[role]) if role == "hr" else world[role]
        client.force_login(viewer)
        record = client.get(f"/people/{owner.pk}/")
        if record.status_code == 200:
            assert not any(words in record.text for words in ANSWER_WORDS), role
    client.force_login(owner)
    own = client.get("/people/me/")
    assert "/people/me/equality/" in own.text


@pytest.mark.django_db
def test_the_admin_shows_answers_only_with_the_permission(client, world):
    answers = world["owner"].equality_information
    change = f"/admin/people/equalityinformation/{answers.pk}/change/"
    plain_admin = PersonFactory(is_staff=True)  # an administrator without the permission
    client.force_login(plain_admin)
    assert client.get(change).status_code == 403
    assert client.get("/admin/people/equalityinformation/").status_code == 403

    # Nor can the people list be filtered by them, not even by who gave any.
    plain_admin.user_permissions.add(Permission.objects.get(codename="view_person"))
    for lookup in ("equality_information__isnull=True", "equality_information__sex=F"):
        assert client.get(f"/admin/people/person/?{lookup}").status_code == 400

    client.force_login(world["administrator"])  # a superuser holds every permission
    page = client.get(change)
    assert page.status_code == 200 and "Black or Black British: African" in page.text
    reads = world["owner"].record_views.filter(viewer=world["administrator"])
    assert reads.count() == 1  # opening someone's answers is a read of their record


@pytest.mark.django_db
def test_a_small_total_is_not_given_away_above_the_tables(client, world):
    client.force_login(grant(world["hr"]))  # the cycle counts one appraisal

    page = client.get(url(world["cycle"]))

    assert "1 appraisal counted" not in page.text
    assert "Too few appraisals to show how many are counted" in page.text
