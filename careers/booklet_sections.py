"""What careers adds to the appraisal booklet (frontend/booklet.py): the Scope for
Growth placement with its picture, the development plan with its 70/20/10 balance,
and the journal sections the person chose to include.

The placement and plan are read live while the appraisal is open; a signed
appraisal keeps them as they stood at the first signature (`career_account`,
stored in `Appraisal.career_snapshot`), so the booklet shows what was signed.
careers never imports appraisals: the appraisal arrives as an argument, and only
its `person`, `cycle.year` and `career_snapshot` are read.
"""

from datetime import date, datetime
from types import SimpleNamespace

from django.db.models import prefetch_related_objects

from frontend.booklet import BookletSection, register
from learning import search
from learning.access import vocabulary, vocabulary_read
from people.sql import Compiled, keep_prefetched

from .conversation.picture import picture
from .journal.presenters import section_rows
from .journal.services import sections_for_other_documents, years_label
from .models import Answer, Journal, Objective, Placement, PlanAction, SectionState
from .plan.services import balance, existing_plan, existing_plan_read


def _iso(value):
    return value.isoformat() if value else None


def _take(placement, name, terms):
    """Set the placement's term `name` from `terms` (read already) when it is there."""
    pk = getattr(placement, f"{name}_id")
    found = next((term for term in terms if term.pk == pk), None)
    if found is not None:
        setattr(placement, name, found)


# What every booklet reads, compiled once (people.sql.Compiled).
_agreed_placement = Compiled(
    lambda person, year: Placement.objects.filter(
        person=person, year=year, status=Placement.Status.AGREED
    ).order_by("pk")[:1]
)
# A plan's objectives and their actions, and a journal's shared sections, are read by
# the person and year (one plan and one journal a year) rather than by the plan's or
# journal's key, so the booklet sends them ahead with the plan and journal.
_objectives = Compiled(
    lambda person, year: Objective.objects.filter(
        plan__person=person, plan__year=year
    ).select_related("direction", "category")
)
# With each action's initiative (its category counts in the plan's balance), as
# prefetch_related("actions__initiative") read them, without the search columns.
_actions = Compiled(
    lambda person, year: (
        PlanAction.objects.filter(objective__plan__person=person, objective__plan__year=year)
        .select_related("initiative")
        .defer(*(f"initiative__{name}" for name in ("search_vector", *search.COLUMNS)))
    )
)
_journal = Compiled(
    lambda person, year: Journal.objects.filter(person=person, year=year).order_by("pk")[:1]
)
_shared_states = Compiled(
    lambda person, year: SectionState.objects.filter(
        journal__person=person, journal__year=year, shared_at__isnull=False
    ).select_related("section")
)
_answers = Compiled(lambda journal: Answer.objects.filter(journal=journal))


def _placement(person, year):
    placement = _agreed_placement.first(person=person.pk, year=year)
    if placement is None:
        return None
    # The grid is read whole below: the placement's terms are taken from it, not joined.
    grid_levels, grid_directions = vocabulary("levels"), vocabulary("directions")
    _take(placement, "level", grid_levels)
    _take(placement, "target_level", grid_levels)
    _take(placement, "direction", grid_directions)
    _take(placement, "target_direction", grid_directions)
    kinds = dict(Placement.Evidence.choices)

    def level(lv):
        return {"pk": lv.pk, "name": lv.name, "colour": lv.colour,
                "colour_label": lv.get_colour_display()}  # fmt: skip

    return {
        "year": placement.year,
        "level": level(placement.level),
        "direction": {"pk": placement.direction_id, "name": placement.direction.name},
        "target_level": level(placement.target_level),
        "target_direction": {
            "pk": placement.target_direction_id,
            "name": placement.target_direction.name,
        },
        "evidence": placement.evidence,
        "evidence_kinds": [kinds.get(k, k) for k in placement.evidence_kinds],
        "target_reason": placement.target_reason,
        "agreed_at": _iso(placement.agreed_at),
        # The grid as it stood, so a later change to the vocabulary leaves it drawable.
        "levels": [level(lv) for lv in grid_levels],
        "directions": [{"pk": d.pk, "name": d.name} for d in grid_directions],
    }


