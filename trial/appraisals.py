"""An appraisal cycle a year over the whole organisation, with appraisals in every state.

Past cycles are closed with most appraisals complete; the current one is open with
appraisals spread over every status. Each appraisal carries what its status implies
(assessments submitted, the meeting, pay progression, live signatures), as
appraisals/appraisal/services.py would have left it. Appraisal events are not
generated (the page shows none); see docs/adr/0039-generated-organisation.md.
"""

import hashlib
from datetime import date, datetime, timedelta

from django.utils import timezone

from appraisals.models import Appraisal, AppraisalCycle, CycleRun, Signature

from . import words

BATCH = 2000
S = Appraisal.Status
ORDER = [
    S.NOT_STARTED,
    S.PREPARING,
    S.MANAGER_WRITING,
    S.AWAITING_PERSON,
    S.AWAITING_MANAGER,
    S.COMPLETE,
]
PAST_WEIGHTS = {
    S.NOT_STARTED: 2,
    S.PREPARING: 2,
    S.MANAGER_WRITING: 2,
    S.AWAITING_PERSON: 2,
    S.AWAITING_MANAGER: 1,
    S.COMPLETE: 88,
    S.LEFT: 3,
}
OPEN_WEIGHTS = {
    S.NOT_STARTED: 20,
    S.PREPARING: 20,
    S.MANAGER_WRITING: 15,
    S.AWAITING_PERSON: 10,
    S.AWAITING_MANAGER: 8,
    S.COMPLETE: 25,
    S.LEFT: 2,
}


def _at(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=11))


def _reached(status, step):
    return status in ORDER and ORDER.index(status) >= ORDER.index(step)


def insert_cycles(rng, years, root_unit, people, hr_person, today):
    """One cycle for each of `years`, its opening run and an appraisal for every person
    who had joined by the cycle's sixth month. Returns a dict of model name to rows."""
    cycles, runs, appraisals, signatures = [], [], [], []
    by_pk = {person.pk: person for person in people}
    for year in years:
        opens, closes = date(year, 4, 1), date(year + 1, 3, 31)
        cycle = AppraisalCycle.objects.create(
            name=f"Appraisals {year} to {year + 1}",
            year=year,
            opens_on=opens,
            closes_on=closes,
            status="closed" if closes < today else "open",
            created_by=hr_person,
            opened_at=_at(opens),
            created_at=_at(opens - timedelta(days=14)),
        )
        cycle.units.add(root_unit)
        cycles.append(cycle)
        weights = PAST_WEIGHTS if closes < today else OPEN_WEIGHTS
        statuses, chances = list(weights), list(weights.values())
        in_scope = [p for p in people if p.date_joined.date() <= opens + timedelta(days=180)]
        made = [
            _appraisal(
                rng,
                cycle,
                person,
                rng.choices(statuses, chances)[0] if person.line_manager_id else S.NOT_STARTED,
                today,
            )
            for person in in_scope
        ]
        Appraisal.objects.bulk_create(made, batch_size=BATCH)
        appraisals += made
        signatures += [
            s
            for a, person in zip(made, in_scope, strict=True)
            for s in _signatures(a, person, by_pk)
        ]
        runs.append(
            CycleRun(
                cycle=cycle,
                kind="open",
                status="done",
                requested_by=hr_person,
                total=len(made),
                done=len(made),
                created=len(made),
                requested_at=_at(opens),
                finished_at=_at(opens),
            )
        )
    CycleRun.objects.bulk_create(runs)
    Signature.objects.bulk_create(signatures, batch_size=BATCH)
    return {
        "AppraisalCycle": cycles,
        "CycleRun": runs,
        "Appraisal": appraisals,
        "Signature": signatures,
    }


def _appraisal(rng, cycle, person, status, today):
    a = Appraisal(
        cycle=cycle,
        person=person,
        appraiser_id=person.line_manager_id,
        status=status,
        created_at=_at(cycle.opens_on),
    )
    day = cycle.opens_on + timedelta(days=rng.randint(20, 200))
    day = min(day, today)
    if _reached(status, S.PREPARING):
        a.self_assessment = " ".join(rng.sample(words.SENTENCES, 2))
    if _reached(status, S.MANAGER_WRITING):
        a.self_submitted_at = _at(day)
    if _reached(status, S.AWAITING_PERSON):
        a.manager_assessment = " ".join(rng.sample(words.SENTENCES, 2))
        a.manager_submitted_at = _at(day)
        a.meeting_date = day
        a.next_review_date = date(cycle.year + 1, day.month, 1)
        a.wellbeing_held = rng.random() < 0.8
        a.pay_progression = (
            "not_applicable"
            if person.pay_band in ("medical", "other")
            else rng.choices(["meets", "not_met"], [92, 8])[0]
        )
        a.version = rng.randint(3, 8)
    if status == S.COMPLETE:
        a.completed_at = _at(day)
        a.training_confirmed_by_person = a.training_confirmed_by_manager = True
    a.updated_at = _at(day)
    return a


def _signatures(a, person, by_pk):
    """The live signatures `a`'s status implies: the person's from "awaiting the
    manager's sign-off", both once complete."""
    if a.status not in (S.AWAITING_MANAGER, S.COMPLETE) or not a.appraiser_id:
        return []
    digest = hashlib.sha256(f"{a.pk}:{a.version}".encode()).hexdigest()
    made = [
        Signature(
            appraisal=a,
            signer=person,
            role="person",
            name=person.full_name,
            job_title=person.job_title,
            appraisal_version=a.version,
            content_hash=digest,
            signed_at=a.updated_at,
        )
    ]
    if a.status == S.COMPLETE:
        appraiser = by_pk[a.appraiser_id]
        made.append(
            Signature(
                appraisal=a,
                signer=appraiser,
                role="appraiser",
                name=appraiser.full_name,
                job_title=appraiser.job_title,
                appraisal_version=a.version,
                content_hash=digest,
                signed_at=a.updated_at,
            )
        )
    return made
