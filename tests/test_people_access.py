"""The people access rules: who sees whom, and tree queries that ignore depth."""

import pytest

from people import access
from people.roles import Role
from tests.factories import HRScopeFactory, OrganisationUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_roles_follow_groups_reports_and_staff_flag(cast):
    assert access.roles_of(cast["owner"]) == {Role.STAFF}
    assert Role.LINE_MANAGER in access.roles_of(cast["line_manager"])
    assert Role.LED in access.roles_of(cast["led"])
    assert Role.HR in access.roles_of(cast["hr"])
    assert Role.ADMINISTRATOR in access.roles_of(cast["administrator"])


def test_every_role_is_read_in_one_query_and_other_groups_grant_nothing(
    cast, django_assert_num_queries
):
    from django.contrib.auth.models import Group

    hr = type(cast["hr"]).objects.get(pk=cast["hr"].pk)
    hr.groups.add(Group.objects.create(name="Estates"), Group.objects.get(name="LED"))
    PersonFactory(line_manager=hr)
    with django_assert_num_queries(1):  # group names, and whether they manage anyone
        roles = access.roles_of(hr)
    assert roles == {Role.STAFF, Role.HR, Role.LED, Role.LINE_MANAGER}


def test_a_manager_whose_only_report_left_is_no_longer_a_manager(cast):
    owner = cast["owner"]
    owner.is_active = False
    owner.save()
    manager = type(cast["line_manager"]).objects.get(pk=cast["line_manager"].pk)
    assert Role.LINE_MANAGER not in access.roles_of(manager)


def test_staff_see_only_themselves(cast):
    visible = set(access.people_visible_to(cast["other_staff"]))
    assert visible == {cast["other_staff"]}


def test_line_manager_sees_direct_reports_but_not_another_team(cast):
    visible = set(access.people_visible_to(cast["line_manager"]))
    assert cast["owner"] in visible
    assert cast["other_staff"] not in visible


def test_led_gets_no_one_elses_record(cast):
    assert not access.can_view_person(cast["led"], cast["owner"])


def test_hr_sees_people_in_scope_only(organisation, cast):
    scoped_hr = PersonFactory(hr=True, unit=organisation["other_team"])
    HRScopeFactory(person=scoped_hr, unit=organisation["other_team"])
    assert access.can_view_person(scoped_hr, cast["other_staff"])
    assert not access.can_view_person(scoped_hr, cast["owner"])


def test_hr_without_a_scope_sees_no_one_else(organisation, cast):
    unscoped = PersonFactory(hr=True, unit=organisation["team"])
    assert set(access.people_visible_to(unscoped)) == {unscoped}


def test_anonymous_sees_no_one(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not access.people_visible_to(AnonymousUser()).exists()


def test_everyone_in_a_unit_and_below_is_one_query_at_any_depth(
    organisation, django_assert_num_queries
):
    unit = organisation["team"]
    for _ in range(6):
        unit = OrganisationUnitFactory(parent=unit)
        PersonFactory(unit=unit)
    with django_assert_num_queries(1):
        assert len(list(access.people_in_unit(organisation["directorate"]))) == 6
    with django_assert_num_queries(1):
        assert len(list(access.people_in_unit(unit))) == 1


def test_direct_reports_are_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [p.unit.name for p in access.direct_reports(cast["line_manager"])]
    assert names == [cast["owner"].unit.name]


def test_a_person_cannot_be_managed_by_someone_they_manage(cast):
    from django.core.exceptions import ValidationError

    manager = cast["line_manager"]
    manager.line_manager = cast["owner"]
    with pytest.raises(ValidationError, match="someone they manage"):
        manager.full_clean()
