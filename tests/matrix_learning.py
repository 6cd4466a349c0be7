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
    "learning/catalogue/<int:pk>/": Row(signed_in(200), _pk("initiative")),
    "learning/catalogue/<int:pk>/save/": Row(signed_in(302), _pk("initiative"), method="post"),
    "learning/catalogue/<int:pk>/unsave/": Row(signed_in(302), _pk("initiative"), method="post"),
    "learning/saved/": Row(signed_in(200)),
    "learning/curate/": Row(LED_ONLY),
    "learning/curate/new/": Row(LED_ONLY),
    "learning/curate/import/": Row(LED_ONLY),
    "learning/curate/export.csv": Row(LED_ONLY),
    "learning/curate/<int:pk>/": Row(LED_ONLY, _pk("draft_initiative")),
    "learning/curate/<int:pk>/edit/": Row(LED_ONLY, _pk("draft_initiative")),
    # Publishing and retiring are POST forms; LED are sent back to the preview.
    "learning/curate/<int:pk>/publish/": Row(
        LED_ONLY_POST, _pk("draft_initiative"), method="post"
    ),
    "learning/curate/<int:pk>/retire/": Row(LED_ONLY_POST, _pk("initiative"), method="post"),
}

assert all(set(row.expect) == set(ROLES) for row in ROWS.values())


def world_extras(world):
    """Objects the learning rows need, owned by world["owner"]; merged into the world."""
    from tests.factories_learning import BookmarkFactory, InitiativeFactory

    initiative = InitiativeFactory(title="Shadow a ward manager")
    draft = InitiativeFactory(title="A draft only LED see", draft=True, owner=world["led"])
    BookmarkFactory(person=world["owner"], initiative=initiative)
    return {"initiative": initiative, "draft_initiative": draft}
