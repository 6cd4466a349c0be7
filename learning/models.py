"""The 70/20/10 catalogue: its vocabulary, development initiatives and bookmarks.

The vocabulary (70/20/10 categories, growth directions, impact levels) is data:
administrators edit labels and descriptions in the admin; code refers to each
term by its `slug`, which never changes. The careers app classifies Scope for
Growth placements and plans with the same rows.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from simple_history.models import HistoricalRecords

from frontend.text import SingleLineCharField
from people.consent import SharedWithManager
from people.models import Person

from . import search


class Vocabulary(models.Model):
    """A term of the shared vocabulary: a stable slug for code, words for people."""

    slug = models.SlugField(
        max_length=50, unique=True, help_text="Used by the code. Do not change it."
    )
    name = SingleLineCharField(max_length=100)
    description = models.TextField(max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class LearningCategory(Vocabulary):
    """One part of the 70/20/10 model, with its share of a person's learning."""

    EXPERIENCE = "experience"
    FROM_OTHERS = "learning-from-others"
    FORMAL = "formal-education"

    share_percent = models.PositiveSmallIntegerField(
        "share (percent)", validators=[MaxValueValidator(100)]
    )

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = "70/20/10 category"
        verbose_name_plural = "70/20/10 categories"


class GrowthDirection(Vocabulary):
    """A direction of career growth in the Scope for Growth framework."""

    DEPTH = "depth"
    BREADTH = "breadth"
    STRETCH = "stretch"

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = "growth direction"


class ImpactLevel(Vocabulary):
    """A level of the impact axis, as the facilitation guide's table arranges it."""

    CONSOLIDATING = "consolidating"
    DEVELOPING = "developing"
    PROVEN = "proven"

    class Colour(models.TextChoices):
        GREEN = "green", "Green"
        BLUE = "blue", "Blue"
        PURPLE = "purple", "Purple"

    colour = models.CharField(
        "colour area",
        max_length=10,
        choices=Colour.choices,
        help_text="The colour area of the career conversation framework this level maps to.",
    )
    guidance = models.TextField(
        max_length=2000, blank=True, help_text="What support suits people at this level."
    )

    history = HistoricalRecords()

    class Meta(Vocabulary.Meta):
        verbose_name = "impact level"


def split_list(value):
    """'a, b,,c ' -> ['a', 'b', 'c']: the stored form of bands, professions and tags."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def join_list(values):
    return ",".join(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))


@deconstructible
class ChoiceListValidator:
    """Every comma-separated part of the value is one of a Person field's choices."""

    def __init__(self, field, what):
        self.field = field
        self.what = what

    def __call__(self, value):
        allowed = dict(Person._meta.get_field(self.field).choices)
        wrong = [part for part in split_list(value) if part not in allowed]
        if wrong:
            raise ValidationError(
                f"Unknown {self.what}: {', '.join(wrong)}. Use {', '.join(allowed)}."
            )

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and (self.field, self.what) == (
            other.field,
            other.what,
        )


validate_pay_bands = ChoiceListValidator("pay_band", "pay band")
validate_professions = ChoiceListValidator("staff_group", "profession")


def list_contains_q(field, value):
    """A Q for a comma-separated list field that holds `value`, portable across databases."""
    return Q(**{f"{field}__regex": rf"(^|,){re.escape(value)}(,|$)"})


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Initiative.Status.PUBLISHED)

    def for_listing(self):
        """What a list of initiatives shows: a fixed number of queries, any length."""
        return self.select_related("category").prefetch_related("directions", "levels")

    def without_search(self):
        """Every column but the searched text (the folded columns and the vector), which
        no page shows: an initiative's page or form reads its own fields only."""
        return self.defer("search_vector", *search.COLUMNS)

    def for_cards(self):
        """What a catalogue card shows and no more (not the description or the
        search vector): a page of cards is one query of small rows."""
        return self.select_related("category").only(
            "title", "summary", "format", "online", "category__slug", "category__name",
            "category__share_percent",
        )  # fmt: skip

    def with_ratings(self):
        """Each initiative's average rating (`rating_average`, None when unrated) and
        number of ratings (`rating_count`), as subqueries in the same query: no
        grouping, so nothing else about the queryset changes."""
        from django.db.models import Avg, Count, OuterRef, Subquery
        from django.db.models.functions import Coalesce

        rated = Evaluation.objects.filter(initiative=OuterRef("pk")).order_by()
        rated = rated.values("initiative")
        return self.annotate(
            rating_average=Subquery(rated.annotate(average=Avg("rating")).values("average")),
            rating_count=Coalesce(
                Subquery(rated.annotate(n=Count("pk")).values("n")), models.Value(0)
            ),
        )


