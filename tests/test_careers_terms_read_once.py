"""The careers forms read each list of terms (impact levels, growth directions, 70/20/10
categories) once, however often the page draws them: the error summary, the radios and
their hints. Each drawing had read the list again (17 queries on the placement page)."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from careers.conversation.forms import ObjectiveForm, PlacementForm
from learning.models import GrowthDirection, ImpactLevel, LearningCategory
from tests.factories_learning import vocabulary

pytestmark = pytest.mark.django_db

PAGE = Template(
    "{% load crispy_forms_tags nhsuk %}{% nhsuk_error_summary form %}{{ form|crispy }}"
)


def _tables_read(form):
    with CaptureQueriesContext(connection) as queries:
        html = PAGE.render(Context({"form": form}))
    return [q["sql"].split(" FROM ")[1].split()[0] for q in queries], html


def test_the_placement_form_reads_levels_and_directions_once():
    vocabulary()
    with CaptureQueriesContext(connection) as made:
        form = PlacementForm()
    tables, html = _tables_read(form)
    assert len(made) == 2  # levels, directions: for the radios and their hints
    assert tables == []
    for term in [*ImpactLevel.objects.all(), *GrowthDirection.objects.all()]:
        assert html.count(f'value="{term.pk}"') >= 2  # now and in two years
        assert str(term.description) in html


def test_the_objective_form_reads_directions_and_categories_once():
    vocabulary()
    with CaptureQueriesContext(connection) as made:
        form = ObjectiveForm()
    tables, html = _tables_read(form)
    assert len(made) == 2
    assert tables == []
    for term in LearningCategory.objects.all():
        assert f'value="{term.pk}"' in html


def test_a_new_queryset_is_read_anew():
    vocabulary()
    form = PlacementForm()
    form.fields["level"].queryset = ImpactLevel.objects.filter(pk=ImpactLevel.objects.first().pk)
    assert len(list(form.fields["level"].choices)) == 1
