"""Access-matrix rows for the careers app's URLs (see tests/matrix.py)."""

ROWS = {}


def world_extras(world):
    """Objects the careers rows need, owned by world["owner"]; merged into the world."""
    return {}
