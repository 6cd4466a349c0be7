"""The career conversation and the Scope for Growth placement it agrees."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frontend.text import SingleLineCharField

from ..journal.models import ANSWER_MAX_LENGTH


class Conversation(models.Model):
    """A career conversation between a person and their line manager."""

    class Adjustments(models.TextChoices):
        NOT_DISCUSSED = "", "Not discussed yet"
        NONE = "no", "No adjustments needed"
        NEEDED = "yes", "Adjustments needed"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_conversations"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField()
    adjustments = models.CharField(
        "reasonable adjustments", max_length=3, choices=Adjustments.choices, blank=True
    )
    adjustments_notes = models.TextField(blank=True, max_length=2000)
    # The manager's own preparation: never shown to the person.
    preparation = models.TextField(blank=True, max_length=ANSWER_MAX_LENGTH)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    # A wrongly dated record is cancelled, never deleted: its notes stay readable.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.TextField("why it was cancelled", blank=True, max_length=500)

    history = HistoricalRecords(excluded_fields=["preparation"])

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Career conversation with {self.person} on {self.held_on:%d %B %Y}"

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class ConversationNote(models.Model):
    """A note by either party at one stage of the conversation. Never edited."""

    class Stage(models.IntegerChoices):
        REFLECTION = 1, "Stage 1: personal reflection"
        SCOPE = 2, "Stage 2: career history and Scope for Growth"
        PLAN = 3, "Stage 3: aspirational development plan"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    text = models.TextField(max_length=ANSWER_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stage", "created_at", "pk"]

    def __str__(self):
        return f"Note by {self.author} at stage {self.stage}"


class Placement(models.Model):
    """Where a person sits on Scope for Growth this year, and where they aim to be
    in two years. Proposed by one party, agreed (or not) by the other."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Awaiting agreement"
        DISAGREED = "disagreed", "Not agreed"
        AGREED = "agreed", "Agreed"

    class Evidence(models.TextChoices):
        FEEDBACK_360 = "360", "360° feedback"
        ONE_TO_ONES = "one_to_ones", "One-to-one discussions"
        PERFORMANCE = "performance", "Performance"
        WORK_OUTPUTS = "work_outputs", "Work outputs against expected behaviours and competence"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placements"
    )
    year = models.PositiveSmallIntegerField()
    level = models.ForeignKey("learning.ImpactLevel", on_delete=models.PROTECT, related_name="+")
    direction = models.ForeignKey(
        "learning.GrowthDirection", on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(max_length=ANSWER_MAX_LENGTH)
    evidence_kinds = models.JSONField(default=list, blank=True)
    target_level = models.ForeignKey(
        "learning.ImpactLevel", on_delete=models.PROTECT, related_name="+"
    )
    target_direction = models.ForeignKey(
        "learning.GrowthDirection", on_delete=models.PROTECT, related_name="+"
    )
    target_reason = models.TextField("why", max_length=ANSWER_MAX_LENGTH)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_placement_per_year")
        ]

    def __str__(self):
        return f"{self.person}: {self.level} / {self.direction} ({self.year})"


class PlacementEvent(models.Model):
    """One step of a placement's workflow: who did what, when. Never edited."""

    class Action(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        REVISED = "revised", "Revised"
        AGREED = "agreed", "Agreed"
        DISAGREED = "disagreed", "Did not agree"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(blank=True, max_length=ANSWER_MAX_LENGTH)
    summary = SingleLineCharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%d %B %Y %H:%M}"
