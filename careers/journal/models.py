"""The reflection journal: a versioned question bank and each person's answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frontend.text import SingleLineCharField
from people.consent import SharedWithManager

from .question_checks import CHOICE_VALUE_MAX_LENGTH, question_errors

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

    def clean(self):
        """A question's choices and follow-ups in the shapes the journal reads them
        (careers/journal/forms.py): a choice question's options as [value, label]
        pairs, a scale question's follow-ups as labels. Raises ValidationError naming
        the field, in plain words, so a draft bank never holds what a journal or the
        published bank's page could not show."""
        errors = question_errors(self)
        if errors:
            raise ValidationError(errors)


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
    """One answer: its latest text. `version` rises with every save, so a stale save can
    be refused. The text each earlier sitting ended with is kept as an AnswerVersion
    (careers/journal/versions.py, docs/adr/0053-journal-answer-versions.md); `sitting`
    and `sitting_started_at` say which sitting wrote the text here."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True, max_length=ANSWER_MAX_LENGTH)
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = SingleLineCharField(max_length=CHOICE_VALUE_MAX_LENGTH, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    sitting = models.CharField(
        max_length=16, blank=True, help_text="A keyed digest of the session that saved it."
    )
    sitting_started_at = models.DateTimeField(
        null=True, blank=True, help_text="When that sitting first changed this answer."
    )

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


class AnswerVersion(models.Model):
    """An earlier text of an answer: what one sitting left it as, kept when a later
    sitting changed it (careers/journal/versions.py). Deleted with its answer, so with
    its journal (retention) and its person (erasure)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="earlier_versions")
    version = models.PositiveIntegerField(help_text="The answer's version when saved so.")
    text = models.TextField(blank=True, max_length=ANSWER_MAX_LENGTH)
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = SingleLineCharField(max_length=CHOICE_VALUE_MAX_LENGTH, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When its sitting began; empty if not known."
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["answer", "version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="one_kept_text_a_version")
        ]

    def __str__(self):
        return f"Version {self.version} of {self.answer}"
