"""The admin's tabular inlines are drawn by Jinja2 ({% admin_tabular %}), and draw
exactly what Django's own admin/edit_inline/tabular.html draws: rows, the empty row,
errors, read-only values, help, quotes escaped as Django escapes them."""

from pathlib import Path

import django
import pytest
from django.template import engines
from django.urls import reverse

from people.admin import HRScopeInline
from people.models import HRScope
from tests.factories import HRScopeFactory, OrganisationUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

DJANGOS = (
    Path(django.__file__).parent / "contrib/admin/templates/admin/edit_inline/tabular.html"
).read_text()


def _both(page, last=True):
    """Each inline of the page drawn by Django's template, and by the admin's."""
    theirs = engines["django"].from_string(DJANGOS)
    ours = engines["django"].from_string('{% include "admin/edit_inline/tabular.html" %}')
    for formset in page.context["inline_admin_formsets"]:
        values = {"inline_admin_formset": formset, "forloop": {"last": last}}
        yield (
            theirs.render(values, page.wsgi_request),
            ours.render(values, page.wsgi_request),
        )


def _page(client, person, data=None):
    client.force_login(PersonFactory(administrator=True))
    url = reverse("admin:people_person_change", args=[person.pk])
    page = client.post(url, data) if data is not None else client.get(url)
    assert page.status_code == 200
    return page


def test_a_persons_hr_scopes_are_drawn_as_django_draws_them(client):
    person = PersonFactory()
    HRScopeFactory(person=person, unit=OrganisationUnitFactory(name='O\'Brien "Ward" & <Co>'))
    for last in (True, False):
        for theirs, ours in _both(_page(client, person), last):
            assert ours == theirs
            assert "hr_scopes-empty" in ours and "&quot;" in ours


def test_errors_read_only_values_and_help_are_drawn_as_django_draws_them(client, monkeypatch):
    person = PersonFactory()
    scope = HRScopeFactory(person=person, unit=OrganisationUnitFactory(name="A 'unit'"))
    monkeypatch.setattr(HRScopeInline, "show_change_link", True)
    monkeypatch.setattr(HRScope._meta.get_field("unit"), "help_text", 'The "unit" <b>it</b>')
    monkeypatch.setattr(HRScopeInline, "fields", ["unit", "person"])
    monkeypatch.setattr(HRScopeInline, "readonly_fields", ["person"])
    for theirs, ours in _both(_page(client, person)):
        assert ours == theirs
        assert "<p>" in ours and "help-tooltip" in ours
    sent = {
        "email": person.email, "given_name": "A", "family_name": "B", "date_joined_0": "x",
        "hr_scopes-TOTAL_FORMS": "1", "hr_scopes-INITIAL_FORMS": "1",
        "hr_scopes-0-id": str(scope.pk), "hr_scopes-0-person": str(person.pk),
        "hr_scopes-0-unit": "999999",
    }  # fmt: skip
    for theirs, ours in _both(_page(client, person, sent)):
        assert ours == theirs
        assert "errorlist" in ours


def test_the_admin_draws_its_tabular_inlines_with_jinja2(client, monkeypatch):
    from frontend.templatetags import admin_inline

    drawn = []
    get_template = admin_inline._jinja2.get_template
    monkeypatch.setattr(admin_inline._jinja2, "get_template",
                        lambda name: drawn.append(name) or get_template(name))  # fmt: skip
    _page(client, PersonFactory())
    assert drawn.count("admin/edit_inline/tabular.html") == 1
