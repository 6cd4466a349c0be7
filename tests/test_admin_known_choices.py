"""Parts of admin pages written without Django's widget rendering draw what Django
draws: a list row's action checkbox, and a person's unit and line-manager choosers
drawn from the records read with the person (no read of each again)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Initiative
from people.models import Person
from tests.factories import OrganisationUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _djangos_checkbox(obj):
    attrs = {"class": "action-select",
             "aria-label": f"Select this object for an action - {obj}"}  # fmt: skip
    return forms.CheckboxInput(attrs, lambda value: False).render(
        helpers.ACTION_CHECKBOX_NAME, str(obj.pk)
    )


def test_a_rows_checkbox_is_djangos():
    model_admin = admin.site._registry[Initiative]
    for title in ("Plain", 'Quotes "and" <tags> & ampersands'):
        row = Initiative(pk=7, title=title)
        assert str(model_admin.action_checkbox(row)) == str(
            admin.ModelAdmin.action_checkbox(model_admin, row)
        )


@pytest.mark.parametrize("name", ["unit", "line_manager"])
def test_a_persons_chooser_draws_the_record_read_with_them(rf, name):
    person = PersonFactory(line_manager=PersonFactory(given_name='Ann "A" <b>'),
                           unit=OrganisationUnitFactory(name="Ward & <Co>"))  # fmt: skip
    model_admin = admin.site._registry[Person]
    request = rf.get("/")
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    field = Person._meta.get_field(name)
    ours = model_admin.formfield_for_foreignkey(field, request).widget
    theirs = AutocompleteSelect(field, admin.site)
    theirs.choices = ours.choices
    value = getattr(person, field.attname)
    read = model_admin.get_object(request, str(person.pk))
    ours.known = getattr(read, name)
    with CaptureQueriesContext(connection) as queries:
        drawn = ours.render(name, value)
    assert len(queries) == 0
    assert drawn == theirs.render(name, value)
    # Another value than the record's (a form sent back): read, as Django's.
    other = PersonFactory() if name == "line_manager" else OrganisationUnitFactory()
    assert ours.render(name, other.pk) == theirs.render(name, other.pk)


def test_the_admins_drop_downs_read_their_choices_in_one_plain_query(rf):
    """Not through a server-side cursor (on PostgreSQL a held cursor: three round
    trips for a few rows); the same choices."""
    from django.forms.models import ModelChoiceIterator

    from frontend.model_choices import ChoicesReadAtOnce

    request = rf.get("/")
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[Initiative]
    form = model_admin.get_form(request)()
    for name in ("category", "directions"):
        field = form.fields[name]
        assert isinstance(field.widget.widget.choices, ChoicesReadAtOnce)
        assert list(field.widget.widget.choices) == list(ModelChoiceIterator(field))
