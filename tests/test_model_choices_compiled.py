"""frontend.model_choices: a field offering a whole table (a vocabulary, the roles)
reads its choices by a query compiled once (docs/adr/0071), fresh on every drawing;
any other queryset is read as it is."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.db.models import Value

from frontend.model_choices import _whole_table, read_at_once
from learning.models import LearningCategory

pytestmark = pytest.mark.django_db


def test_only_a_whole_table_in_its_own_order_is_taken_as_one():
    categories = LearningCategory.objects.all()
    assert _whole_table(categories)
    assert _whole_table(Group.objects.using("default"))
    for narrower in (
        categories.filter(name="On the job"),
        categories.order_by("name"),
        categories[:2],
        categories.annotate(one=Value(1)),
        categories.defer("description"),
        categories.distinct(),
        categories.prefetch_related("cpd_entries"),
        categories.values("pk"),
        categories.reverse(),
        categories.extra(order_by=["name"]),
        categories.extra(tables=["learning_growthdirection"]),
        categories.select_for_update(),
    ):
        assert not _whole_table(narrower), narrower.query


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(LearningCategory.objects.all())
    some = forms.ModelChoiceField(LearningCategory.objects.filter(share_percent__gte=20))


def choices(form, name):
    return [label for _, label in read_at_once(form.fields[name]).choices if _]


def test_choices_are_read_fresh_each_time(django_assert_num_queries):
    before = choices(CategoryForm(), "category")
    LearningCategory.objects.create(slug="new-kind", name="A new kind", order=99,
                                    share_percent=5)  # fmt: skip
    with django_assert_num_queries(1):
        after = choices(CategoryForm(), "category")
    assert after == [*before, "A new kind"]
    assert "A new kind" not in choices(CategoryForm(), "some")
