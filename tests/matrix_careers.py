"""Access-matrix rows for the careers app's URLs (see tests/matrix.py).

A journal is its author's. Their line manager reads a section only while it
is shared; nobody else (another manager, LED, HR, administrators) gets
anything of a journal, not even its existence (404).
"""

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
    "journal/<int:year>/": Row(owner_only(), year),
    "journal/<int:year>/check/": Row(owner_only(), year),
    "journal/<int:year>/pdf/": Row(owner_only(), year),
    "journal/<int:year>/sections/<slug:key>/": Row(owner_only(), section),
    # A signed-out autosave is answered (text kept for after sign-in), never saved.
    "journal/<int:year>/sections/<slug:key>/autosave/": Row(
        owner_only(anon=200), section, method="post", data=lambda w: {"owner": ""}
    ),
    "journal/<int:year>/sections/<slug:key>/share/": Row(owner_only(), section),
    "journal/<int:year>/sections/<slug:key>/withdraw/": Row(
        owner_only(302), section, method="post"
    ),
    "journal/shared/<int:person_pk>/": Row(manager_only(), lambda w: {"person_pk": w["owner"].pk}),
    "journal/shared/<int:person_pk>/<int:year>/<slug:key>/": Row(manager_only(), shared),
}


def world_extras(world):
    """The owner's journal this year, one section shared and one private."""
    from careers import services

    journal = services.start_journal(person=world["owner"], year=services.appraisal_year())
    state = journal.section_states.get(section__key=SHARED)
    services.share_section(state=state, by=world["owner"])
    return {"journal": journal}
