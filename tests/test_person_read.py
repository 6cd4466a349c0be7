"""The person a session names is read by Trellis's backends as Django's would read them
(people.sso.backends.read_person, docs/adr/0088)."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from people.models import Person
from people.sso.backends import LocalPasswordBackend, OrganisationAccountBackend
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BACKENDS = [LocalPasswordBackend, OrganisationAccountBackend]


@pytest.fixture
def person(organisation):
    return PersonFactory(unit=organisation["team"])


def _fields(person):
    return {f.attname: getattr(person, f.attname) for f in Person._meta.concrete_fields}


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
def test_the_person_read_is_the_one_django_reads(backend, person):
    found = backend().get_user(person.pk)
    assert found == person
    assert _fields(found) == _fields(ModelBackend().get_user(person.pk))
    assert found._state.db == "default" and not found._state.adding
    # A session keeps the key as text: its digits name the same person.
    assert backend().get_user(str(person.pk)) == person


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
@pytest.mark.parametrize("key", [0, -1, 2**63, 2**70, "", "abc", "1.5", None])
def test_a_key_that_names_nobody_reads_nobody(backend, key, organisation):
    assert backend().get_user(key) is None


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
def test_a_closed_account_is_read_as_nobody(backend, organisation):
    person = PersonFactory(unit=organisation["team"], is_active=False)
    assert backend().get_user(person.pk) is None


def test_a_person_made_inactive_is_signed_out_at_their_next_page(client, person):
    client.force_login(person, backend="people.sso.backends.LocalPasswordBackend")
    assert client.get(reverse("home")).status_code == 200
    Person.objects.filter(pk=person.pk).update(is_active=False)
    assert client.get(reverse("home")).status_code == 302
