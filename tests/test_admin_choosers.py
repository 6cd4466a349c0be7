"""Every admin form that chooses a person, a unit or another record that grows with
the organisation does it with a search (autocomplete) or an id, never a drop-down of
every row: at 20,000 people the reminder preference's "add" page drew a <select> of
everyone and took 331 times the bare page (the page report, docs/adr/0047). Choices
among the vocabularies (a few rows each) stay drop-downs."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# Tables of a few rows that an administrator curates: a drop-down of them is right.
FEW_ROWS = {
    "auth.Group",
    "auth.Permission",
    "contenttypes.ContentType",
    "learning.LearningCategory",
    "learning.GrowthDirection",
    "learning.ImpactLevel",
    "appraisals.RatingLevel",
    "appraisals.OrganisationValue",
    "appraisals.AppraisalCycle",
    "careers.QuestionBank",
    "careers.JournalSection",
}


def _choosers(model_admin, request, parent=None):
    """ "app.Model.field" for each relation the admin's form draws as a drop-down; none
    for an admin that only shows (no add or change), nor an inline's link to its
    parent (which the inline does not draw)."""
    found = []
    if not (model_admin.has_add_permission(request, *([None] if parent else []))
            or model_admin.has_change_permission(request)):  # fmt: skip
        return found
    readonly = set(model_admin.get_readonly_fields(request))
    chosen_by_search = set(model_admin.autocomplete_fields) | set(model_admin.raw_id_fields)
    names = model_admin.get_fields(request)
    for name in names:
        if name in readonly or name in chosen_by_search:
            continue
        try:
            field = model_admin.model._meta.get_field(name)
        except FieldDoesNotExist:  # a form's own field (a password), not the model's
            continue
        if not (field.is_relation and field.editable):
            continue
        if field.related_model._meta.label in FEW_ROWS or field.related_model is parent:
            continue
        found.append(f"{model_admin.model._meta.label}.{name}")
    return found


def _own_choosers(model_admin, request):
    """ "app.Model.field" for each chooser the admin's form declares itself (not one of
    the model's fields: django-treebeard's "Relative to" unit) that draws every row of a
    table that grows as a drop-down."""
    if not model_admin.has_add_permission(request):
        return []
    form = model_admin.get_form(request)
    found = []
    for name, field in form.base_fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        if isinstance(field.widget, AutocompleteMixin | ForeignKeyRawIdWidget):
            continue
        try:
            model_admin.model._meta.get_field(name)
            continue  # a model field: _choosers judges it
        except FieldDoesNotExist:
            pass
        chosen = form(**({"instance": None} if hasattr(form, "_meta") else {}))
        if chosen.fields[name].queryset.model._meta.label in FEW_ROWS:
            continue
        found.append(f"{model_admin.model._meta.label}.{name}")
    return found


def test_no_admin_form_offers_every_person_or_unit_in_a_drop_down():
    request = RequestFactory().get("/admin/")
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    offenders = []
    for model_admin in admin.site._registry.values():
        offenders += _choosers(model_admin, request)
        offenders += _own_choosers(model_admin, request)
        for inline in model_admin.get_inline_instances(request):
            offenders += _choosers(inline, request, parent=model_admin.model)
    assert offenders == [], "\n".join(offenders)
