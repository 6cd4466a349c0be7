"""People, the organisation tree, line management, roles and the read audit."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from frontend.text import SingleLineCharField

from .identity import STORED_EMAIL_PATTERN, normalise_email, validate_directory_email


class OrganisationUnit(MP_Node):
    """A node of the organisation tree: organisation → directorate → department → team.

    A materialised path (django-treebeard) keeps "this unit and everything
    below it" to a single indexed prefix query, whatever the depth.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        DIRECTORATE = "directorate", "Directorate"
        DEPARTMENT = "department", "Department"
        TEAM = "team", "Team"

    name = SingleLineCharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    node_order_by = ["name"]
    history = HistoricalRecords()

    class Meta:
        verbose_name = "organisation unit"

    def __str__(self):
        return self.name

    def subtree_q(self, prefix=""):
        """A Q for this unit and every unit below it; `prefix` reaches a unit, e.g. "unit__"."""
        return Q(**{f"{prefix}path__startswith": self.path})


def validate_date_of_leaving(value):
    """A date of leaving from 1 January 1950 to a year from today (notice is given ahead);
    raises ValidationError otherwise."""
    today = timezone.localdate()
    if value < date(1950, 1, 1) or value > today.replace(
        year=today.year + 1, day=min(today.day, 28)
    ):
        raise ValidationError(
            "The date of leaving must be after 1 January 1950 and within a year from today",
            code="implausible",
        )


class PersonManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return normalise_email(email)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A person needs an email address to sign in.")
        person = self.model(email=normalise_email(email), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        """The person signing in as `username`: an exact match of the normalised
        address (stored addresses are normalised), so the database's own case
        rules never decide who someone is. Raises Person.DoesNotExist."""
        return self.get(email=normalise_email(username))


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who works in the organisation, and signs in with their email."""

    class PayBand(models.TextChoices):
        BAND_1 = "1", "Band 1"
        BAND_2 = "2", "Band 2"
        BAND_3 = "3", "Band 3"
        BAND_4 = "4", "Band 4"
        BAND_5 = "5", "Band 5"
        BAND_6 = "6", "Band 6"
        BAND_7 = "7", "Band 7"
        BAND_8A = "8a", "Band 8a"
        BAND_8B = "8b", "Band 8b"
        BAND_8C = "8c", "Band 8c"
        BAND_8D = "8d", "Band 8d"
        BAND_9 = "9", "Band 9"
        MEDICAL = "medical", "Medical and dental pay scale"
        OTHER = "other", "Other or local terms"

    class StaffGroup(models.TextChoices):
        """ESR staff groups, used for a person's profession."""

        SCIENTIFIC = "scientific", "Additional professional scientific and technical"
        CLINICAL_SERVICES = "clinical_services", "Additional clinical services"
        ADMIN = "admin", "Administrative and clerical"
        AHP = "ahp", "Allied health professionals"
        ESTATES = "estates", "Estates and ancillary"
        HEALTHCARE_SCIENCE = "healthcare_science", "Healthcare scientists"
        MEDICAL = "medical", "Medical and dental"
        NURSING = "nursing", "Nursing and midwifery registered"
        STUDENTS = "students", "Students"

    # Stored normalised (people.identity): unique on the identity, not the spelling.
    email = models.EmailField("email address", unique=True, validators=[validate_directory_email])
    given_name = SingleLineCharField(max_length=150)
    family_name = SingleLineCharField(max_length=150)
    job_title = SingleLineCharField(max_length=200, blank=True)
    pay_band = models.CharField(max_length=10, choices=PayBand.choices, blank=True)
    staff_group = models.CharField(
        "profession (staff group)", max_length=30, choices=StaffGroup.choices, blank=True
    )
    assignment_number = SingleLineCharField(
        "ESR assignment number",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text="The staff/assignment number as held in ESR.",
    )
    # ESR's "Employee Number": the person's, shared by all their assignments. Digits
    # only, kept as text so leading zeros survive; the ESR export needs it.
    employee_number = SingleLineCharField(
        "ESR employee number",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"\A[0-9]+\Z",
                "Enter the ESR employee number using only the digits 0 to 9",
                code="invalid",
            )
        ],
        help_text="The person's employee number as held in ESR: digits only.",
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    line_manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
    )
    is_active = models.BooleanField(default=True)
    # When the person left the organisation (set with is_active False, by hand or by an
    # ESR import); the retention rules count a leaver's years from it (privacy/retention).
    left_on = models.DateField(
        "date of leaving",
        null=True,
        blank=True,
        help_text="Set when the person leaves; their records are kept for a time after it.",
        validators=[validate_date_of_leaving],
    )
    is_staff = models.BooleanField(
        "administrator",
        default=False,
        help_text="Can sign in to the administration site.",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["given_name", "family_name"]

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["family_name", "given_name"]
        # Lists of people by name read a page from here instead of sorting everyone.
        indexes = [models.Index(fields=["family_name", "given_name", "id"], name="person_by_name")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(line_manager=models.F("pk")),
                name="person_not_own_line_manager",
            ),
            # Lower-case ASCII only, so no two stored addresses are look-alikes
            # and the exact sign-in lookup is the same on every database.
            models.CheckConstraint(
                condition=Q(email__regex=STORED_EMAIL_PATTERN),
                name="person_email_normalised",
                violation_error_message=(
                    "Enter an email address using only the letters a to z, numbers and "
                    "symbols such as . - _ and @"
                ),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip() or self.email

    def get_absolute_url(self):
        return reverse("person-detail", args=[self.pk])

    @classmethod
    def normalize_username(cls, username):
        return normalise_email(username)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.given_name

    def clean(self):
        super().clean()  # normalises the email through normalize_username
        if self.line_manager_id and self._manages_through_chain(self.line_manager):
            raise ValidationError(
                {"line_manager": "A person cannot be line managed by someone they manage."}
            )

    def _manages_through_chain(self, manager):
        """True if `manager` is this person or reports (at any depth) to them."""
        seen = set()
        while manager is not None and manager.pk not in seen:
            if manager.pk == self.pk:
                return True
            seen.add(manager.pk)
            manager = manager.line_manager
        return False


class HRScope(models.Model):
    """The units (and everything below them) an HR person looks after."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hr_scopes")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.CASCADE, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "HR scope"
        constraints = [
            models.UniqueConstraint(fields=["person", "unit"], name="hr_scope_unique"),
        ]

    def __str__(self):
        return f"{self.person} — {self.unit}"


class RecordView(models.Model):
    """A read of one person's record by someone else. Written once, never edited."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="record_views_made"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_views"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    viewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "-viewed_at"])]

    def __str__(self):
        return f"{self.viewer} viewed {self.subject} ({self.content_type}) at {self.viewed_at}"


class ThrottleCount(models.Model):
    """How often one key was used in one fixed window (people.throttle). The key is
    a keyed digest, never the address or client address itself."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="throttle_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.scope}: {self.count} since {self.window_start}"


# Held apart from Person so that no query of people carries them (docs/adr/0033).
from .equality.models import EqualityInformation  # noqa: E402, F401
from .esr_import.models import EsrColumnMapping, EsrImportRun  # noqa: E402, F401
