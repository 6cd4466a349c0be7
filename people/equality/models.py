"""The equality monitoring answers a person gives about themselves.

Kept in their own table, one row a person, so no query of people ever carries them:
only the person's own page (people/equality/views.py), the equality view's counts and
the admin (both for holders of `people.view_equality_information`) read them.

Every answer is optional; blank means "not given", and each has "Prefer not to say".
Sources: ethnic category, NHS Data Dictionary ETHNIC CATEGORY (the 16 codes of the
2001 census, as ESR holds them and NHS England's WRES groups them; "Z" is "not
stated", asked and declined); sex as ESR holds it (female, male); disability as the
WDES asks it ("Do you consider yourself to have a disability?")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"
VIEW_PERMISSION = "people.view_equality_information"

# (code, label, WRES group) from the NHS Data Dictionary's ETHNIC CATEGORY.
ETHNIC_CATEGORIES = [
    ("A", "White: English, Welsh, Scottish, Northern Irish or British", "white"),
    ("B", "White: Irish", "white"),
    ("C", "White: any other White background", "white"),
    ("D", "Mixed: White and Black Caribbean", "mixed"),
    ("E", "Mixed: White and Black African", "mixed"),
    ("F", "Mixed: White and Asian", "mixed"),
    ("G", "Mixed: any other mixed background", "mixed"),
    ("H", "Asian or Asian British: Indian", "asian"),
    ("J", "Asian or Asian British: Pakistani", "asian"),
    ("K", "Asian or Asian British: Bangladeshi", "asian"),
    ("L", "Asian or Asian British: any other Asian background", "asian"),
    ("M", "Black or Black British: Caribbean", "black"),
    ("N", "Black or Black British: African", "black"),
    ("P", "Black or Black British: any other Black background", "black"),
    ("R", "Other ethnic group: Chinese", "other"),
    ("S", "Other ethnic group: any other ethnic group", "other"),
]
ETHNICITY_NOT_STATED = "Z"  # the Data Dictionary's code for "asked and declined"
ETHNIC_GROUPS = [
    ("white", "White"),
    ("mixed", "Mixed"),
    ("asian", "Asian or Asian British"),
    ("black", "Black or Black British"),
    ("other", "Other ethnic group"),
]


class EqualityInformation(models.Model):
    """One person's equality monitoring answers; every field blank until they answer."""

    class Disability(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL

    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="equality_information",
    )
    ethnicity = models.CharField(
        "ethnic group",
        max_length=1,
        blank=True,
        choices=[(code, label) for code, label, _ in ETHNIC_CATEGORIES]
        + [(ETHNICITY_NOT_STATED, PREFER_NOT_LABEL)],
    )
    disability = models.CharField(max_length=10, blank=True, choices=Disability.choices)
    sex = models.CharField(max_length=10, blank=True, choices=Sex.choices)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_withheld = models.BooleanField("prefers not to give a date of birth",
                                                 default=False)  # fmt: skip
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "equality information"
        verbose_name_plural = "equality information"
        # No add/change/delete for anyone: people give their own answers on their page.
        default_permissions = ()
        permissions = [
            ("view_equality_information",
             "Can see equality monitoring information and the equality view's figures"),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(
                condition=~Q(date_of_birth__isnull=False, date_of_birth_withheld=True),
                name="equality_birth_date_given_or_withheld",
            )
        ]

    def __str__(self):
        return f"Equality information of person {self.person_id}"
