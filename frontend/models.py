"""The record behind one-time form tokens (frontend.once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """The first POST of one form as shown once, and how Trellis answered it.

    `key` is unique, so a second POST of the same form (a double click, a resend) cannot
    claim it again, even while the first is still being saved.
    """

    key = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    done = models.BooleanField(default=False)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    messages = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"Form sent by {self.person_id} at {self.created_at:%Y-%m-%d %H:%M}"
