"""Access-matrix rows for the learning app's URLs (see tests/matrix.py)."""

ROWS = {}


def world_extras(world):
    """Objects the learning rows need, owned by world["owner"]; merged into the world."""
    return {}
