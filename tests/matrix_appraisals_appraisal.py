"""Access-matrix rows for the appraisals app's appraisal URLs (see tests/matrix.py).

An appraisal is read by its person, their appraiser (here the line manager), HR for
the person's units and administrators; everyone else gets a 404. Only the two who
write it reach its write pages: HR and administrators read (the appraisal and its
check page) but get a 404 from every write page, as anyone else does; a writer gets
a 403 from the other writer's own part. HR and administrators reopen a complete one.

The world's appraisal of the owner is in "manager writing": the person has
submitted their self-assessment (its page sends them back to the appraisal, 302),
the manager writes theirs, and nobody signs yet (the sign page sends both back).
"""

from tests.matrix import ANON, SIGNED_IN, Row


def _answers(person, manager, readers=200):
    """The person and the appraiser get these; HR and administrators `readers`; all
    others (other staff, other managers, LED) a 404."""
    return {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "owner": person,
            "line_manager": manager, "hr": readers, "administrator": readers}  # fmt: skip


def writers(person, manager):
    return _answers(person, manager, readers=404)


def one(world):
    return {"pk": world["appraisal_in_writing"].pk}


def discussion(world):
    return {**one(world), "discussion_pk": world["appraisal_discussion"].pk}


def review(world):
    return {**one(world), "review_pk": world["appraisal_review"].pk}


def objective(world):
    return {**one(world), "objective_pk": world["appraisal_objective"].pk}


def earlier(world):
    return {"pk": world["appraisal_complete"].pk}


ROWS = {
    # Everyone has a "Your appraisal" page: with an appraisal it opens it. The owner's
    # team (owner, other_staff, line_manager) is in the cycles' world's open cycle too.
    "appraisals/yours/": Row(
        {
            ANON: 302,
            **dict.fromkeys(SIGNED_IN, 200),
            "owner": 302,
            "other_staff": 302,
            "line_manager": 302,
        }
    ),  # fmt: skip
    "appraisals/to-write/": Row({ANON: 302, **dict.fromkeys(SIGNED_IN, 200)}),
    "appraisals/<num:pk>/": Row(_answers(200, 200), one),
    "appraisals/<num:pk>/check/": Row(_answers(200, 200), one),
    # Started already: the person is sent back; the appraiser's is not theirs to start.
    "appraisals/<num:pk>/start/": Row(writers(302, 403), one, method="post"),
    "appraisals/<num:pk>/self-assessment/": Row(writers(302, 403), one),
    # A signed-out autosave is answered (the text kept for after sign-in), never saved.
    "appraisals/<num:pk>/self-assessment/autosave/": Row(
        {**writers(200, 403), ANON: 200}, one, method="post"
    ),
    "appraisals/<num:pk>/assessment/": Row(writers(403, 200), one),
    "appraisals/<num:pk>/assessment/autosave/": Row(
        {**writers(403, 200), ANON: 200}, one, method="post"
    ),
    "appraisals/<num:pk>/values/<num:discussion_pk>/": Row(writers(200, 200), discussion),
    "appraisals/<num:pk>/reviews/<num:review_pk>/": Row(writers(200, 200), review),
    "appraisals/<num:pk>/objectives/new/": Row(writers(200, 200), one),
    "appraisals/<num:pk>/objectives/<num:objective_pk>/": Row(writers(200, 200), objective),
    "appraisals/<num:pk>/objectives/<num:objective_pk>/remove/": Row(writers(200, 200), objective),
    "appraisals/<num:pk>/wellbeing/": Row(writers(200, 200), one),
    "appraisals/<num:pk>/pay-progression/": Row(writers(200, 200), one),
    "appraisals/<num:pk>/dates/": Row(writers(200, 200), one),
    # Not signed until both parts are submitted: both are sent back to the appraisal.
    "appraisals/<num:pk>/sign/": Row(writers(302, 302), one),
    # The earlier, complete appraisal: HR and administrators reopen it.
    "appraisals/<num:pk>/reopen/": Row(_answers(403, 403), earlier),
    # The Chief Executive's, with no appraiser: HR and administrators assign one; the
    # cast reads nothing of it.
    "appraisals/<num:pk>/appraiser/": Row(
        {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200, "administrator": 200},
        lambda world: {"pk": world["appraisal_unassigned"].pk},
    ),
}


def world_extras(world):
    """An open cycle this year with the owner's appraisal (`appraisal_in_writing`:
    manager writing; one value discussion, one objective, one of last year's objectives
    to review) and a complete one last year (`appraisal_complete`); the same for
    other_staff, whose ids (`appraisal_twins`) the access matrix swaps in one at a
    time; and the Chief Executive's, with no appraiser (`appraisal_unassigned`)."""
    from tests import appraisal_setup as setup
    from tests.factories import PersonFactory

    owner = _appraisals(world["owner"], world["line_manager"], world)
    twin = _appraisals(world["other_staff"], world["other_manager"], world)
    chief = PersonFactory(unit=world["org"], line_manager=None, job_title="Chief Executive")
    year = setup.appraisal_year()
    return {
        **owner,
        "appraisal_unassigned": setup.appraisal(chief, the_cycle=world["_appraisal_cycles"][year]),
        "appraisal_twins": {
            "pk": twin["appraisal_in_writing"].pk,
            "discussion_pk": twin["appraisal_discussion"].pk,
            "review_pk": twin["appraisal_review"].pk,
            "objective_pk": twin["appraisal_objective"].pk,
        },
    }


def _appraisals(person, manager, world):
    from appraisals.models import AppraisalObjective
    from tests import appraisal_setup as setup

    year = setup.appraisal_year()
    cycles = world.get("_appraisal_cycles") or {
        y: setup.cycle(y, [world["org"]]) for y in (year - 1, year)
    }
    world["_appraisal_cycles"] = cycles
    last = setup.appraisal(person, manager, the_cycle=cycles[year - 1])
    AppraisalObjective.objects.create(appraisal=last, what="Run the clinic rota")
    last = setup.complete(last)
    now = setup.prepared(setup.appraisal(person, manager, the_cycle=cycles[year]))
    goal = AppraisalObjective.objects.create(appraisal=now, what="Cut waiting times")
    return {
        "appraisal_in_writing": now,
        "appraisal_complete": last,
        "appraisal_discussion": now.values.first(),
        "appraisal_review": now.objective_reviews.get(),
        "appraisal_objective": goal,
    }
