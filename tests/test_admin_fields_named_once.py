"""An admin without `fields` names its form's fields once (config/admin_site.py,
FieldsNamedOnce): a page builds the one form class it draws, and the names are those
Django would read from a form built for them."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin import options
from django.test import RequestFactory
from django.urls import reverse

from config.admin_site import FieldsNamedOnce
from learning.models import LearningCategory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_names_are_those_django_reads_from_a_form():
    request = RequestFactory().get("/")
    request.user = PersonFactory(administrator=True)
    named = [a for a in admin.site._registry.values() if isinstance(a, FieldsNamedOnce)]
    assert len(named) >= 7
    category = LearningCategory.objects.first()
    for model_admin in named:
        objs = [None, category] if model_admin.model is LearningCategory else [None]
        for obj in objs:
            djangos = super(FieldsNamedOnce, model_admin).get_fields(request, obj)
            assert model_admin.get_fields(request, obj) == djangos  # read
            assert model_admin.get_fields(request, obj) == djangos  # kept


def test_an_initiative_page_builds_one_form_class(client):
    client.force_login(PersonFactory(administrator=True))
    url = reverse("admin:learning_initiative_add")
    assert client.get(url).status_code == 200
    built = mock.Mock(wraps=options.modelform_factory)
    with mock.patch.object(options, "modelform_factory", built):
        assert client.get(url).status_code == 200
    assert built.call_count == 1
