"""Deleting rows for good: with everything that cascades from them, their files in
storage and their django-simple-history copies (which a delete would otherwise add to).
Used by erasure and by the retention rules."""

from collections import Counter

from django.core.files.storage import default_storage
from django.db import models
from django.db.models.deletion import Collector

CHUNK = 500


def history_model(model):
    """The django-simple-history model of `model`, or None if it keeps no history."""
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager_name).model if manager_name else None


def is_history(model):
    """True for a django-simple-history table (Historical…)."""
    return hasattr(model, "instance_type")


class Removal:
    """Deletes querysets one after another, noting what went: counts by model label,
    the file names to remove from storage once the deletes are committed, and the
    primary keys whose history copies `finish` deletes."""

    def __init__(self):
        self.counts = Counter()
        self.files = set()
        self._gone = {}

    def delete(self, queryset):
        """Delete `queryset` and everything that cascades from it. Returns the number
        of rows of the queryset's own model deleted. Raises ProtectedError as
        Django's delete does."""
        collector = Collector(using=queryset.db, origin=queryset)
        collector.collect(queryset)
        for model, instances in collector.data.items():
            self._note(model, instances)
        for batch in collector.fast_deletes:
            self._note(batch.model, list(batch))
        _, by_label = queryset.delete()
        self.counts.update({label: n for label, n in by_label.items() if n})
        return by_label.get(queryset.model._meta.label, 0)

    def _note(self, model, instances):
        files = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for instance in instances:
            self.files.update(filter(None, (getattr(instance, name) for name in files)))
        if history_model(model) is not None:
            self._gone.setdefault(model, set()).update(i.pk for i in instances)

    def finish(self):
        """Delete the history copies of every row deleted (including those the deletes
        themselves added). Call inside the transaction, after the last `delete`."""
        for model, pks in self._gone.items():
            history, name = history_model(model), model._meta.pk.attname
            pks = sorted(pks)
            for start in range(0, len(pks), CHUNK):
                deleted, _ = history.objects.filter(
                    **{f"{name}__in": pks[start : start + CHUNK]}
                ).delete()
                self.counts[history._meta.label] += deleted

    def remove_files(self):
        """Remove the noted files from storage; call after the transaction committed.
        A file already gone is no error. Returns how many were removed."""
        removed = 0
        for name in sorted(str(f) for f in self.files):
            if default_storage.exists(name):
                default_storage.delete(name)
                removed += 1
        return removed
