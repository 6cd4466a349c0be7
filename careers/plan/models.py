"""The aspirational development plan: objectives, actions, progress and agreement."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frontend.text import SingleLineCharField


class DevelopmentPlan(models.Model):
    """A person's aspirational development plan for a year. They and their line
    manager write it together and both agree it; a change after agreement needs
    both to agree again (docs/adr/0014-plan-together.md)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not agreed yet"
        AGREED = "agreed", "Agreed"
        CHANGED = "changed", "Changed since it was agreed"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_plans"
    )
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_date = models.DateField(null=True, blank=True)
    # When both last agreed it; who agreed which version is in PlanAgreement.
    agreed_at = models.DateTimeField(null=True, blank=True)
    # The objectives as they stood when agreed, to show what changed since.
    agreed_snapshot = models.JSONField(default=dict, blank=True)
    # Rises with every change to the plan's content, so an agreement given to
    # an older version no longer counts and a stale "Agree" is refused.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="one_plan_a_year")]

    def __str__(self):
        return f"Development plan of {self.person} ({self.year})"


class PlanAgreement(models.Model):
    """One person's agreement to one version of a plan. Never edited."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="agreements")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    plan_version = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "agreed_by", "plan_version"], name="one_agreement_a_version"
            )
        ]

    def __str__(self):
        return f"{self.agreed_by} agreed version {self.plan_version} on {self.at:%d %B %Y}"


class Objective(models.Model):
    class Term(models.TextChoices):
        SHORT = "short", "Short term"
        LONG = "long", "Longer term"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Support(models.TextChoices):
        MENTORING = "mentoring", "Mentoring"
        COACHING = "coaching", "Coaching"
        BUDDY = "buddy", "A buddy"
        FUNDING = "funding", "Funding"
        TIME = "time", "Time"

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="objectives")
    term = models.CharField(max_length=5, choices=Term.choices)
    what = models.TextField(max_length=1000)
    why = models.TextField("why (the aspiration it serves)", max_length=1000)
    direction = models.ForeignKey(
        "learning.GrowthDirection", on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        "learning.LearningCategory", on_delete=models.PROTECT, related_name="+"
    )
    support = models.JSONField(default=list, blank=True)
    target_date = models.DateField()
    success_measure = models.TextField("how success will be measured", max_length=1000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term", "target_date", "pk"]

    def __str__(self):
        return self.what[:80]

    @property
    def support_labels(self):
        labels = dict(self.Support.choices)
        return [labels.get(value, value) for value in self.support]


class PlanAction(models.Model):
    """A step towards an objective, optionally an initiative from the catalogue."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    text = SingleLineCharField(max_length=500)
    initiative = models.ForeignKey(
        "learning.Initiative", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class ProgressUpdate(models.Model):
    """A dated note of progress on an objective, with its status then. Never edited."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Objective.Status.choices)
    note = models.TextField(max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} on {self.at:%d %B %Y}"
