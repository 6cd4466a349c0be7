"""people.sso.backends.LocalPasswordBackend.get_all_permissions: Django's permission
rule (ModelBackend) read in one query instead of two (docs/adr/0047). The equality
view's link on HR's dashboard asks it on every visit."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Person
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
