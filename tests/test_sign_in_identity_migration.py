"""Addresses stored before normalisation become their identity on upgrade, so the
people who had them still sign in; clashes stop the upgrade rather than merge people."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("people", "0002_role_groups")]
AFTER = [("people", "0003_identity_normalised")]


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Leave the database at every app's latest migration, as the rest of the suite
    expects: the transactional tests that run after these would otherwise meet the
    people table as it was in 0003 (without the columns added since)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def add_person(apps, email):
    return apps.get_model("people", "Person").objects.create(
        email=email, given_name="Isla", family_name="Jones", password="!"
    )


def test_existing_addresses_are_normalised_on_upgrade():
    old = migrate(BEFORE)
    add_person(old, " Isla.Jones@Trellis.Example")
    add_person(old, "ＯＭＡＲ@trellis.example")
    new = migrate(AFTER)
    stored = sorted(new.get_model("people", "Person").objects.values_list("email", flat=True))
    assert stored == ["isla.jones@trellis.example", "omar@trellis.example"]


def test_two_spellings_of_one_address_stop_the_upgrade_and_name_them():
    old = migrate(BEFORE)
    add_person(old, "isla@trellis.example")
    add_person(old, "ISLA@trellis.example")
    with pytest.raises(RuntimeError, match="same address: 'ISLA@trellis.example'"):
        migrate(AFTER)
    old.get_model("people", "Person").objects.all().delete()
    migrate(AFTER)
