"""Access-matrix rows for the appraisals app's cycles URLs (see tests/matrix.py)."""

ROWS = {}


def world_extras(world):
    """What these rows need beyond the cast: keys added to the matrix world."""
    return {}
