"""Access-matrix rows for the careers app's URLs (see tests/matrix.py).

A journal is its author's. Their line manager reads a section only while it
is shared; nobody else (another manager, LED, HR, administrators) gets
anything of a journal, not even its existence (404).
"""

from datetime import date, timedelta

from tests.matrix import ANON, SIGNED_IN, Row

SHARED = "strengths-and-challenges"
PRIVATE = "health-and-wellbeing"


def owner_only(code=200, anon=302):
    return {ANON: anon, **dict.fromkeys(SIGNED_IN, 404), "owner": code}


def manager_only(code=200):
    return {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "line_manager": code}


def year(world):
    return {"year": world["journal"].year}


def section(world):
    return {"year": world["journal"].year, "key": SHARED}


def shared(world):
    return {"person_pk": world["owner"].pk, "year": world["journal"].year, "key": SHARED}


ROWS = {
    # Everyone has a journal page of their own: the owner's goes straight to it.
    "journal/": Row({ANON: 302, **dict.fromkeys(SIGNED_IN, 200), "owner": 302}),
    "journal/start/": Row({ANON: 302, **dict.fromkeys(SIGNED_IN, 302)}, method="post"),
    "journal/<num:year>/": Row(owner_only(), year),
    "journal/<num:year>/check/": Row(owner_only(), year),
    "journal/<num:year>/pdf/": Row(owner_only(), year),
    "journal/<num:year>/sections/<slug:key>/": Row(owner_only(), section),
    # A signed-out autosave is answered (text kept for after sign-in), never saved.
    "journal/<num:year>/sections/<slug:key>/autosave/": Row(
        owner_only(anon=200), section, method="post", data=lambda w: {"owner": ""}
    ),
    "journal/<num:year>/sections/<slug:key>/share/": Row(owner_only(), section),
    "journal/<num:year>/sections/<slug:key>/withdraw/": Row(
        owner_only(302), section, method="post"
    ),
    "team/<num:person_pk>/journal/": Row(manager_only(), lambda w: {"person_pk": w["owner"].pk}),
    "team/<num:person_pk>/journal/<num:year>/<slug:key>/": Row(manager_only(), shared),
    # The addresses before they moved under My team send anyone signed in on, unread.
    "journal/shared/<num:person_pk>/": Row(
        {ANON: 302, **dict.fromkeys(SIGNED_IN, 301)}, lambda w: {"person_pk": w["owner"].pk}
    ),
    "journal/shared/<num:person_pk>/<num:year>/<slug:key>/": Row(
        {ANON: 302, **dict.fromkeys(SIGNED_IN, 301)}, shared
    ),
}


def career(world):
    return {"person_pk": world["owner"].pk}


def conversation(world):
    return {"pk": world["conversation"].pk}


def objective(world):
    return {"person_pk": world["owner"].pk, "objective_pk": world["objective"].pk}


def action(world):
    return {**objective(world), "action_pk": world["action"].pk}


def the_two(owner, manager):
    """The person and their line manager get these answers; everyone else a 404."""
    return {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "owner": owner, "line_manager": manager}


# A conversation can be dated up to a year ahead.
_SOON = date.today() + timedelta(days=90)
NEXT_YEAR = {
    "held_on_0": str(_SOON.day),
    "held_on_1": str(_SOON.month),
    "held_on_2": str(_SOON.year),
}


def next_month(world):
    """A date a conversation may be booked for (at most a year ahead)."""
    from datetime import date, timedelta

    when = date.today() + timedelta(days=30)
    return {"held_on_0": when.day, "held_on_1": when.month, "held_on_2": when.year}


