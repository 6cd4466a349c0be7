"""Bulk booklet exports: HR asks for the booklets of one unit in one cycle, and gets one
ZIP, built in the background in chunks (docs/adr/0031-bulk-booklet-exports.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

# Everything an export writes lives under this folder of Django's storage: the clean-up
# (services.clean_up) removes what nothing refers to.
FOLDER = "booklet-exports"


class BookletExport(models.Model):
    """One request for the booklets of `unit` (and every unit below it) in `cycle`.
    Its requester's alone. `file` is set only when the ZIP is complete and checked."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Making the booklets"
        ASSEMBLING = "assembling", "Putting the ZIP together"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be made"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booklet_exports"
    )
    cycle = models.ForeignKey(
        "appraisals.AppraisalCycle", on_delete=models.CASCADE, related_name="booklet_exports"
    )
    unit = models.ForeignKey("people.OrganisationUnit", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    chunks = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=FOLDER, max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Booklets of {self.unit} in {self.cycle} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in {self.Status.READY, self.Status.FAILED}


class BookletExportItem(models.Model):
    """One person's booklet in an export: rendered to `file` (a draft, or a complete
    appraisal with no seal), or the appraisal's `sealed` booklet as it is."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not made yet"
        DONE = "done", "Made"
        FAILED = "failed", "Could not be made"

    export = models.ForeignKey(BookletExport, on_delete=models.CASCADE, related_name="items")
    appraisal = models.ForeignKey(
        "appraisals.Appraisal", on_delete=models.CASCADE, related_name="+"
    )
    chunk = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=FOLDER, max_length=300, blank=True)
    sealed = models.ForeignKey(
        "appraisals.SealedBooklet", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["export", "appraisal"], name="one_item_per_booklet"),
        ]
        indexes = [models.Index(fields=["export", "chunk", "status"])]

    def __str__(self):
        return f"Booklet of appraisal {self.appraisal_id} in export {self.export_id}"
