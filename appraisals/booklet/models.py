"""Sealed appraisal booklets: the signed PDF made when an appraisal is complete."""

from django.db import models
from django.utils import timezone


class SealedBooklet(models.Model):
    """The booklet of a complete appraisal, digitally sealed with the organisation's
    certificate. A reopened appraisal keeps its earlier sealed booklets (`superseded_at`)."""

    appraisal = models.ForeignKey(
        "appraisals.Appraisal", on_delete=models.PROTECT, related_name="sealed_booklets"
    )
    appraisal_version = models.PositiveIntegerField()
    file = models.FileField(upload_to="booklets/%Y/", max_length=300)
    sha256 = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sealed_at", "-pk"]

    def __str__(self):
        return f"Sealed booklet of {self.appraisal} (version {self.appraisal_version})"
