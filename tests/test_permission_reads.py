"""people.sso.backends.LocalPasswordBackend.get_all_permissions: Django's permission
rule (ModelBackend) read in one query instead of two (docs/adr/0047). The equality
view's link on HR's dashboard asks it on every visit."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Person
from people.roles import HR_GROUP
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EQUALITY = "people.view_equality_information"


def _permission():
    return Permission.objects.get(content_type__app_label="people",
                                  codename="view_equality_information")  # fmt: skip


def _fresh(person):
    """The person as a new request reads them: no permissions cached yet."""
    return Person.objects.get(pk=person.pk)


def test_a_permission_held_through_a_group_or_directly_is_honoured():
    through_group, directly, neither = PersonFactory(), PersonFactory(), PersonFactory()
    group = Group.objects.create(name="Equality readers")
    group.permissions.add(_permission())
    through_group.groups.add(group)
    directly.user_permissions.add(_permission())
    assert _fresh(through_group).has_perm(EQUALITY)
    assert _fresh(directly).has_perm(EQUALITY)
    assert not _fresh(neither).has_perm(EQUALITY)


def test_an_inactive_person_holds_nothing_and_a_superuser_everything():
    inactive = PersonFactory(is_active=False)
    inactive.user_permissions.add(_permission())
    superuser = PersonFactory(is_superuser=True)
    assert not _fresh(inactive).has_perm(EQUALITY)
    assert _fresh(superuser).has_perm(EQUALITY)
    assert _fresh(superuser).has_perm("learning.change_initiative")


def test_a_person_s_permissions_are_one_query_and_then_none():
    person = PersonFactory()
    group = Group.objects.create(name="Equality readers")
    group.permissions.add(_permission())
    person.groups.add(group)
    person = _fresh(person)
    with CaptureQueriesContext(connection) as queries:
        assert person.has_perm(EQUALITY)
        assert not person.has_perm("learning.change_initiative")
    assert len(queries) == 1


def _hr_with_scope():
    from people.models import HRScope
    from tests.factories import OrganisationUnitFactory

    person = PersonFactory()
    person.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    unit = OrganisationUnitFactory()
    HRScope.objects.create(person=person, unit=unit)
    return person, unit


def test_who_the_reader_is_is_read_once_with_their_roles():
    """Roles, HR units and permissions in one round trip (people.access.roles_of,
    docs/adr/0052): HR's dashboard asks all three on every visit."""
    from people import access

    hr, unit = _hr_with_scope()
    group = Group.objects.create(name="Equality readers")
    group.permissions.add(_permission())
    hr.groups.add(group)
    hr.user_permissions.add(Permission.objects.get(codename="view_initiative"))
    hr = _fresh(hr)
    with CaptureQueriesContext(connection) as queries:
        assert access.is_hr(hr)
        assert access.hr_scope_paths(hr) == (unit.path,)
        assert hr.has_perm(EQUALITY)
        assert hr.has_perm("learning.view_initiative")
        assert not hr.has_perm("learning.change_initiative")
    assert len(queries) == 1


def test_read_with_the_roles_the_rules_stay_django_s():
    """Nobody gains by the shared read: an HR scope without the HR role gives no units;
    an inactive person holds no permission; a superuser still holds them all."""
    from people import access

    scoped, _ = _hr_with_scope()
    scoped.groups.clear()
    inactive = PersonFactory(is_active=False)
    inactive.user_permissions.add(_permission())
    superuser = PersonFactory(is_superuser=True)
    scoped, inactive, superuser = _fresh(scoped), _fresh(inactive), _fresh(superuser)
    for person in (scoped, inactive, superuser):
        access.roles_of(person)
    assert access.hr_scope_paths(scoped) == ()
    assert not inactive.has_perm(EQUALITY)
    assert superuser.has_perm("learning.change_initiative")
