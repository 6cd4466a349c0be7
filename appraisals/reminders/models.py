"""Reminder emails: what went to whom each week, and each person's choice of a weekly
digest (docs/adr/0032-reminders.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from frontend.text import SingleLineCharField


class ReminderKind(models.TextChoices):
    """What a reminder is about. One email a person a run gathers every kind due."""

    CYCLE_CLOSING = "cycle_closing", "Appraisal cycle closing soon"
    APPRAISAL_OVERDUE = "appraisal_overdue", "Appraisal overdue"
    PLACEMENT_OVERDUE = "placement_overdue", "Scope for Growth placement waiting to be agreed"
    PLAN_REVIEW_OVERDUE = "plan_review_overdue", "Development plan review overdue"
    FOLLOW_UP_OVERDUE = "follow_up_overdue", "Learning follow-up unanswered"


class ReminderSent(models.Model):
    """One reminder of one kind to one person in one week (`week` is the Monday of the
    ISO week). The row is written before the email is sent (the claim: the unique
    constraint makes a second run, or a parallel one, send nothing); `sent_at` after
    the mail server took it; a failure is recorded and not tried again that week.
    A claim with neither means sending stopped part-way: it may have gone."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    week = models.DateField("week beginning")
    items = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    error = SingleLineCharField(max_length=300, blank=True)
    # Which run claimed the row, so the run reads back exactly the rows it won.
    run = models.UUIDField(db_index=True, editable=False)

    class Meta:
        ordering = ["-week", "person", "kind"]
        indexes = [models.Index(fields=["-week"], name="reminder_sent_newest_week")]
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "week"], name="one_reminder_a_kind_a_week"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.person} (week of {self.week:%-d %B %Y})"

    @property
    def outcome(self):
        """Where this reminder stands, in words for the admin."""
        if self.sent_at:
            return "Sent"
        if self.failed_at:
            return f"Not sent: {self.error}"
        return "May not have been sent: sending stopped part-way"


class ReminderPreference(models.Model):
    """How a person wants their reminders: as each falls due (the default), or all in one
    email a week on REMINDER_DIGEST_WEEKDAY."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    weekly_digest = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Reminders for {self.person}: {'weekly' if self.weekly_digest else 'when due'}"
