"""A person's data out: a ZIP of everything Trellis holds about one person, built in
the background, and the record of each copy HR prepared for a subject access request
(docs/adr/0037-your-data.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from frontend.text import SingleLineCharField

# Everything an export writes lives under this folder of Django's storage: the clean-up
# (archive.clean_up) removes what no export refers to.
FOLDER = "your-data"


class SubjectAccessRequest(models.Model):
    """HR prepared a copy of `person`'s data for a formal subject access request.
    Written once and kept after the copy itself has expired: the person is told of it
    on their "Your data" page."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subject_access_requests"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reference = SingleLineCharField("reference or reason", max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "subject access request"

    def __str__(self):
        return f"Copy of {self.person}'s data for a subject access request ({self.at:%d %B %Y})"


class DataExport(models.Model):
    """One ZIP of `person`'s data, asked for by `requested_by` (the person, or HR for a
    subject access request). Its requester's alone. `file` is set only when the ZIP is
    complete and checked."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Gathering your data"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be made"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    subject_access = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="exports",
    )  # fmt: skip
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Progress: the areas gathered so far, of `total` (archive.AREAS and the summary).
    done = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=FOLDER, max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Data of {self.person} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in {self.Status.READY, self.Status.FAILED}
