"""The retention rules run daily from the worker (`manage.py run_worker`'s periodic
hook, as HR's booklet exports clean up): every few minutes the hook asks whether a day
(RETENTION_RUN_EVERY_HOURS) has passed since the last run started, and runs if so."""

import logging
from datetime import timedelta

from django.utils import timezone

from . import services
from .models import RetentionRun
from .rules import setting

logger = logging.getLogger(__name__)


def run_if_due(*, now=None):
    """Apply the retention rules if none ran in the last RETENTION_RUN_EVERY_HOURS (0:
    never from the worker). Returns the counts, or None when not due."""
    now = now or timezone.now()
    hours = setting("RETENTION_RUN_EVERY_HOURS")
    if hours <= 0:
        return None
    if RetentionRun.objects.filter(started_at__gt=now - timedelta(hours=hours)).exists():
        return None
    counts = services.apply(now=now)
    logger.info("Retention rules applied: %s", counts)
    return counts


def register():
    from frontend.management.commands.run_worker import every_few_minutes

    every_few_minutes(run_if_due)
