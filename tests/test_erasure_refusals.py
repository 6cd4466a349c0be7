"""Erasure is refused where it would lock the organisation out or leave people with no
line manager, and only administrators reach it."""

import pytest
from django.urls import reverse

from people.models import Person
from privacy.erasure import services
from privacy.models import Erasure
from tests.factories import PersonFactory


def _erase(client, by, person):
    client.force_login(by)
    url = reverse("privacy:erase-person", args=[person.pk])
    return client.post(url, {"reason": "Erasure request 17", "confirm": "on"})


@pytest.mark.django_db
def test_an_administrator_cannot_erase_themselves(client):
    administrator = PersonFactory(administrator=True)
    PersonFactory(administrator=True)  # not the last one

    response = _erase(client, administrator, administrator)

    assert response.status_code == 200
    assert "You cannot erase yourself" in response.text
    assert Person.objects.get(pk=administrator.pk).is_active
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_the_last_administrator_cannot_be_erased():
    last = PersonFactory(administrator=True)

    with pytest.raises(services.ErasureRefused, match="last administrator"):
        services.erase(last, by=None, reason="Retention")

    assert Person.objects.get(pk=last.pk).is_staff


@pytest.mark.django_db
def test_another_administrator_can_be_erased_while_one_remains(client):
    administrator, other = PersonFactory(administrator=True), PersonFactory(administrator=True)

    response = _erase(client, administrator, other)

    assert response.status_code == 302
    assert not Person.objects.get(pk=other.pk).is_staff


@pytest.mark.django_db
def test_a_line_manager_of_active_people_is_not_erased_until_they_have_a_new_one(client):
    manager = PersonFactory()
    PersonFactory(line_manager=manager)

    response = _erase(client, PersonFactory(administrator=True), manager)

    assert "They are the line manager of 1 person" in response.text
    assert "Erase this person" not in response.text  # no form to send
    assert Person.objects.get(pk=manager.pk).is_active


@pytest.mark.django_db
def test_a_person_is_erased_once(client):
    administrator = PersonFactory(administrator=True)
    person = PersonFactory()
    _erase(client, administrator, person)

    response = _erase(client, administrator, person)

    assert "This person has already been erased" in response.text
    assert Erasure.objects.count() == 1
    # Who erased them, when and why, where an administrator looks.
    assert f"by {administrator.full_name}. The reason given: Erasure request 17" in response.text


@pytest.mark.django_db
def test_the_page_says_apart_which_files_go_because_they_may_name_the_person(client):
    """Copies of other people's data are removed too (one may name the person): the
    page does not call them the person's own records."""
    from tests.factories_your_data import DataExportFactory

    administrator, person = PersonFactory(administrator=True), PersonFactory()
    DataExportFactory.create_batch(2)  # two colleagues' copies of their own data
    client.force_login(administrator)
    page = client.get(reverse("privacy:erase-person", args=[person.pk])).text
    own = page.split("their own records", 1)[1].split("</li>", 1)[0]
    assert "data exports" not in own
    assert "which may name them, whoever asked for them: data exports: 2." in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr", "led"])
def test_only_administrators_erase(client, role):
    person = PersonFactory()

    response = _erase(client, PersonFactory(**{role: True}), person)

    assert response.status_code == 404
    assert Person.objects.get(pk=person.pk).is_active


@pytest.mark.django_db
def test_the_admin_page_of_a_person_links_to_their_erasure(client):
    person = PersonFactory()
    client.force_login(PersonFactory(administrator=True))

    page = client.get(reverse("admin:people_person_change", args=[person.pk]))

    assert reverse("privacy:erase-person", args=[person.pk]) in page.text
