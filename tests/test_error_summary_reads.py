"""The error summary works out a link only for a field with an error: a radio group's
link draws its items, which for a model choice field reads its rows."""

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from learning.models import ImpactLevel
from tests.factories_learning import vocabulary

pytestmark = pytest.mark.django_db

SUMMARY = Template("{% load nhsuk %}{% nhsuk_error_summary form %}")


class LevelForm(forms.Form):
    level = forms.ModelChoiceField(ImpactLevel.objects.all(), widget=forms.RadioSelect)


def test_a_summary_without_errors_reads_nothing():
    vocabulary()
    with CaptureQueriesContext(connection) as queries:
        html = SUMMARY.render(Context({"form": LevelForm()}))
    assert len(queries) == 0
    assert "nhsuk-error-summary" not in html


def test_an_error_still_links_to_the_first_radio():
    vocabulary()
    html = SUMMARY.render(Context({"form": LevelForm({})}))
    assert 'href="#id_level_0"' in html
