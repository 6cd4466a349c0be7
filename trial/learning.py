"""The 70/20/10 catalogue, CPD entries and evaluations of learning, in bulk.

Bulk inserts call no `save()`, so the search columns an initiative's save would
fill are filled here (learning.search), the vectors refreshed in one UPDATE, and
the catalogue's stamp renewed, as learning/search.py asks of a bulk write.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from learning import search
from learning.browse import catalogue_changed, ratings_changed
from learning.models import (
    CPDEntry,
    Evaluation,
    GrowthDirection,
    ImpactLevel,
    Initiative,
    LearningCategory,
    OutcomeAnswer,
)

from . import words

BATCH = 2000
INITIATIVES_PER_PERSON = 0.1  # 2,000 at 20,000 people
CPD_PER_PERSON_YEAR = 0.43  # about 40,000 at 20,000 people over 5 years
FORMATS = {
    "experience": ["shadowing", "secondment", "project", "acting_up", "responsibility"],
    "learning-from-others": [
        "mentoring",
        "coaching",
        "buddying",
        "action_learning",
        "network",
        "knowledge_sharing",
    ],
    "formal-education": [
        "course",
        "programme",
        "e_learning",
        "qualification",
        "conference",
        "writing",
        "reading",
    ],
}
TOPICS = [
    "leadership",
    "clinical supervision",
    "quality improvement",
    "patient safety",
    "digital skills",
    "coaching conversations",
    "budget management",
    "research methods",
    "end of life care",
    "safeguarding",
    "infection prevention",
    "project management",
    "service redesign",
    "health inequalities",
    "teaching and assessing",
]
OUTCOMES = [
    "Plan a piece of work with clear milestones",
    "Give feedback that helps a colleague improve",
    "Use data to show the effect of a change",
    "Explain the approach to a patient or family",
    "Lead a short meeting to a clear decision",
]


def _weighted_category(rng, categories):
    return rng.choices(categories, weights=[c.share_percent or 1 for c in categories])[0]


def insert_initiatives(rng, people, owners):
    """Initiatives up to INITIATIVES_PER_PERSON for each person (the shipped ones
    count), their directions and levels. Returns the published ones."""
    categories = list(LearningCategory.objects.all())
    directions, levels = list(GrowthDirection.objects.all()), list(ImpactLevel.objects.all())
    wanted = max(0, round(people * INITIATIVES_PER_PERSON) - Initiative.objects.count())
    now = timezone.now()
    rows = []
    for n in range(wanted):
        category = _weighted_category(rng, categories)
        format_ = rng.choice(FORMATS.get(category.slug) or ["course"])
        topic = rng.choice(TOPICS)
        status = rng.choices(["published", "draft", "retired"], weights=[90, 5, 5])[0]
        row = Initiative(
            title=f"{topic.capitalize()}: {format_.replace('_', ' ')} {n + 1}",
            summary=f"A {format_.replace('_', ' ')} on {topic} for staff at any band.",
            description=" ".join(rng.sample(words.SENTENCES, 3)),
            category=category,
            format=format_,
            provider=rng.choice(["Learning and Development", "Regional network", ""]),
            duration=rng.choice(["Half a day", "3 days", "2 hours a month for 6 months", ""]),
            online=rng.random() < 0.4,
            learning_outcomes="\n".join(rng.sample(OUTCOMES, rng.randint(1, 3))),
            tags=", ".join(rng.sample(TOPICS, 2)),
            owner_id=rng.choice(owners) if owners else None,
            status=status,
            published_at=now if status != "draft" else None,
            retired_at=now if status == "retired" else None,
        )
        for column, text in search.folded_columns(row).items():
            setattr(row, column, text)
        rows.append(row)
    Initiative.objects.bulk_create(rows, batch_size=BATCH)
    links = []
    for kind, choices in (("directions", directions), ("levels", levels)):
        through = getattr(Initiative, kind).through
        key = "growthdirection_id" if kind == "directions" else "impactlevel_id"
        made = [
            through(initiative_id=row.pk, **{key: choice.pk})
            for row in rows
            for choice in rng.sample(choices, rng.randint(0, min(2, len(choices))))
        ]
        through.objects.bulk_create(made, batch_size=BATCH * 2)
        links += made
    search.refresh_vectors(Initiative.objects.filter(pk__in=[r.pk for r in rows]))
    catalogue_changed()
    published = list(Initiative.objects.published().select_related("category"))
    return rows, links, published


def _in_year(rng, year, today):
    start = timezone.datetime(year, 4, 1).date()
    last = min(today, start + timedelta(days=364))
    return start + timedelta(days=rng.randint(0, max(0, (last - start).days)))


def insert_cpd(rng, person_years, managers, published, today):
    """CPD entries for CPD_PER_PERSON_YEAR of `person_years` ((person pk, year)
    pairs), some from the catalogue and evaluated. Returns (entries, evaluations,
    outcome answers)."""
    categories = list(LearningCategory.objects.all())
    picked = rng.sample(person_years, round(len(person_years) * CPD_PER_PERSON_YEAR))
    entries = []
    for person_id, year in picked:
        started = _in_year(rng, year, today)
        done = started < today - timedelta(days=30) or rng.random() < 0.5
        ended = min(today, started + timedelta(days=rng.randint(0, 30))) if done else None
        initiative = rng.choice(published) if published and rng.random() < 0.6 else None
        shared = managers.get(person_id) is not None and rng.random() < 0.4
        entries.append(
            CPDEntry(
                person_id=person_id,
                initiative=initiative,
                title=initiative.title if initiative else f"Reading on {rng.choice(TOPICS)}",
                category=initiative.category
                if initiative
                else _weighted_category(rng, categories),
                started_on=started,
                ended_on=ended,
                hours=Decimal(rng.randint(1, 70)) / 2,
                learned=rng.choice(words.SENTENCES),
                apply=rng.choice(words.SENTENCES) if rng.random() < 0.7 else "",
                done=done,
                shared_with_manager=shared,
                shared_with_id=managers[person_id] if shared else None,
            )
        )
    CPDEntry.objects.bulk_create(entries, batch_size=BATCH)
    evaluations, outcomes = [], []
    for entry in entries:
        if entry.initiative is None or not entry.done or rng.random() < 0.5:
            continue
        due = entry.ended_on + timedelta(days=90)
        applied = due <= today and rng.random() < 0.6
        evaluation = Evaluation(
            entry=entry,
            initiative=entry.initiative,
            rating=rng.choices([1, 2, 3, 4, 5], weights=[2, 4, 14, 45, 35])[0],
            review=rng.choice(words.SENTENCES) if rng.random() < 0.5 else "",
            follow_up_due=due,
            follow_up_sent_at=timezone.now() if due <= today else None,
            applied_level=rng.choice(["often", "sometimes", "not_yet"]) if applied else "",
            applied=rng.choice(words.SENTENCES) if applied else "",
            applied_at=timezone.now() if applied else None,
        )
        evaluations.append(evaluation)
    Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    for evaluation in evaluations:
        for position, outcome in enumerate(evaluation.initiative.outcome_list, start=1):
            outcomes.append(
                OutcomeAnswer(
                    evaluation=evaluation,
                    position=position,
                    outcome=outcome,
                    achieved=rng.choices(["fully", "partly", "not"], weights=[60, 30, 10])[0],
                )
            )
    OutcomeAnswer.objects.bulk_create(outcomes, batch_size=BATCH)
    ratings_changed()
    return entries, evaluations, outcomes