def _plan(person, year):
    plan = existing_plan(person.pk, year)
    # Read with or without a plan (none then): the booklet sends all three ahead.
    objectives = _objectives.objects(person=person.pk, year=year)
    actions = {}
    for action in _actions.objects(person=person.pk, year=year):
        actions.setdefault(action.objective_id, []).append(action)
    for objective in objectives:
        keep_prefetched(objective, "actions", actions.get(objective.pk, []))
    if plan is None:
        return None
    return {
        "status": plan.get_status_display(),
        "agreed_at": _iso(plan.agreed_at),
        "review_date": _iso(plan.review_date),
        "objectives": [
            {
                "term": o.get_term_display(),
                "what": o.what,
                "why": o.why,
                "direction": o.direction.name,
                "category": o.category.name,
                "target_date": _iso(o.target_date),
                "success_measure": o.success_measure,
                "support": o.support_labels,
                "status": o.get_status_display(),
                "actions": [a.text for a in o.actions.all()],
            }
            for o in objectives
        ],
        "balance": [
            {
                "category": s.category.name,
                "count": s.count,
                "percent": s.percent,
                "guide": s.category.share_percent,
            }
            for s in balance(objectives)
        ],  # fmt: skip
    }


def career_account(person, year):
    """The person's agreed placement and their plan for appraisal `year`, as JSON
    (dates as ISO strings): {"placement": {...} or None, "plan": {...} or None}.
    This is what a signed appraisal keeps (Appraisal.career_snapshot)."""
    return {"placement": _placement(person, year), "plan": _plan(person, year)}


def _kept(appraisal):
    snapshot = appraisal.career_snapshot
    return snapshot if snapshot and "placement" in snapshot else None


def career_of(appraisal):
    """The snapshot a signed appraisal keeps; while none is kept, the live record."""
    return _kept(appraisal) or career_account(appraisal.person, appraisal.cycle.year)


# Display: the JSON above, with dates and the picture ready for a template ----------------


def _date(value):
    return date.fromisoformat(value) if value else None


def _when(value):
    return datetime.fromisoformat(value) if value else None


def _ns_level(d):
    return SimpleNamespace(**d, get_colour_display=lambda: d["colour_label"])


def _term(value):
    """A level or direction as {"pk", "name", ...} (a direction has no colour)."""
    return {"colour_label": "", **value}


def _picture(placement):
    if not (placement.get("levels") and placement.get("directions")):
        return None
    shape = SimpleNamespace(
        level=_ns_level(placement["level"]),
        direction=SimpleNamespace(**placement["direction"]),
        target_level=_ns_level(placement["target_level"]),
        target_direction=SimpleNamespace(**placement["target_direction"]),
        level_id=placement["level"]["pk"],
        direction_id=placement["direction"]["pk"],
        target_level_id=placement["target_level"]["pk"],
        target_direction_id=placement["target_direction"]["pk"],
    )
    grid_levels = [_ns_level(lv) for lv in placement["levels"]]
    grid_directions = [SimpleNamespace(**d) for d in placement["directions"]]
    try:
        return picture(levels=grid_levels, directions=grid_directions, placement=shape)
    except StopIteration:  # a placement off the grid it was kept with: words only
        return None


def placement_context(appraisal):
    kept = _kept(appraisal)
    placement = kept["placement"] if kept else _placement(appraisal.person, appraisal.cycle.year)
    if placement is None:
        return {"placement": None, "picture": None}
    placement = {
        **placement,
        **{key: _term(placement.get(key))
           for key in ("level", "direction", "target_level", "target_direction")},
        "evidence_kinds": placement.get("evidence_kinds") or [],
        "agreed_at": _when(placement.get("agreed_at")),
    }  # fmt: skip
    return {"placement": placement, "picture": _picture(placement)}


