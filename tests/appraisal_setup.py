"""Appraisals built for the appraisal topic's tests: a cycle and an appraisal made
directly (the cycles topic opens cycles for real), and helpers that walk one
through its states by the services."""

from datetime import date

from django.utils import timezone

from appraisals.appraisal import parts, services
from appraisals.appraisal.content import content_hash
from appraisals.models import Appraisal, AppraisalCycle, RatingLevel
from careers.journal.services import appraisal_year


def cycle(year=None, units=(), name=None):
    year = year or appraisal_year()
    made = AppraisalCycle.objects.create(
        name=name or f"Appraisals {year} to {year + 1}", year=year,
        opens_on=date(year, 4, 1), closes_on=date(year + 1, 3, 31),
        status=AppraisalCycle.Status.OPEN,
    )  # fmt: skip
    made.units.set(units)
    return made


def appraisal(person, appraiser=None, year=None, the_cycle=None):
    return Appraisal.objects.create(
        cycle=the_cycle or cycle(year, [person.unit] if person.unit_id else ()),
        person=person,
        appraiser=appraiser if appraiser is not None else person.line_manager,
    )


def fresh(a):
    return Appraisal.objects.get(pk=a.pk)


def prepared(a, text="I led the audit."):
    """Started, self-assessment written and submitted: the manager is writing."""
    person = a.person
    a = services.start_preparing(appraisal=a, by=person)
    a = parts.save_self_assessment(appraisal=a, by=person, version=a.version, text=text)
    return services.submit_self_assessment(appraisal=a, by=person, version=a.version)


def held_on(year):
    """A meeting date in the appraisal year that has taken place: 1 June, or today if
    that is still to come (signing waits for the meeting, appraisals/appraisal/dates.py)."""
    return min(date(year, 6, 1), timezone.localdate())


def written(a, outcome="meets"):
    """Prepared, then the manager's part written and submitted: awaiting the person."""
    return manager_part(prepared(a), outcome)


def manager_part(a, outcome="meets"):
    """The appraiser's part of `a` (the manager writing) written and submitted."""
    manager, person = a.appraiser, a.person
    a = parts.save_manager_assessment(appraisal=a, by=manager, version=a.version,
                                      text="A strong year.")  # fmt: skip
    a = parts.save_dates(appraisal=a, by=manager, version=a.version,
                         meeting_date=held_on(a.cycle.year),
                         next_review_date=date(a.cycle.year, 12, 1))  # fmt: skip
    rating = RatingLevel.objects.filter(active=True).first()
    for discussion in a.values.all():
        a = parts.save_value(discussion=discussion, by=manager, version=fresh(a).version,
                             examples="Kind to patients", rating=rating)  # fmt: skip
    a = fresh(a)
    a = parts.save_pay_progression(appraisal=a, by=person, version=a.version,
                                   training_confirmed=True)  # fmt: skip
    a = parts.save_pay_progression(appraisal=a, by=manager, version=a.version, outcome=outcome,
                                   reason="Training overdue", training_confirmed=True)  # fmt: skip
    return services.submit_manager_assessment(appraisal=a, by=manager, version=a.version)


def signed_by(a, who):
    a = fresh(a)
    return services.sign(appraisal=a, by=who, version=a.version, content_hash=content_hash(a))


def complete(a):
    a = written(a)
    a = signed_by(a, a.person)
    return signed_by(a, a.appraiser)
