"""A drop-down's, radios' or checkboxes' choices of records read with one plain query.

Django's ModelChoiceIterator reads them through `queryset.iterator()`, a server-side
cursor on PostgreSQL: outside a transaction a held cursor declared, fetched and closed,
three round trips for a list of a few rows (a vocabulary, the LED team, the roles). The
admin's fields (config/admin_site.py) and every field Trellis draws
(frontend.components.drawing) read them through ChoicesReadAtOnce instead
(docs/adr/0067, 0070).
"""

from django.forms.models import ModelChoiceField, ModelChoiceIterator


class ChoicesReadAtOnce(ModelChoiceIterator):
    """Django's iterator over a ModelChoiceField's choices, the rows read by one plain
    query each time it is iterated (as Django's, a fresh query each time)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def read_at_once(field):
    """In: a form field. If it is a ModelChoiceField (or ModelMultipleChoiceField)
    iterating with Django's own iterator, its choices, and its widget's, are read by
    ChoicesReadAtOnce from now on; a field with an iterator of its own keeps it. Out:
    the field."""
    if isinstance(field, ModelChoiceField) and field.iterator is ModelChoiceIterator:
        field.iterator = ChoicesReadAtOnce
        field.widget.choices = field.choices
    return field
