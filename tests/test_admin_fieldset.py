"""The admin's fieldsets are drawn by Jinja2 ({% admin_fieldset %}, docs/adr/0064), and
draw exactly what Django's own admin/includes/fieldset.html draws: its lines, labels,
help, errors, read-only values, checkboxes, and a collapsible, described fieldset."""

from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.template import Context, Engine, engines
from django.urls import reverse

from people.models import Person
from tests.factories import HRScopeFactory, PersonFactory

pytestmark = pytest.mark.django_db

DJANGOS = (
    Path(django.__file__).parent / "contrib/admin/templates/admin/includes/fieldset.html"
).read_text()
INCLUDE = (
    '{% include "admin/includes/fieldset.html" with heading_level=level prefix=prefix '
    "id_prefix=0 id_suffix=suffix %}"
)


def _both(fieldset, level=2, prefix="fieldset", suffix=1):
    """The fieldset drawn by Django's template, and by the admin's as Trellis has it."""
    values = {"fieldset": fieldset, "heading_level": level, "prefix": prefix,
              "id_prefix": 0, "id_suffix": suffix}  # fmt: skip
    theirs = Engine().from_string(DJANGOS)
    ours = engines["django"].from_string(INCLUDE)
    return (
        theirs.render(Context(values)),
        ours.render({"fieldset": fieldset, "level": level, "prefix": prefix, "suffix": suffix}),
    )


def _admin_form(client, person, data=None):
    client.force_login(PersonFactory(administrator=True))
    url = reverse("admin:people_person_change", args=[person.pk])
    page = client.post(url, data) if data is not None else client.get(url)
    assert page.status_code == 200
    return page.context["adminform"], page.context["inline_admin_formsets"]


def test_the_person_form_is_drawn_as_django_draws_it(client):
    person = PersonFactory()
    HRScopeFactory(person=person)
    adminform, inlines = _admin_form(client, person)
    for n, fieldset in enumerate(adminform):
        theirs, ours = _both(fieldset, suffix=n)
        assert ours == theirs
        assert "<fieldset" in ours


def test_errors_read_only_values_and_lines_of_several_fields_are_drawn_as_django_draws_them(
    client,
):
    adminform, _ = _admin_form(client, PersonFactory(), data={"email": "not an email"})
    form = adminform.form
    assert form.errors
    fieldset = helpers.Fieldset(
        form,
        name="Several",
        fields=[("given_name", "family_name"), "email", ("is_active", "date_joined"), "password"],
        readonly_fields=("date_joined",),
        classes=("collapse", "wide"),
        description="<b>Described</b>",
        model_admin=admin.site._registry[Person],
    )
    theirs, ours = _both(fieldset, level=3, prefix="p")
    assert ours == theirs
    assert 'class="readonly"' in ours and "errorlist" in ours
    # A collapsible fieldset folds, unless one of its fields has an error.
    folded = helpers.Fieldset(form, name="Folded", fields=["is_staff"], classes=("collapse",))
    theirs, ours = _both(folded)
    assert ours == theirs
    assert "<details>" in ours


def test_an_unnamed_fieldset_without_a_heading_level_is_drawn_as_django_draws_it(client):
    adminform, _ = _admin_form(client, PersonFactory())
    fieldset = helpers.Fieldset(adminform.form, fields=["email", "is_staff"])
    theirs, ours = _both(fieldset, level=None)
    assert ours == theirs


def test_the_admin_draws_its_fieldsets_with_jinja2(client, monkeypatch):
    from frontend.templatetags import admin_fieldset

    drawn = []
    jinja2 = admin_fieldset._jinja2
    get_template = jinja2.get_template

    def spied(name):
        drawn.append(name)
        return get_template(name)

    monkeypatch.setattr(jinja2, "get_template", spied)
    adminform, _ = _admin_form(client, PersonFactory())
    assert drawn.count("admin/includes/fieldset.html") == len(list(adminform))
