"""A drop-down's, radios' or checkboxes' choices of records read with one plain query.

Django's ModelChoiceIterator reads them through `queryset.iterator()`, a server-side
cursor on PostgreSQL: outside a transaction a held cursor declared, fetched and closed,
three round trips for a list of a few rows (a vocabulary, the LED team, the roles). The
admin's fields (config/admin_site.py) and every field Trellis draws
(frontend.components.drawing) read them through ChoicesReadAtOnce instead
(docs/adr/0067, 0070).
"""

from django.db import router
from django.db.models.query import ModelIterable
from django.forms.models import ModelChoiceField, ModelChoiceIterator

from people.sql import Compiled


class ChoicesReadAtOnce(ModelChoiceIterator):
    """Django's iterator over a ModelChoiceField's choices, the rows read by one plain
    query each time it is iterated (as Django's, a fresh query each time). A field
    offering every row of a table (a vocabulary, the roles) reads them by a query
    compiled once (people.sql.Compiled, docs/adr/0071)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in _rows_of(self.queryset):
            yield self.choice(obj)


_whole_tables = {}  # (model, QuerySet class) -> Compiled


def _rows_of(queryset):
    if not _whole_table(queryset):
        return queryset.all()
    return _compiled(queryset).objects()


def _compiled(queryset):
    key = (queryset.model, type(queryset))
    if key not in _whole_tables:
        first = queryset.all()  # a copy: the field's own may hold rows already read
        _whole_tables[key] = Compiled(first.all)
    return _whole_tables[key]


def choices_read(queryset):
    """The people.sql.Read that ChoicesReadAtOnce fetches for a field offering
    `queryset` (a QuerySet), to send ahead (read_ahead); None when the field reads its
    choices by the ORM (not a whole table)."""
    return _compiled(queryset).read() if _whole_table(queryset) else None


def _whole_table(queryset):
    """Whether `queryset` reads every row of its model in the model's own order and
    nothing more, as Model.objects.all() does: no filter, join, annotation, ordering
    (nor the model's reversed), slice, lock or deferred field of its own."""
    query = queryset.query
    return (
        queryset._iterable_class is ModelIterable
        and not queryset._prefetch_related_lookups
        and queryset._db in (None, router.db_for_read(queryset.model))
        and not query.where
        and not query.select_related
        and not query.annotations
        and not query.extra
        and not query.extra_tables
        and not query.select_for_update
        and not query.order_by
        and not query.extra_order_by
        and query.default_ordering
        and query.standard_ordering
        and not query.is_sliced
        and not query.distinct
        and not query.combinator
        and not query.values_select
        and query.deferred_loading == (frozenset(), True)
        and len(query.alias_map) <= 1
    )


def read_at_once(field):
    """In: a form field. If it is a ModelChoiceField (or ModelMultipleChoiceField)
    iterating with Django's own iterator, its choices, and its widget's, are read by
    ChoicesReadAtOnce from now on; a field with an iterator of its own keeps it. Out:
    the field."""
    if isinstance(field, ModelChoiceField) and field.iterator is ModelChoiceIterator:
        field.iterator = ChoicesReadAtOnce
        field.widget.choices = field.choices
    return field
