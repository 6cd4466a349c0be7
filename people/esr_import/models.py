"""The column mapping of an ESR staff extract, and each import run with its stored plan
(docs/esr-import.md). Imported by people/models.py, so the models are the people app's."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from frontend.text import SingleLineCharField

LEVELS = 6


def _column(label, default, *, blank=True):
    return SingleLineCharField(label, max_length=100, default=default, blank=blank)


class EsrColumnMapping(models.Model):
    """Which heading of an organisation's extract holds each value Trellis reads.

    One mapping is active at a time; with none, the default (each field's default,
    the ESR staff list's headings) is used. Headings are matched ignoring case and
    spaces at either end. A blank heading: the column is not read."""

    name = SingleLineCharField(max_length=100, default="ESR staff list")
    is_active = models.BooleanField("active", default=True)
    employee_number = _column("employee number", "Employee Number", blank=False)
    assignment_number = _column("assignment number", "Assignment Number", blank=False)
    title = _column("title", "Title")
    first_name = _column("first name", "First Name", blank=False)
    last_name = _column("last name", "Last Name", blank=False)
    email = _column("work email", "Work Email Address", blank=False)
    position_title = _column("position title", "Position Title")
    org_level_1 = _column("organisation level 1", "Org Level 1")
    org_level_2 = _column("organisation level 2", "Org Level 2")
    org_level_3 = _column("organisation level 3", "Org Level 3")
    org_level_4 = _column("organisation level 4", "Org Level 4")
    org_level_5 = _column("organisation level 5", "Org Level 5")
    org_level_6 = _column("organisation level 6", "Org Level 6")
    org_path = _column(
        "organisation path",
        "Organisation",
    )
    path_separator = SingleLineCharField(
        "organisation path separator",
        max_length=5,
        default=">",
        help_text="What separates the levels in the organisation path column.",
    )
    supervisor = _column("supervisor's assignment number", "Supervisor Assignment Number")
    pay_band = _column("pay band", "Pay Band")
    staff_group = _column("staff group", "Staff Group")
    start_date = _column("assignment start date", "Assignment Start Date")
    status = _column("assignment status", "Assignment Status")
    leaver_statuses = models.TextField(
        "statuses of a leaver",
        default="Terminate Assignment\nTerminate Process Assignment",
        help_text="One assignment status a line: a row with one of them is a leaver.",
    )
    absent_are_leavers = models.BooleanField(
        "people missing from the file are leavers",
        default=True,
        help_text="The extract lists everyone: an active person with an assignment number, "
        "in the importer's scope, who is not in the file is a leaver.",
    )

    class Meta:
        verbose_name = "ESR column mapping"
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="one_active_esr_mapping",
                violation_error_message="Only one column mapping can be active",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def level_columns(self):
        return [getattr(self, f"org_level_{n}") for n in range(1, LEVELS + 1)]

    @property
    def leaver_status_set(self):
        return {s.strip().casefold() for s in self.leaver_statuses.splitlines() if s.strip()}


def active_mapping():
    """The active EsrColumnMapping, or the default one (unsaved) when none is active."""
    return EsrColumnMapping.objects.filter(is_active=True).first() or EsrColumnMapping()


class EsrImportRun(models.Model):
    """One uploaded extract: its dry run's plan, and then its apply.

    `plan` is what the dry run showed (people.esr_import.planning); the apply does
    exactly that, and only while `state_digest` still matches the people and units
    in Trellis (otherwise the run is stale and a new dry run is needed)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Checked: waiting for you to confirm"
        QUEUED = "queued", "Waiting to start"
        APPLYING = "applying", "Making the changes"
        APPLIED = "applied", "Changes made"
        STALE = "stale", "Out of date: check the file again"
        FAILED = "failed", "Could not be applied"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="esr_imports",
        help_text="Empty for a run from the command line.",
    )
    # One line each (frontend.text): a file's name as uploaded, and two SHA-256 digests.
    file_name = SingleLineCharField(max_length=255, blank=True)
    file_digest = SingleLineCharField(max_length=64)
    state_digest = SingleLineCharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    plan = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "ESR import"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"ESR import {self.file_name or self.token} ({self.get_status_display()})"

    @property
    def status_words(self):
        """The status as the pages say it: a checked file that changes nothing is not
        waiting for anyone."""
        if self.status == self.Status.PLANNED and not self.total:
            return "Checked: nothing to change"
        return self.get_status_display()

    @property
    def finished(self):
        return self.status in {self.Status.APPLIED, self.Status.FAILED, self.Status.STALE}
