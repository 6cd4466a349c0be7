"""A person's page in the admin (people/admin.py; docs/adr/0090): the roles granted by a
group, LED and HR, a checkbox each, with no link to make a group that gives no role; the
day they joined and their last sign-in shown, not typed."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from people.roles import HR_GROUP, LED_GROUP
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_roles_are_checkboxes_and_the_dates_are_shown(client):
    person = PersonFactory(hr=True)
    client.force_login(PersonFactory(administrator=True))
    url = reverse("admin:people_person_change", args=[person.pk])
    page = client.get(url).text
    boxes = re.findall(r'<label for="id_groups_\d+">(<input type="checkbox" name="groups"'
                       r"[^>]*>)\s*(\w+)</label>", page)  # fmt: skip
    assert {name: "checked" in box for box, name in boxes} == {HR_GROUP: True, LED_GROUP: False}
    assert 'id="add_id_groups"' not in page
    assert 'name="date_joined_0"' not in page and 'name="last_login_0"' not in page
    joined = re.search(r'field-date_joined">.*?<div class="readonly">(.*?)</div>', page, re.S)
    assert joined and joined.group(1).strip()  # the day, shown


def test_a_date_joined_sent_with_the_form_is_not_saved(client):
    person = PersonFactory()
    joined = person.date_joined
    client.force_login(PersonFactory(administrator=True))
    data = {
        "email": person.email, "given_name": person.given_name,
        "family_name": person.family_name, "is_active": "on",
        "date_joined_0": "2001-01-01", "date_joined_1": "09:00:00",
        "last_login_0": "2001-01-01", "last_login_1": "09:00:00",
        "hr_scopes-TOTAL_FORMS": "0", "hr_scopes-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(reverse("admin:people_person_change", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.date_joined == joined and person.last_login is None
    assert timezone.now() - person.date_joined < timezone.timedelta(hours=1)
