"""Demo equality monitoring answers, so the demo's equality view shows figures (called
by people.demo.seed_demo_organisation; idempotent). Invented answers, spread so that
some groups are large enough to show and some are hidden as small."""

from datetime import date

from django.contrib.auth.models import Permission

from .models import PREFER_NOT, EqualityInformation

# Repeated over the demo people in order: about half White British, then the other
# groups; every tenth person prefers not to say, and every fifteenth gives nothing.
ETHNICITIES = "AANAHAJACANHAAKAMAB"
SEXES = "FFMFFMFF"
DISABILITY = ["no", "no", "no", "yes", "no", "no", "no"]


def seed_equality(people, hr):
    """Give `hr` the equality permission and each of `people` (Persons, in a stable
    order) demo answers."""
    hr.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="people", codename="view_equality_information"
        )  # fmt: skip
    )
    for n, person in enumerate(people):
        if n % 15 == 14:
            EqualityInformation.objects.filter(person=person).delete()
            continue
        withheld = n % 10 == 9
        EqualityInformation.objects.update_or_create(person=person, defaults={
            "ethnicity": "Z" if withheld else ETHNICITIES[n % len(ETHNICITIES)],
            "sex": PREFER_NOT if withheld else SEXES[n % len(SEXES)],
            "disability": PREFER_NOT if withheld else DISABILITY[n % len(DISABILITY)],
            "date_of_birth": None if withheld else date(1962 + (n * 7) % 40, 1 + n % 12, 10),
            "date_of_birth_withheld": withheld,
        })  # fmt: skip
