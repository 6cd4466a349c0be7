"""The values-based appraisal: what both people write, its states and its signatures.

Seed 000 names the Values Based Appraisal Recording Booklet; seed 002 asks for
objectives aligned to team and service plans. The organisation's values and the
rating scale are data (Django admin); the NHS Constitution's six values ship as
the example set (migration 0002)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from frontend.text import SingleLineCharField

TEXT_MAX_LENGTH = 4000


class OrganisationValue(models.Model):
    """One of the organisation's values, with the behaviours that show it."""

    name = SingleLineCharField(max_length=120, unique=True)
    description = models.TextField(blank=True, max_length=1000)
    behaviours = models.TextField(
        blank=True, max_length=2000, help_text="Examples of behaviours that show this value."
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "organisation value"

    def __str__(self):
        return self.name


class RatingLevel(models.Model):
    """One point of the scale a value is rated on, lowest `order` first."""

    label = SingleLineCharField(max_length=80, unique=True)
    description = models.TextField(blank=True, max_length=500)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class Appraisal(models.Model):
    """One person's appraisal in one cycle, written by them and their appraiser
    (their line manager). States move only through appraisals/appraisal/services.py."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        PREPARING = "preparing", "Person preparing"
        MANAGER_WRITING = "manager_writing", "Manager writing"
        AWAITING_PERSON = "awaiting_person", "Awaiting the person's sign-off"
        AWAITING_MANAGER = "awaiting_manager", "Awaiting the manager's sign-off"
        COMPLETE = "complete", "Complete"
        LEFT = "left", "Closed: left the organisation"

    class PayProgression(models.TextChoices):
        NOT_DECIDED = "", "Not decided yet"
        MEETS = "meets", "Meets the requirements for the next pay step"
        NOT_MET = "not_met", "Does not meet the requirements yet"
        NOT_APPLICABLE = "not_applicable", "Not applicable (not on Agenda for Change pay)"

    cycle = models.ForeignKey(
        "appraisals.AppraisalCycle", on_delete=models.PROTECT, related_name="appraisals"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appraisals"
    )
    appraiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisals_to_write",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    self_assessment = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    manager_assessment = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    manager_submitted_at = models.DateTimeField(null=True, blank=True)

    meeting_date = models.DateField(null=True, blank=True)
    next_review_date = models.DateField(null=True, blank=True)

    # Whether a well-being conversation was held; its content is the person's own
    # and appears only if they add it themselves.
    wellbeing_held = models.BooleanField(null=True, blank=True)
    wellbeing_note = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)

    pay_progression = models.CharField(
        max_length=20, choices=PayProgression.choices, blank=True, default=""
    )
    pay_progression_reason = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    training_confirmed_by_person = models.BooleanField(default=False)
    training_confirmed_by_manager = models.BooleanField(default=False)

    # The placement and plan as they stood at the first signature: a signed
    # appraisal shows what was signed, not what the career record says today.
    career_snapshot = models.JSONField(default=dict, blank=True)

    # Why the sealed booklet could not be made (the seal_booklet task failed or was given
    # up, frontend/worker.py); cleared when a booklet is sealed. The page then offers
    # the booklet unsealed instead of waiting for ever.
    seal_error = models.CharField(max_length=500, blank=True)

    # Rises with every change to the content, so a stale save or signature is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cycle", "person"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="one_appraisal_a_cycle"),
        ]
        indexes = [models.Index(fields=["appraiser", "status"], name="appraisal_appraiser_idx")]

    def __str__(self):
        return f"Appraisal of {self.person} ({self.cycle})"

    @property
    def is_closed(self):
        return self.status in (self.Status.COMPLETE, self.Status.LEFT)


class ValueDiscussion(models.Model):
    """For one value: the behaviours and examples discussed and the agreed rating."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="values")
    value = models.ForeignKey(OrganisationValue, on_delete=models.PROTECT, related_name="+")
    examples = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    rating = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["value__order", "value__pk"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "value"], name="one_discussion_a_value")
        ]

    def __str__(self):
        return f"{self.value} in {self.appraisal}"


class AppraisalObjective(models.Model):
    """An objective agreed for the year ahead (seed 002: aligned to team and service plans)."""

    class Outcome(models.TextChoices):
        NOT_REVIEWED = "", "Not reviewed yet"
        MET = "met", "Met"
        PARTLY_MET = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objectives")
    what = models.TextField(max_length=1000)
    measure = models.TextField("how it will be measured", blank=True, max_length=1000)
    due_by = models.DateField("by when", null=True, blank=True)
    supports = SingleLineCharField(
        "team or service objective it supports", max_length=300, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.what[:80]


class ObjectiveReview(models.Model):
    """Last year's objective, reviewed in this appraisal: copied from last year's
    appraisal when there is one (so that a later edit there changes nothing here)."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.CASCADE, related_name="objective_reviews"
    )
    source = models.ForeignKey(
        AppraisalObjective, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    what = models.TextField(max_length=1000)
    outcome = models.CharField(
        max_length=12, choices=AppraisalObjective.Outcome.choices, blank=True, default=""
    )
    comment = models.TextField(blank=True, max_length=2000)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"Review of {self.what[:60]}"


class Signature(models.Model):
    """A signed-in person's confirmation of one version of an appraisal. A change
    after signing clears it (`cleared_at`); it is never deleted."""

    class Role(models.TextChoices):
        PERSON = "person", "Appraisee"
        APPRAISER = "appraiser", "Appraiser"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    name = SingleLineCharField(max_length=300)
    job_title = SingleLineCharField(max_length=200, blank=True)
    appraisal_version = models.PositiveIntegerField()
    # SHA-256 of the content the signer saw (appraisals/appraisal/services.py).
    content_hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "role"],
                condition=Q(cleared_at__isnull=True),
                name="one_live_signature_a_role",
            )
        ]

    def __str__(self):
        return (
            f"Signed by {self.name} ({self.get_role_display()}) at {self.signed_at:%d %B %Y %H:%M}"
        )


class AppraisalEvent(models.Model):
    """One step in an appraisal's life (a transition, a move to a new appraiser, a
    reopening with its reason). Written once, never edited."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    detail = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} at {self.at:%d %B %Y %H:%M}"
