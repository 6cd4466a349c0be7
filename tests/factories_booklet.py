"""Appraisals made directly with the models, for the booklet's tests and the bench:
values rated, last year's objectives reviewed, this year's objectives, well-being,
pay progression, both assessments and both signatures."""

from datetime import date, timedelta

from django.utils import timezone

from appraisals.models import (
    Appraisal,
    AppraisalCycle,
    AppraisalEvent,
    AppraisalObjective,
    ObjectiveReview,
    OrganisationValue,
    RatingLevel,
    Signature,
    ValueDiscussion,
)
from careers.journal import services as journal_services


def cycle_for(unit, year=None, name=None):
    year = year or journal_services.appraisal_year()
    cycle = AppraisalCycle.objects.create(
        name=name or f"Appraisals {year} to {year + 1}",
        year=year,
        opens_on=date(year, 4, 1),
        closes_on=date(year + 1, 3, 31),
        status=AppraisalCycle.Status.OPEN,
    )
    cycle.units.add(unit)
    return cycle


def appraisal_for(person, *, cycle=None, status=Appraisal.Status.PREPARING, **fields):
    cycle = cycle or cycle_for(person.unit)
    return Appraisal.objects.create(
        cycle=cycle, person=person, appraiser=person.line_manager, status=status, **fields
    )


def fill(appraisal, *, objectives=3, reviews=2, text=None):
    """Write every part of `appraisal` as both people would (the values rated)."""
    rating = RatingLevel.objects.order_by("-order").first()
    ValueDiscussion.objects.bulk_create(
        ValueDiscussion(
            appraisal=appraisal,
            value=value,
            examples=text or f"Showed {value.name.lower()} with the clinic's patients.",
            rating=rating,
        )
        for value in OrganisationValue.objects.filter(active=True)
    )
    ObjectiveReview.objects.bulk_create(
        ObjectiveReview(
            appraisal=appraisal,
            what=f"Last year's objective {n}",
            outcome=AppraisalObjective.Outcome.MET,
            comment=f"Met in full, review comment {n}",
            order=n,
        )
        for n in range(1, reviews + 1)
    )
    AppraisalObjective.objects.bulk_create(
        AppraisalObjective(
            appraisal=appraisal,
            what=f"Objective {n}: run the Tuesday clinic list",
            measure=f"Measure {n}: waiting times under 18 weeks",
            due_by=date(appraisal.cycle.year + 1, 3, 1),
            supports="Outpatients recovery plan",
            order=n,
        )
        for n in range(1, objectives + 1)
    )
    now = timezone.now()
    Appraisal.objects.filter(pk=appraisal.pk).update(
        self_assessment=text or "I led the clinic move and trained two new colleagues.",
        self_submitted_at=now - timedelta(days=3),
        manager_assessment="A strong year: the clinic move went smoothly.",
        manager_submitted_at=now - timedelta(days=2),
        meeting_date=timezone.localdate() - timedelta(days=2),
        next_review_date=timezone.localdate() + timedelta(days=180),
        wellbeing_held=True,
        pay_progression=Appraisal.PayProgression.MEETS,
        training_confirmed_by_person=True,
        training_confirmed_by_manager=True,
    )
    appraisal.refresh_from_db()
    return appraisal


def sign(appraisal, signer, role, *, when=None):
    return Signature.objects.create(
        appraisal=appraisal,
        signer=signer,
        role=role,
        name=signer.full_name,
        job_title=signer.job_title,
        appraisal_version=appraisal.version,
        content_hash="0" * 64,
        signed_at=when or timezone.now(),
    )


def complete(appraisal, *, snapshot=None):
    """Both signatures, the career snapshot and the status "complete"."""
    sign(appraisal, appraisal.person, Signature.Role.PERSON)
    sign(appraisal, appraisal.appraiser, Signature.Role.APPRAISER)
    Appraisal.objects.filter(pk=appraisal.pk).update(
        status=Appraisal.Status.COMPLETE,
        completed_at=timezone.now(),
        career_snapshot=snapshot if snapshot is not None else {},
    )
    AppraisalEvent.objects.create(
        appraisal=appraisal,
        actor=appraisal.appraiser,
        action="signed",
        from_status=Appraisal.Status.AWAITING_MANAGER,
        to_status=Appraisal.Status.COMPLETE,
    )
    appraisal.refresh_from_db()
    return appraisal


def complete_appraisal(person, **fill_options):
    """A complete appraisal of `person` (who needs a line manager), written in full."""
    appraisal = appraisal_for(person)
    fill(appraisal, **fill_options)
    return complete(appraisal)
