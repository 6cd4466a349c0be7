"""Each run of the retention rules that changed something: when, and how much went."""

from django.db import models
from django.utils import timezone


class RetentionRun(models.Model):
    """One `apply_retention` run (not a dry run): `counts` by kind of record removed.
    The worker's daily run (privacy/retention/schedule.py) reads the last one."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"Retention run of {self.started_at:%d %B %Y %H:%M}"