class Initiative(models.Model):
    """A development initiative of the 70/20/10 catalogue."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    class Format(models.TextChoices):
        SHADOWING = "shadowing", "Shadowing or observing"
        SECONDMENT = "secondment", "Secondment"
        PROJECT = "project", "Project or stretch goal"
        ACTING_UP = "acting_up", "Acting up"
        RESPONSIBILITY = "responsibility", "New responsibility"
        MENTORING = "mentoring", "Mentoring"
        COACHING = "coaching", "Coaching"
        BUDDYING = "buddying", "Buddying"
        ACTION_LEARNING = "action_learning", "Action learning set"
        NETWORK = "network", "Network or community of practice"
        KNOWLEDGE_SHARING = "knowledge_sharing", "Knowledge sharing"
        COURSE = "course", "Course or workshop"
        PROGRAMME = "programme", "Development programme"
        E_LEARNING = "e_learning", "E-learning"
        QUALIFICATION = "qualification", "Qualification"
        CONFERENCE = "conference", "Conference or event"
        WRITING = "writing", "Writing or presenting"
        READING = "reading", "Reading"

    class Cost(models.TextChoices):
        FREE = "free", "Free"
        FUNDED = "funded", "Funded by the organisation"
        SELF_FUNDED = "self_funded", "Self-funded"

    title = SingleLineCharField(max_length=200, error_messages={"blank": "Enter a title"})
    summary = SingleLineCharField(
        max_length=300,
        help_text="One or two sentences shown in search results.",
        error_messages={"blank": "Enter a summary"},
    )
    description = models.TextField(max_length=5000, blank=True)
    category = models.ForeignKey(
        LearningCategory,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name="70/20/10 category",
    )
    directions = models.ManyToManyField(
        GrowthDirection,
        blank=True,
        related_name="initiatives",
        verbose_name="growth directions",
        help_text="Leave empty if it suits every direction.",
    )
    levels = models.ManyToManyField(
        ImpactLevel,
        blank=True,
        related_name="initiatives",
        verbose_name="career levels",
        help_text="Leave empty if it suits every level.",
    )
    format = models.CharField(
        max_length=30, choices=Format.choices, error_messages={"blank": "Select a format"}
    )
    provider = SingleLineCharField(max_length=200, blank=True)
    duration = SingleLineCharField(
        max_length=100,
        blank=True,
        help_text="For example, 3 days, or 2 hours a month for 6 months.",
    )
    cost_type = models.CharField("cost", max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(
        "cost in pounds",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    location = SingleLineCharField(max_length=200, blank=True)
    online = models.BooleanField("available online", default=False)
    url = models.URLField("link", max_length=500, blank=True)
    pay_bands = SingleLineCharField(
        "pay bands",
        max_length=200,
        blank=True,
        validators=[validate_pay_bands],
        help_text="Empty means every band.",
    )
    professions = SingleLineCharField(
        max_length=300,
        blank=True,
        validators=[validate_professions],
        help_text="Empty means every profession.",
    )
    learning_outcomes = models.TextField(
        max_length=3000, blank=True, help_text="One outcome a line."
    )
    tags = SingleLineCharField(max_length=300, blank=True, help_text="Separate tags with commas.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner in the LED team",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The searched text, folded, filled on every save (see learning/search.py).
    search_title = models.TextField(blank=True, default="", editable=False)
    search_summary = models.TextField(blank=True, default="", editable=False)
    search_description = models.TextField(blank=True, default="", editable=False)
    # Filled on PostgreSQL only (see learning/search.py); empty elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_vector", *search.COLUMNS, "updated_at"],
        m2m_fields=[directions, levels],
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        # Lists by title (the admin's, LED's) read a page from here, not a sort.
        indexes = [models.Index(fields=["title", "id"], name="initiative_by_title")]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_amount__isnull=True) | Q(cost_amount__gte=0),
                name="initiative_cost_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for column, text in search.folded_columns(self).items():
            setattr(self, column, text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *search.COLUMNS}
        # One transaction: the catalogue's new stamp (a post_save signal) is seen by
        # others only with the new vector, so no stale search is cached under it.
        with transaction.atomic():
            super().save(*args, **kwargs)
            search.refresh_vectors(type(self).objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return reverse("learning:initiative-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.cost_type == self.Cost.FREE and self.cost_amount:
            raise ValidationError({"cost_amount": "Leave the cost empty for a free initiative"})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_retired(self):
        return self.status == self.Status.RETIRED

    @property
    def tag_list(self):
        return split_list(self.tags)

    @property
    def outcome_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    @property
    def pay_band_labels(self):
        labels = dict(Person.PayBand.choices)
        return [labels.get(band, band) for band in split_list(self.pay_bands)]

    @property
    def profession_labels(self):
        labels = dict(Person.StaffGroup.choices)
        return [labels.get(group, group) for group in split_list(self.professions)]


class Bookmark(models.Model):
    """An initiative a person saved for later. Theirs alone."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_bookmarks"
    )
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "initiative"], name="bookmark_once"),
        ]

    def __str__(self):
        return f"{self.person} saved {self.initiative}"


