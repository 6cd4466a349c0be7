"""Access-matrix rows for the learning app's URLs (see tests/matrix.py).

The catalogue is for every signed-in person; curation is the LED team's alone
(403 for everyone else); bookmarks act only on the signed-in person's own list.
"""

from tests.matrix import ANON, ROLES, SIGNED_IN, Row, signed_in

LED_ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 403), "led": 200}
LED_ONLY_POST = {ANON: 302, **dict.fromkeys(SIGNED_IN, 403), "led": 302}


def _pk(name):
    return lambda world: {"pk": world[name].pk}


ROWS = {
    "learning/catalogue/": Row(signed_in(200)),
    "learning/catalogue/<num:pk>/": Row(signed_in(200), _pk("initiative")),
    "learning/catalogue/<num:pk>/save/": Row(signed_in(302), _pk("initiative"), method="post"),
    "learning/catalogue/<num:pk>/unsave/": Row(signed_in(302), _pk("initiative"), method="post"),
    "learning/saved/": Row(signed_in(200)),
    "learning/curate/": Row(LED_ONLY),
    "learning/curate/new/": Row(LED_ONLY),
    "learning/curate/import/": Row(LED_ONLY),
    "learning/curate/insights/": Row(LED_ONLY),
    "learning/curate/insights.csv": Row(LED_ONLY),
    "learning/curate/export.csv": Row(LED_ONLY),
    "learning/curate/export.xlsx": Row(LED_ONLY),
    "learning/curate/<num:pk>/": Row(LED_ONLY, _pk("draft_initiative")),
    "learning/curate/<num:pk>/edit/": Row(LED_ONLY, _pk("draft_initiative")),
    # Uptake, ratings and evaluations of one initiative: LED only.
    "learning/curate/<num:pk>/results/": Row(LED_ONLY, _pk("initiative")),
    "learning/curate/<num:pk>/results.csv": Row(LED_ONLY, _pk("initiative")),
    "learning/curate/<num:pk>/results.xlsx": Row(LED_ONLY, _pk("initiative")),
    # Publishing and retiring are POST forms; LED are sent back to the preview.
    "learning/curate/<num:pk>/publish/": Row(
        LED_ONLY_POST, _pk("draft_initiative"), method="post"
    ),
    "learning/curate/<num:pk>/retire/": Row(LED_ONLY_POST, _pk("initiative"), method="post"),
}

# The CPD log: the owner's own; their line manager reads what is shared with them.
MINE = {**signed_in(404), ANON: 302, "owner": 200}
MINE_AND_SHARED = {**MINE, "line_manager": 200}
ROWS.update(
    {
        "learning/cpd/": Row(signed_in(200)),
        "learning/cpd/new/": Row(signed_in(200)),
        "learning/cpd/export.csv": Row(signed_in(200)),
        "learning/cpd/export.pdf": Row(signed_in(200)),
        "learning/cpd/<num:pk>/": Row(MINE_AND_SHARED, _pk("cpd_entry")),
        "learning/cpd/<num:pk>/edit/": Row(MINE, _pk("cpd_entry")),
        # An empty upload: the owner gets the page back with its error.
        "learning/cpd/<num:pk>/evidence/": Row(MINE, _pk("cpd_entry"), method="post"),
        # Evaluation is the person's own, even where the entry is shared.
        "learning/cpd/<num:pk>/evaluate/": Row(MINE, _pk("evaluated_entry")),
        "learning/cpd/<num:pk>/follow-up/": Row(MINE, _pk("evaluated_entry")),
        "learning/cpd/evidence/<num:pk>/": Row(MINE_AND_SHARED, _pk("evidence")),
        "learning/cpd/evidence/<num:pk>/remove/": Row(
            {**MINE, "owner": 302}, _pk("evidence"), method="post"
        ),
        "learning/cpd/team/<num:person_pk>/": Row(
            {**signed_in(404), ANON: 302, "line_manager": 200},
            lambda world: {"person_pk": world["owner"].pk},
        ),
    }
)

assert all(set(row.expect) == set(ROLES) for row in ROWS.values())


def world_extras(world):
    """Objects the learning rows need, owned by world["owner"]; merged into the world."""
    from tests.factories_learning import (
        BookmarkFactory,
        CPDEntryFactory,
        EvaluationFactory,
        EvidenceFactory,
        InitiativeFactory,
    )

    _test_media_root()

    initiative = InitiativeFactory(title="Shadow a ward manager")
    draft = InitiativeFactory(title="A draft only LED see", draft=True, owner=world["led"])
    BookmarkFactory(person=world["owner"], initiative=initiative)
    entry = CPDEntryFactory(person=world["owner"], shared_with_manager=True)
    evidence = EvidenceFactory(entry=entry)
    evaluated = CPDEntryFactory(
        person=world["owner"], initiative=initiative, shared_with_manager=True
    )
    evaluation = EvaluationFactory(entry=evaluated)
    return {
        "evaluated_entry": evaluated,
        "evaluation": evaluation,
        "initiative": initiative,
        "draft_initiative": draft,
        "cpd_entry": entry,
        "evidence": evidence,
    }


_media = []


def _test_media_root():
    """Evidence files written by the matrix go to a temporary directory, not media/."""
    if not _media:
        import tempfile

        from django.test import override_settings

        _media.append(override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="trellis-media-")))
        _media[0].enable()
