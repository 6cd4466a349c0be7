"""Reading and saving a person's own equality monitoring answers. Nobody else's are
read here: the equality view counts them (appraisals/reports/equality.py)."""

from django.db import transaction
from django.utils import timezone

from .models import EqualityInformation


def answers_of(person):
    """`person`'s saved answers, or None when they have given none."""
    return EqualityInformation.objects.filter(person=person).first()


@transaction.atomic
def save_answers(person, **answers):
    """Save `person`'s own answers (EqualityInformation's fields; blank means not
    given). Nothing is kept when every answer is blank: the row is removed."""
    if not any(answers.values()):
        EqualityInformation.objects.filter(person=person).delete()
        return None
    found, _ = EqualityInformation.objects.update_or_create(
        person=person, defaults={**answers, "updated_at": timezone.now()}
    )
    return found


def remove_answers(person):
    """Forget every answer `person` gave."""
    EqualityInformation.objects.filter(person=person).delete()
