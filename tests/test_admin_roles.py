"""A role's page (the admin's groups) lists every permission to choose from, labelled
and selected as Django's GroupAdmin lists them, without making a Permission and a
ContentType of each to name it (people/admin.py, PermissionChoices)."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _forms(group):
    request = RequestFactory().get("/")
    request.user = PersonFactory(administrator=True)
    ours = admin.site._registry[Group].get_form(request, group, change=group is not None)
    theirs = GroupAdmin(Group, admin.site).get_form(request, group, change=group is not None)
    return ours(instance=group), theirs(instance=group)


@pytest.mark.parametrize("has_role", [True, False])
def test_the_permissions_are_listed_as_djangos_group_admin_lists_them(has_role):
    group = None
    if has_role:
        group = Group.objects.create(name="Reviewers")
        group.permissions.set(Permission.objects.filter(codename__startswith="view_")[:3])
    ours, theirs = _forms(group)
    with mock.patch.object(Permission, "from_db", side_effect=AssertionError("a Permission")):
        drawn = str(ours["permissions"])
    assert drawn == str(theirs["permissions"])
    assert drawn.count("<option") == Permission.objects.count()
    assert drawn.count(" selected>") == (3 if has_role else 0)
    label = str(Permission.objects.select_related("content_type").first())
    assert f">{label}</option>" in drawn


def test_the_role_admin_takes_the_place_of_djangos():
    """Replaced in place: the admin's pattern of app names keeps its order."""
    from people.admin import RoleAdmin

    model_admin = admin.site._registry[Group]
    assert type(model_admin) is RoleAdmin
    assert next(iter(admin.site._registry)) is Group
    assert model_admin.list_per_page == 25 and model_admin.show_full_result_count is False
