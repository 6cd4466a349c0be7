"""Frontend records: PDFs built in the background (frontend/downloads.py) and
one-time form tokens (frontend/once.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PdfDownload(models.Model):
    """A growing PDF a person asked for, from the queue to the file. Theirs alone."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being made"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be made"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pdf_downloads"
    )
    kind = models.CharField(max_length=50)
    params = models.JSONField(default=dict, blank=True)
    items = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="downloads/%Y/%m/", max_length=300, blank=True)
    filename = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in {self.Status.READY, self.Status.FAILED}


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