class CatalogueStamp(models.Model):
    """One row whose token changes whenever the catalogue does (a save, a delete, a
    change of directions or levels). Cached facet counts and result pages are keyed
    by it (learning/browse.py), so every process sees a change at once, whatever the
    cache backend. Bulk writes that skip signals call `browse.catalogue_changed()`.
    `ratings_token` changes with every evaluation: the drawn cards show ratings,
    the counts do not. `uptake_token` changes with what LED's management information
    counts beyond the catalogue (learning/uptake_stamp.py)."""

    token = models.CharField(max_length=32)
    ratings_token = models.CharField(max_length=32, blank=True)
    # Changes with anything LED's uptake figures count (learning/uptake_stamp.py).
    uptake_token = models.CharField(max_length=32, blank=True)

    def __str__(self):
        return self.token


class CPDEntry(SharedWithManager):
    """One learning intervention in a person's CPD log: from the catalogue or typed in."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_entries"
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cpd_entries",
        verbose_name="initiative from the catalogue",
    )
    title = SingleLineCharField("what you did", max_length=200)
    category = models.ForeignKey(
        LearningCategory,
        on_delete=models.PROTECT,
        related_name="cpd_entries",
        verbose_name="70/20/10 category",
    )
    started_on = models.DateField("start date")
    ended_on = models.DateField("end date", null=True, blank=True)
    hours = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("2000"))],
    )
    learned = models.TextField("what you learned", max_length=3000)
    apply = models.TextField("how you will apply it", max_length=3000, blank=True)
    done = models.BooleanField("finished", default=True)
    shared_with_manager = models.BooleanField("shared with your line manager", default=False)
    # Raised by every change: a save from a page (another tab) showing an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "CPD entry"
        verbose_name_plural = "CPD entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="cpd_entry_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="cpd_entry_hours_positive"),
        ]
        indexes = [models.Index(fields=["person", "started_on"])]

    shared_q = Q(shared_with_manager=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:cpd-detail", args=[self.pk])

    @property
    def is_shared(self):
        return self.shared_with_manager

    def share_title(self):
        return f"{self.title} (CPD log)"

    def share_again_url(self):
        return reverse("learning:cpd-edit", args=[self.pk])


def evidence_path(evidence, filename):
    """Stored under a random name: the person's file name is kept in `name` only."""
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    return f"learning/evidence/{evidence.entry.person_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file attached to a CPD entry. Served only to those who may read the entry."""

    entry = models.ForeignKey(CPDEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    name = SingleLineCharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.name


# Evaluation of learning (Kirkpatrick) --------------------------------------------------

FOLLOW_UP_AFTER_DAYS = 90
# A follow-up email that fails is tried again a day later, this many times in all.
FOLLOW_UP_MAX_ATTEMPTS = 3


class EvaluationQuerySet(models.QuerySet):
    def follow_ups_due(self, today):
        """Level-3 follow-ups that are due and not yet answered."""
        return self.filter(follow_up_due__lte=today, applied_at__isnull=True)


class Evaluation(models.Model):
    """A person's evaluation of learning from the catalogue, recorded once the CPD entry
    is finished: their reaction (Kirkpatrick level 1: a rating and a short review), what
    they learned against each learning outcome (level 2, `OutcomeAnswer`), and, about
    three months later, how they applied it (level 3: the follow-up)."""

    class Applied(models.TextChoices):
        OFTEN = "often", "Yes, often"
        SOMETIMES = "sometimes", "Yes, sometimes"
        NOT_YET = "not_yet", "Not yet"
        NOT_RELEVANT = "not_relevant", "No, it has not been relevant to my work"

    entry = models.OneToOneField(CPDEntry, on_delete=models.CASCADE, related_name="evaluation")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="evaluations"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    review = models.TextField(max_length=500, blank=True)
    # Raised by every change: a save from a page (another tab) showing an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    evaluated_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    follow_up_due = models.DateField(db_index=True)
    # The follow-up email: queued once (again only if it never went, at most
    # FOLLOW_UP_MAX_ATTEMPTS times in all), sent once; the last failure is kept.
    # `sending_at` is the task's claim, set before it talks to the mail server: with no
    # `sent_at` after it, the worker stopped mid-send and the email may have gone.
    follow_up_queued_at = models.DateTimeField(null=True, blank=True)
    follow_up_sending_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_attempts = models.PositiveSmallIntegerField(default=0)
    follow_up_failed_at = models.DateTimeField(null=True, blank=True)
    follow_up_error = SingleLineCharField(max_length=300, blank=True)
    applied_level = models.CharField(
        "used in your work", max_length=20, choices=Applied.choices, blank=True
    )
    applied = models.TextField("how you applied it", max_length=3000, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-evaluated_at", "-pk"]
        indexes = [models.Index(fields=["-evaluated_at", "-id"], name="evaluation_newest_first")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="evaluation_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Evaluation of {self.initiative} ({self.rating}/5)"

    @property
    def followed_up(self):
        return self.applied_at is not None

    @property
    def follow_up_email(self):
        """Where the follow-up email stands, in words for the admin."""
        if self.follow_up_sent_at:
            return "Sent"
        if self.follow_up_sending_at and self.follow_up_failed_at:
            return "May not have been sent: check before trying again"
        if self.follow_up_sending_at:
            return "Being sent"
        if self.follow_up_failed_at and self.follow_up_attempts >= FOLLOW_UP_MAX_ATTEMPTS:
            return f"Not sent: failed {self.follow_up_attempts} times, no more tries"
        if self.follow_up_failed_at:
            return f"Failed {self.follow_up_attempts} of {FOLLOW_UP_MAX_ATTEMPTS} tries"
        if self.follow_up_queued_at:
            return "Queued"
        return "Not queued yet"


class OutcomeAnswer(models.Model):
    """What a person learned against one of the initiative's learning outcomes. The
    outcome's words are kept as they were asked, since LED may reword them later."""

    class Achieved(models.TextChoices):
        FULLY = "fully", "Yes, fully"
        PARTLY = "partly", "Partly"
        NOT = "not", "No"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField()
    outcome = SingleLineCharField(max_length=500)
    achieved = models.CharField(max_length=10, choices=Achieved.choices)
    note = models.TextField("what you learned", max_length=500, blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "position"], name="outcome_answer_once_per_outcome"
            ),
        ]

    def __str__(self):
        return f"{self.outcome}: {self.get_achieved_display()}"
