"""The record that a person was erased: by whom, when and why, never what was erased."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Erasure(models.Model):
    """One erasure of one person (privacy/erasure/services.py). Written once, never edited.

    `person` is the anonymised row left behind; `erased_by` is empty when the retention
    rules erased a leaver (privacy/retention). `counts` says how many records of each
    kind went, never their content."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure"
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="erasures_made",
    )
    reason = models.TextField(max_length=1000)
    erased_at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-erased_at", "-pk"]

    def __str__(self):
        by = self.erased_by or "the retention rules"
        return f"Person {self.person_id} erased by {by} on {self.erased_at:%d %B %Y}"