def plan_context(appraisal):
    kept = _kept(appraisal)
    plan = kept["plan"] if kept else _plan(appraisal.person, appraisal.cycle.year)
    if plan is None:
        return {"plan": None}
    objectives = [
        {"support": [], "actions": [], **o, "target_date": _date(o.get("target_date"))}
        for o in plan.get("objectives") or []
    ]
    return {
        "plan": {
            **plan,
            "agreed_at": _when(plan.get("agreed_at")),
            "review_date": _date(plan.get("review_date")),
            "objectives": objectives,
            "balance": plan.get("balance") or [],
        }
    }


def journal_context(appraisal):
    """The sections the person shared with the appraisal's appraiser and chose to
    include (a sensitive one, such as Health and well-being, only when they agreed it
    may appear elsewhere). Two queries when nothing is chosen, four when some is:
    questions and answers are read only for a chosen section."""
    year = appraisal.cycle.year
    nothing = {"year_label": years_label(year), "sections": []}
    if appraisal.appraiser_id is None:  # shared with nobody who reads this appraisal
        return nothing
    journal = _journal.first(person=appraisal.person_id, year=year)
    # Read with or without a journal (none then): the booklet sends both ahead.
    states = _shared_states.objects(person=appraisal.person_id, year=year)
    if journal is None:
        return nothing
    journal.person = appraisal.person  # share_lapsed reads the person's line manager
    for state in states:
        state.journal = journal
    # Only what the person shares with this appraisal's appraiser, while that share
    # stands: a section shared with a later manager never reaches an earlier one.
    chosen = [
        state
        for state in sections_for_other_documents(journal, states)
        if state.shared_with_id == appraisal.appraiser_id
    ]
    if not chosen:
        return nothing
    prefetch_related_objects([state.section for state in chosen], "questions")
    answers = {a.question_id: a for a in _answers.objects(journal=journal.pk)}
    return {
        **nothing,
        "sections": [
            (state.section.title, section_rows(state.section, answers)) for state in chosen
        ],
    }


# What each section's context fetches first (BookletSection.reads): a signed appraisal's
# placement and plan are the ones it kept, and read nothing.


def _placement_reads(appraisal):
    if _kept(appraisal):
        return []
    return [_agreed_placement.read(person=appraisal.person_id, year=appraisal.cycle.year)]


def _plan_reads(appraisal):
    if _kept(appraisal):
        return []
    # The 70/20/10 categories for the plan's balance. Listed whether or not there is a
    # plan: learning's CPD summary lists them too, so they are sent once and used.
    keys = {"person": appraisal.person_id, "year": appraisal.cycle.year}
    return [
        existing_plan_read(appraisal.person_id, appraisal.cycle.year),
        _objectives.read(**keys),
        _actions.read(**keys),
        vocabulary_read("categories"),
    ]


def _journal_reads(appraisal):
    if appraisal.appraiser_id is None:
        return []
    keys = {"person": appraisal.person_id, "year": appraisal.cycle.year}
    return [_journal.read(**keys), _shared_states.read(**keys)]


SECTIONS = [
    BookletSection(
        key="placement",
        title="Scope for Growth placement",
        order=50,
        template="careers/booklet/placement.html",
        context=placement_context,
        reads=_placement_reads,
    ),
    BookletSection(
        key="development-plan",
        title="Development plan",
        order=60,
        template="careers/booklet/plan.html",
        context=plan_context,
        reads=_plan_reads,
    ),
    BookletSection(
        key="journal",
        title="From the reflection journal",
        order=70,
        template="careers/booklet/journal.html",
        context=journal_context,
        reads=_journal_reads,
    ),
]


def register_sections():
    """Called once from CareersConfig.ready()."""
    for section in SECTIONS:
        register(section)
