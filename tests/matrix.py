"""Shared vocabulary of the access matrix (tests/test_access_matrix.py).

Each app keeps its rows in tests/matrix_<app>.py: a dict from URL route (as
the resolver prints it) to a Row. A Row's `kwargs(world)` builds the URL's
arguments from the world: the cast of people (owner, other_staff,
line_manager, other_manager, led, hr, administrator), their units, and what
each app's `world_extras` function adds (objects owned by `owner`).
"""

from dataclasses import dataclass, field

ANON = "anonymous"
ROLES = [
    ANON,
    "owner",
    "other_staff",
    "line_manager",
    "other_manager",
    "led",
    "hr",
    "administrator",
]
SIGNED_IN = ROLES[1:]


def signed_in(code):
    return {ANON: 302, **dict.fromkeys(SIGNED_IN, code)}


def everyone(code):
    return dict.fromkeys(ROLES, code)


@dataclass
class Row:
    """The status each role gets from one URL.

    `kwargs(world)` builds the URL's arguments; a POST-only URL sets
    `method="post"` and `data(world)` for the body it is sent.
    """

    expect: dict
    kwargs: callable = field(default=lambda world: {})
    method: str = "get"
    data: callable = field(default=lambda world: {})
