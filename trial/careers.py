"""Journals, career conversations, Scope for Growth placements and development plans.

Each is a subset of the one before, as in use: a journal comes first, a placement
is agreed at the conversation it prepares, and a plan follows an agreed placement.
Rates per person-year give issue 18's shape at 20,000 people over 5 years: 24,000
journals (about 22 answers each), 16,000 placements, 11,000 plans.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from careers.journal.services import current_bank
from careers.models import (
    Answer,
    Conversation,
    DevelopmentPlan,
    Journal,
    Objective,
    Placement,
    PlacementEvent,
    PlanAction,
    PlanAgreement,
    ProgressUpdate,
    SectionState,
)
from careers.plan.services import REVIEW_DATE, SNAPSHOT_FIELDS
from learning.models import GrowthDirection, ImpactLevel, LearningCategory

from . import words

BATCH = 2000
JOURNALS_PER_PERSON_YEAR = 0.26  # of the person-years people were employed
PLACEMENTS_PER_JOURNAL = 16 / 24
PLANS_PER_PLACEMENT = 11 / 16


def _moment(rng, year, today):
    start = datetime(year, 4, 1).date()
    last = min(today, start + timedelta(days=364))
    day = start + timedelta(days=rng.randint(0, max(0, (last - start).days)))
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))


def pick(rng, population, rate, keep=()):
    """`rate` of `population`, chosen by `rng`, always including `keep` (where present)."""
    count = min(len(population), round(len(population) * rate))
    present = set(population)
    kept = [item for item in keep if item in present]
    skip = set(kept)
    rest = [item for item in population if item not in skip]
    return kept + rng.sample(rest, max(0, count - len(kept)))


def _answer(rng, journal, question, when):
    kind = question.kind
    if kind == "scale":
        follow = [
            rng.choice(words.SENTENCES) if rng.random() < 0.7 else "" for _ in question.follow_ups
        ]
        return Answer(
            journal=journal,
            question=question,
            scale_value=rng.randint(3, 10),
            follow_ups=follow,
            version=rng.randint(1, 4),
            updated_at=when,
        )
    if kind == "choice" and question.choices:
        return Answer(
            journal=journal,
            question=question,
            choice=rng.choice(question.choices)[0],
            text=rng.choice(words.SENTENCES) if rng.random() < 0.3 else "",
            version=rng.randint(1, 3),
            updated_at=when,
        )
    text = " ".join(rng.sample(words.SENTENCES, rng.randint(1, 3)))
    return Answer(
        journal=journal, question=question, text=text, version=rng.randint(1, 6), updated_at=when
    )


def insert_journals(rng, person_years, managers, current_year, today, keep=()):
    """Journals for JOURNALS_PER_PERSON_YEAR of `person_years`, with every section's
    state and answers. Returns (journals, states, answers)."""
    bank = current_bank()
    sections = list(bank.sections.prefetch_related("questions"))
    chosen = pick(rng, person_years, JOURNALS_PER_PERSON_YEAR, keep)
    journals, states, answers = [], [], []
    for person_id, year in chosen:
        past = year < current_year
        when = _moment(rng, year, today)
        ready = rng.random() < (0.6 if past else 0.2)
        journals.append(
            Journal(
                person_id=person_id,
                year=year,
                bank=bank,
                created_at=when,
                status="ready" if ready else "in_progress",
                ready_at=when + timedelta(days=20) if ready else None,
            )
        )
    Journal.objects.bulk_create(journals, batch_size=BATCH)
    for journal in journals:
        manager = managers.get(journal.person_id)
        for section in sections:
            status = rng.choices(["completed", "in_progress", "not_started"], [50, 30, 20])[0]
            if journal.status == "ready":
                status = "completed"
            share = (
                status == "completed"
                and manager
                and rng.random() < (0.15 if section.sensitive else 0.6)
            )
            when = journal.created_at + timedelta(days=rng.randint(0, 20))
            states.append(
                SectionState(
                    journal=journal,
                    section=section,
                    status=status,
                    completed_at=when if status == "completed" else None,
                    shared_at=when if share else None,
                    shared_with_id=manager if share else None,
                    include_elsewhere=bool(share and section.sensitive and rng.random() < 0.5),
                )
            )
            share_of = {"completed": 0.8, "in_progress": 0.4, "not_started": 0}[status]
            for question in section.questions.all():
                if not question.retired and rng.random() < share_of:
                    answers.append(_answer(rng, journal, question, when))
    SectionState.objects.bulk_create(states, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    return journals, states, answers


def insert_placements(rng, journals, managers, current_year, keep=()):
    """A conversation and a placement (with its events) for PLACEMENTS_PER_JOURNAL of
    the journals of people with a line manager. Returns (conversations, placements,
    events)."""
    levels, directions = list(ImpactLevel.objects.all()), list(GrowthDirection.objects.all())
    managed = [j for j in journals if managers.get(j.person_id)]
    keep = set(keep)
    kept = [j for j in managed if (j.person_id, j.year) in keep]
    chosen = pick(rng, managed, PLACEMENTS_PER_JOURNAL, kept)
    conversations, placements, events = [], [], []
    for journal in chosen:
        person, manager = journal.person_id, managers[journal.person_id]
        past = journal.year < current_year
        held = journal.created_at + timedelta(days=rng.randint(20, 60))
        conversations.append(
            Conversation(
                person_id=person,
                manager_id=manager,
                held_on=min(held.date(), timezone.localdate()),
                adjustments=rng.choice(["", "no", "no", "yes"]),
                created_at=held,
            )
        )
        weights = [5, 5, 90] if past else [35, 15, 50]
        status = rng.choices(["proposed", "disagreed", "agreed"], weights)[0]
        proposer = rng.choice([person, manager])
        other = manager if proposer == person else person
        level = rng.choice(levels)
        placement = Placement(
            person_id=person,
            year=journal.year,
            level=level,
            direction=rng.choice(directions),
            evidence=rng.choice(words.SENTENCES),
            evidence_kinds=rng.sample(
                [value for value, _ in Placement.Evidence.choices], rng.randint(1, 3)
            ),
            target_level=rng.choice(levels),
            target_direction=rng.choice(directions),
            target_reason=rng.choice(words.SENTENCES),
            status=status,
            proposed_by_id=proposer,
            agreed_at=held + timedelta(days=3) if status == "agreed" else None,
        )
        placements.append(placement)
        events.append(
            PlacementEvent(
                placement=placement,
                actor_id=proposer,
                action="proposed",
                summary=f"{level}",
                at=held,
            )
        )
        if status != "proposed":
            events.append(
                PlacementEvent(
                    placement=placement,
                    actor_id=other,
                    action=status,
                    at=held + timedelta(days=3),
                    comment=rng.choice(words.SENTENCES) if status == "disagreed" else "",
                )
            )
    Conversation.objects.bulk_create(conversations, batch_size=BATCH)
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    PlacementEvent.objects.bulk_create(events, batch_size=BATCH)
    return conversations, placements, events


def _snapshot(objective, actions):
    data = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(objective, name)
        data[name] = (
            value.isoformat()
            if hasattr(value, "isoformat")
            else (str(value) if hasattr(value, "pk") else value)
        )
    data["actions"] = [a.text for a in actions]
    return data


def insert_plans(rng, placements, managers, initiatives, current_year, today, keep=()):
    """A development plan for PLANS_PER_PLACEMENT of the agreed placements, with 2 to
    4 objectives, their actions and progress; agreed plans carry both agreements.
    Returns a dict of model name to rows."""
    directions, categories = (
        list(GrowthDirection.objects.all()),
        list(LearningCategory.objects.all()),
    )
    agreed = [p for p in placements if p.status == "agreed"]
    keep = set(keep)
    kept = [p for p in agreed if (p.person_id, p.year) in keep]
    chosen = pick(rng, agreed, PLANS_PER_PLACEMENT * len(placements) / max(1, len(agreed)), kept)
    plans, objectives, actions, updates, agreements = [], [], [], [], []
    for placement in chosen:
        past = placement.year < current_year
        status = "agreed" if rng.random() < (0.85 if past else 0.5) else "draft"
        review = datetime(placement.year + 1, rng.randint(1, 3), 15).date()
        plans.append(
            DevelopmentPlan(
                person_id=placement.person_id,
                year=placement.year,
                status=status,
                review_date=review if status == "agreed" or rng.random() < 0.5 else None,
                agreed_at=placement.agreed_at + timedelta(days=14) if status == "agreed" else None,
            )
        )
    DevelopmentPlan.objects.bulk_create(plans, batch_size=BATCH)
    made = {}
    for plan in plans:
        past = plan.year < current_year
        for _ in range(rng.randint(2, 4)):
            objective = Objective(
                plan=plan,
                term=rng.choice(["short", "long"]),
                what=rng.choice(words.SENTENCES),
                why=rng.choice(words.SENTENCES),
                direction=rng.choice(directions),
                category=rng.choice(categories),
                support=rng.sample([v for v, _ in Objective.Support.choices], rng.randint(0, 2)),
                target_date=datetime(plan.year + 1, rng.randint(1, 12), 1).date(),
                success_measure=rng.choice(words.SENTENCES),
                status=rng.choice(
                    ["done", "done", "dropped", "on_track"]
                    if past
                    else ["not_started", "on_track", "on_track", "at_risk"]
                ),
            )
            objectives.append(objective)
            made[id(objective)] = (plan, [])
    Objective.objects.bulk_create(objectives, batch_size=BATCH)
    for objective in objectives:
        for _ in range(rng.randint(1, 2)):
            initiative = rng.choice(initiatives) if initiatives and rng.random() < 0.3 else None
            action = PlanAction(
                objective=objective,
                initiative=initiative,
                text=initiative.title if initiative else rng.choice(words.SENTENCES),
            )
            actions.append(action)
            made[id(objective)][1].append(action)
        if objective.status != "not_started":
            updates.append(
                ProgressUpdate(
                    objective=objective,
                    author_id=objective.plan.person_id,
                    status=objective.status,
                    note=rng.choice(words.SENTENCES),
                )
            )
    PlanAction.objects.bulk_create(actions, batch_size=BATCH)
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    snapshots = {}
    for objective in objectives:
        plan, its_actions = made[id(objective)]
        snapshots.setdefault(plan.pk, {})[str(objective.pk)] = _snapshot(objective, its_actions)
    agreed_plans = [plan for plan in plans if plan.status == "agreed"]
    for plan in agreed_plans:
        plan.agreed_snapshot = {
            **snapshots.get(plan.pk, {}),
            REVIEW_DATE: plan.review_date.isoformat(),
        }
        for by in (plan.person_id, managers[plan.person_id]):
            agreements.append(
                PlanAgreement(
                    plan=plan, agreed_by_id=by, plan_version=plan.version, at=plan.agreed_at
                )
            )
    DevelopmentPlan.objects.bulk_update(agreed_plans, ["agreed_snapshot"], batch_size=500)
    PlanAgreement.objects.bulk_create(agreements, batch_size=BATCH)
    return {
        "DevelopmentPlan": plans,
        "Objective": objectives,
        "PlanAction": actions,
        "ProgressUpdate": updates,
        "PlanAgreement": agreements,
    }
