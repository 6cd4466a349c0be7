"""Demo Scope for Growth placements and development plans, so HR's placement heat map
and 70/20/10 mix show figures (called by `manage.py seed_demo_cycle`; idempotent).

Invented, through the careers services a line manager and their person use: the manager
proposes a placement and the person agrees it; both write the plan's objectives and
actions, and most plans are agreed by both. Senior people sit higher on the framework.
Every heat map cell is either empty or at least 5 people, so none is hidden as small
(learning/disclosure.py) for the whole organisation.

Left alone for the visitor: the demo's first team (the staff and line-manager logins and
their colleagues; one colleague has asked their manager to agree a self-assessment), the
LED and HR logins, and the chief executive (no line manager in Trellis).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory
from people.demo import DOMAIN, first_team_name
from people.models import Person

from .conversation import services as conversation
from .models import DevelopmentPlan, Placement
from .plan import services as plan

# (level, direction, people) from the most senior down; the last takes the rest.
SLOTS = [
    ("proven", "stretch", 6),
    ("proven", "breadth", 5),
    ("developing", "stretch", 5),
    ("developing", "depth", 11),
    ("developing", "breadth", 6),
    ("consolidating", "breadth", 6),
    ("consolidating", "depth", None),
]
SENIORITY = ["Director", "Head", "Team Leader", "Senior Practitioner", "Staff Nurse"]
UP = {"consolidating": "developing", "developing": "proven", "proven": "proven"}
KINDS = [
    ["one_to_ones", "performance"],
    ["360", "work_outputs"],
    ["performance", "work_outputs"],
    ["one_to_ones", "work_outputs", "360"],
]
EVIDENCE = {
    "proven": "Leads the service's improvement work and is asked for advice across the "
    "directorate; 360° feedback from peers and the team is consistently strong.",
    "developing": "Runs shifts and small projects confidently and supports newer colleagues; "
    "one-to-ones show growing judgement in situations not met before.",
    "consolidating": "Settled into the role this year: work is safe and reliable, and "
    "competencies are signed off. Building confidence before taking on more.",
}
REASON = {
    "depth": "To become the person colleagues turn to for specialist knowledge.",
    "breadth": "To understand how other teams work and take on a wider role.",
    "stretch": "To lead more complex work with more senior stakeholders.",
}
# Per category: (objective, why, how success is measured, [initiative titles], typed action).
OBJECTIVES = {
    "experience": (
        "Lead a quality improvement project in the team",
        "Builds the experience needed for the next step on Scope for Growth.",
        "Project completed and its results shared at the directorate governance meeting.",
        ["Take on a new project or stretch goal", "Shadow a colleague in another role"],
        "Run the team's weekly safety huddle for three months",
    ),
    "learning-from-others": (
        "Learn from colleagues who already do the role I am aiming for",
        "Regular conversations with someone further along make the goal concrete.",
        "Six mentoring sessions held, with what I learned noted in my journal.",
        ["Be mentored", "Social learning with peers"],
        "",
    ),
    "formal-education": (
        "Complete a recognised course for the next step",
        "The next role asks for knowledge I have not yet been taught.",
        "Course completed and certificate added to my CPD record.",
        ["Skills development programme", "Formal educational event"],
        "",
    ),
}


def _journey_people():
    """The pks left without career records: see the module's docstring."""
    team = Person.objects.filter(unit__name=first_team_name())
    logins = Person.objects.filter(email__in=[f"led@{DOMAIN}", f"hr@{DOMAIN}"])
    return set(team.values_list("pk", flat=True)) | set(logins.values_list("pk", flat=True))


def _rank(person):
    return next((n for n, title in enumerate(SENIORITY) if person.job_title.startswith(title)),
                len(SENIORITY)), person.email  # fmt: skip


def _slots(count):
    """[(level slug, direction slug)] for `count` people, most senior first."""
    out = []
    for level, direction, size in SLOTS:
        out += [(level, direction)] * (size if size is not None else max(0, count - len(out)))
    return out[:count]


def _propose(person, by, year, level, direction, n):
    levels = {x.slug: x for x in ImpactLevel.objects.all()}
    directions = {x.slug: x for x in GrowthDirection.objects.all()}
    target = ["depth", "breadth", "stretch"][n % 3] if level != "proven" else direction
    return conversation.propose_placement(
        person=person, by=by, year=year, level=levels[level], direction=directions[direction],
        evidence=EVIDENCE[level], evidence_kinds=KINDS[n % len(KINDS)],
        target_level=levels[UP[level]], target_direction=directions[target],
        target_reason=REASON[target],
    )  # fmt: skip


def _plan(person, placement, n, today):
    """Two objectives: experience on the job, then learning from others or (one in
    three) formal education, each with actions; two plans in three agreed by both."""
    manager = person.line_manager
    development = plan.plan_for(person=person, year=placement.year)
    categories = {c.slug: c for c in LearningCategory.objects.all()}
    second = "formal-education" if n % 3 == 2 else "learning-from-others"
    for term, slug, days in (("short", "experience", 120), ("long", second, 300)):
        what, why, measure, titles, typed = OBJECTIVES[slug]
        objective = plan.save_objective(
            plan=development, by=manager if term == "short" else person, term=term, what=what,
            why=why, direction=placement.target_direction, category=categories[slug],
            support=["mentoring"] if slug == "learning-from-others" else ["time"],
            target_date=today + datetime.timedelta(days=days), success_measure=measure,
        )  # fmt: skip
        initiative = Initiative.objects.published().filter(title=titles[n % 2]).first()
        plan.add_action(objective=objective, by=person, initiative=initiative,
                        text="" if initiative else titles[n % 2])  # fmt: skip
        if typed:
            plan.add_action(objective=objective, by=manager, text=typed)
            if n % 2:
                plan.add_action(
                    objective=objective, by=person, text="Present the results to the team"
                )
    if n % 3 == 1:
        return
    review = today + datetime.timedelta(days=180)
    development = DevelopmentPlan.objects.get(pk=development.pk)
    development = plan.agree_plan(plan=development, by=person, version=development.version,
                                  review_date=review)  # fmt: skip
    plan.agree_plan(plan=development, by=manager, version=development.version, review_date=review)


@transaction.atomic
def seed_careers(year):
    """Give the demo people placements and plans for appraisal year `year`, once: a
    person with any placement that year is left as they are. Returns how many people
    were given an agreed placement now."""
    today = timezone.localdate()
    left = _journey_people()
    people = sorted(
        Person.objects.filter(is_active=True, unit__isnull=False, line_manager__isnull=False)
        .exclude(pk__in=left)
        .select_related("line_manager"),
        key=_rank,
    )
    placed = set(Placement.objects.filter(year=year).values_list("person_id", flat=True))
    waiting = {n for n in range(len(people)) if n % 20 == 13}  # awaiting agreement
    slots = iter(_slots(len(people) - len(waiting)))
    agreed = 0
    for n, person in enumerate(people):
        slot = None if n in waiting else next(slots)
        if person.pk in placed:
            continue
        if slot is None:
            _propose(person, person.line_manager, year, "developing", "depth", n)
            continue
        placement = _propose(person, person.line_manager, year, *slot, n)
        placement = conversation.agree_placement(
            placement=placement, by=person, version=placement.version
        )
        _plan(person, placement, n, today)
        agreed += 1
    first = Person.objects.filter(
        unit__name=first_team_name(), line_manager__unit__name=first_team_name()
    )
    self_assessed = first.order_by("pk").last()
    if self_assessed is not None and self_assessed.pk not in placed:
        _propose(self_assessed, self_assessed, year, "consolidating", "breadth", 1)
    return agreed