ROWS |= {
    # My team: for anyone with reports; a 403 for everyone else.
    "team/": Row({ANON: 302, **dict.fromkeys(SIGNED_IN, 403), "line_manager": 200,
                  "other_manager": 200}),
    "career/<num:person_pk>/": Row(the_two(200, 200), career),
    "career/<num:person_pk>/conversations/new/": Row(
        the_two(403, 302), career, method="post", data=next_month
    ),
    "conversations/<num:pk>/": Row(the_two(200, 200), conversation),
    "conversations/<num:pk>/notes/": Row(
        the_two(302, 302), conversation, method="post",
        data=lambda w: {"stage": "1", "text": "A note"},
    ),
    # The manager who keeps the record cancels it; the person may not.
    "conversations/<num:pk>/cancel/": Row(the_two(403, 200), conversation),
    # The manager's preparation is theirs alone: the person gets a 404.
    "conversations/<num:pk>/preparation/": Row(the_two(404, 200), conversation),
    "career/<num:person_pk>/placement/": Row(the_two(200, 200), career),
    "career/<num:person_pk>/placement/respond/": Row(the_two(200, 200), career, method="post"),
    "career/<num:person_pk>/plan/": Row(the_two(200, 200), career),
    # The person and their line manager write the plan together.
    "career/<num:person_pk>/plan/objectives/new/": Row(the_two(200, 200), career),
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/": Row(
        the_two(200, 200), objective
    ),
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/actions/": Row(
        the_two(302, 302), objective, method="post", data=lambda w: {"text": "Shadow a lead"}
    ),
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/actions/<num:action_pk>/": Row(
        the_two(200, 200), action
    ),
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/progress/": Row(
        the_two(200, 403), objective
    ),
    "career/<num:person_pk>/plan/suggestions/": Row(
        the_two(302, 302), career, method="post",
        data=lambda w: {"objective": w["objective"].pk, "initiative": w["initiative"].pk},
    ),
    # Both agree the plan; here the placement is not agreed yet, so both are told so.
    "career/<num:person_pk>/plan/agree/": Row(
        the_two(200, 200), career, method="post",
        data=lambda w: {"review_date_0": "1", "review_date_1": "3", "review_date_2": "2030"},
    ),
}  # fmt: skip


def world_extras(world):
    """The owner's journal this year (one section shared, one private), a
    conversation with their manager, a proposed placement and a plan; and the
    same conversation and plan for other_staff, whose ids (`twins`) the access
    matrix swaps in one at a time."""
    from learning.models import Initiative

    owner, manager = world["owner"], world["line_manager"]
    twin = _career(world["other_staff"], world["other_manager"], journal=False)
    return {
        **_career(owner, manager),
        "initiative": Initiative.objects.published().first(),
        "twins": {
            "person_pk": world["other_staff"].pk,
            "pk": twin["conversation"].pk,
            "objective_pk": twin["objective"].pk,
            "action_pk": twin["action"].pk,
        },
    }


def _career(owner, manager, journal=True):
    from datetime import date

    from careers.conversation import services as conversations
    from careers.journal import services
    from careers.plan import services as plans
    from learning.models import GrowthDirection, ImpactLevel, LearningCategory

    year = services.appraisal_year()
    if journal:
        journal = services.start_journal(person=owner, year=year)
        state = journal.section_states.get(section__key=SHARED)
        services.share_section(state=state, by=owner)
    talk = conversations.start_conversation(person=owner, by=manager, held_on=date.today())
    level, direction = ImpactLevel.objects.first(), GrowthDirection.objects.first()
    conversations.propose_placement(
        person=owner, by=manager, year=year, level=level, direction=direction,
        evidence="One-to-ones", target_level=level, target_direction=direction,
        target_reason="To lead the team",
    )  # fmt: skip
    plan = plans.plan_for(person=owner, year=year)
    goal = plans.save_objective(
        plan=plan, by=owner, term="short", what="Lead a ward audit", why="To grow",
        direction=direction, category=LearningCategory.objects.first(),
        target_date=date.today() + timedelta(days=365), success_measure="Audit presented",
    )  # fmt: skip
    step = plans.add_action(objective=goal, by=manager, text="Shadow a ward manager")
    return {"journal": journal, "conversation": talk, "objective": goal, "action": step}
