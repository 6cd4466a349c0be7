"""The reflection journal: a versioned question bank and each person's answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frontend.text import SingleLineCharField
from people.consent import SharedWithManager

ANSWER_MAX_LENGTH = 4000


class QuestionBank(models.Model):
    """One version of the reflection-journal questions.

    A journal keeps the version it was started on; publishing a new version
    never changes an existing journal's questions or answers.
    """

    version = models.PositiveIntegerField(unique=True)
    notes = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = "question bank version"

    def __str__(self):
        state = "published" if self.published_at else "draft"
        return f"Question bank version {self.version} ({state})"

    @property
    def is_published(self):
        return self.published_at is not None


class JournalSection(models.Model):
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="sections")
    key = models.SlugField(max_length=60, help_text="Stable across versions; used in links.")
    stage = models.PositiveSmallIntegerField(choices=[(1, "Stage 1"), (2, "Stage 2")])
    title = SingleLineCharField(max_length=200)
    intro = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    sensitive = models.BooleanField(
        default=False,
        help_text="Asks for confirmation before sharing and is never included elsewhere "
        "unless the person says so (health and well-being).",
    )

    class Meta:
        ordering = ["bank", "order"]
        constraints = [
            models.UniqueConstraint(fields=["bank", "key"], name="section_key_unique_in_bank")
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        SCALE = "scale", "0 to 10 scale with follow-up answers"
        CHOICE = "choice", "Choice, with room to say more"

    section = models.ForeignKey(JournalSection, on_delete=models.PROTECT, related_name="questions")
    key = models.SlugField(
        max_length=60, help_text="Stable across versions for the same question."
    )
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    hint = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(default=list, blank=True, help_text='[["value", "Label"], …]')
    follow_ups = models.JSONField(default=list, blank=True, help_text="Labels of follow-ups.")
    marks_adjustments = models.BooleanField(
        default=False, help_text="The answer says whether reasonable adjustments are needed."
    )
    retired = models.BooleanField(default=False, help_text="Kept for old journals, not asked.")

    class Meta:
        ordering = ["section", "order"]

    def __str__(self):
        return self.text


class Journal(models.Model):
    """A person's reflection journal for one appraisal year (April to March)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        READY = "ready", "Ready for the conversation"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journals"
    )
    year = models.PositiveSmallIntegerField(help_text="The year the appraisal year starts in.")
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="journals")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    ready_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_journal_per_year")
        ]

    def __str__(self):
        return f"{self.person} — {self.year_label}"

    @property
    def year_label(self):
        return f"{self.year} to {self.year + 1}"


class SectionState(SharedWithManager):
    """Where a person is with one section, and whether their manager may read it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="section_states")
    section = models.ForeignKey(JournalSection, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(
        null=True, blank=True, help_text="Shared with the line manager since; empty = private."
    )
    include_elsewhere = models.BooleanField(
        default=False,
        help_text="For a sensitive section: the person agreed it may appear in other "
        "documents such as the appraisal booklet.",
    )

    history = HistoricalRecords()

    owner_path = "journal__person"
    shared_q = Q(shared_at__isnull=False)
    share_related = ("journal", "section")

    class Meta:
        ordering = ["section__order"]
        constraints = [
            models.UniqueConstraint(fields=["journal", "section"], name="one_state_per_section"),
            models.CheckConstraint(
                condition=~Q(include_elsewhere=True, shared_at__isnull=True),
                name="only_shared_sections_appear_elsewhere",
            ),
        ]

    def __str__(self):
        return f"{self.journal} — {self.section}"

    @property
    def is_shared(self):
        return self.shared_at is not None

    def share_title(self):
        return f"{self.section.title} (reflection journal {self.journal.year_label})"

    def share_again_url(self):
        from django.urls import reverse

        return reverse("journal-section", args=[self.journal.year, self.section.key])


class Answer(models.Model):
    """One answer. `version` rises with every save, so a stale save can be refused."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True, max_length=ANSWER_MAX_LENGTH)
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = SingleLineCharField(max_length=40, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["journal", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"Answer to {self.question_id} in {self.journal_id}"

    @property
    def is_blank(self):
        return not (
            self.text.strip()
            or self.choice
            or self.scale_value is not None
            or any(self.follow_ups)
        )


# The career conversation -----------------------------------------------------


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


# The aspirational development plan --------------------------------------------


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
