"""Appraisal cycles: which people are appraised in which window, and the runs that
create their appraisals."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from frontend.text import SingleLineCharField


class AppraisalCycle(models.Model):
    """One round of appraisals for the people in some organisation units.

    `year` is the appraisal year (April to March) by its first year, as the
    reflection journal counts it. A unit in scope includes every unit below it.
    A cycle is a draft until HR opens it; opening creates the appraisals
    (appraisals/cycles/services.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not opened yet"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    name = SingleLineCharField(max_length=200)
    year = models.PositiveSmallIntegerField("appraisal year")
    opens_on = models.DateField()
    closes_on = models.DateField()
    units = models.ManyToManyField(
        "people.OrganisationUnit", related_name="appraisal_cycles", verbose_name="units in scope"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year", "-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="cycle_closes_after_it_opens"
            ),
        ]

    def __str__(self):
        return self.name


class CycleRun(models.Model):
    """One run that creates appraisals for a cycle: opening it, or adding people who
    joined since. Its counts feed the progress page; it is never deleted."""

    class Kind(models.TextChoices):
        OPEN = "open", "Open the cycle"
        JOINERS = "joiners", "Add joiners and close leavers"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Could not finish"

    cycle = models.ForeignKey(AppraisalCycle, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    closed_as_left = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["-requested_at", "-id"], name="cycle_run_newest_first")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.cycle}"
