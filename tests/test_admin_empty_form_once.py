"""Every inline of the admin builds its empty form (the row "Add another" copies) once a
page (config/admin_site.py, EmptyFormOnce; docs/adr/0090), and still draws that row."""

import re
from unittest import mock

import pytest
from django.contrib import admin
from django.forms import formsets
from django.urls import reverse

from config.admin_site import EmptyFormOnce
from tests.factories import HRScopeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_every_inline_of_every_admin_builds_its_empty_form_once():
    inlines = [i for a in admin.site._registry.values() for i in a.inlines]
    assert len(inlines) >= 4  # HR scopes, a bank's sections, a section's questions, runs
    for inline in inlines:
        assert issubclass(inline.formset, EmptyFormOnce), inline


def test_a_persons_page_builds_the_hr_scope_row_once_and_draws_it(client):
    person = PersonFactory()
    HRScopeFactory(person=person)
    client.force_login(PersonFactory(administrator=True))
    url = reverse("admin:people_person_change", args=[person.pk])
    built = mock.Mock(wraps=formsets.BaseFormSet.empty_form.fget)
    with mock.patch.object(formsets.BaseFormSet, "empty_form", property(built)):
        page = client.get(url)
    assert page.status_code == 200
    assert built.call_count == 1
    # The row to copy for "Add another HR scope", with its chooser of a unit.
    row = re.search(r'<tr class="form-row[^"]* empty-form"\s+id="hr_scopes-empty">(.*?)</tr>',
                    page.text, re.S)  # fmt: skip
    assert row and 'name="hr_scopes-__prefix__-unit"' in row.group(1)
