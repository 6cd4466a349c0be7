"""How a placement reads on pages and in PDFs."""

from ..models import Placement


def evidence_labels(placement):
    """The kinds of evidence for a placement, in words."""
    labels = dict(Placement.Evidence.choices)
    return [labels.get(kind, kind) for kind in placement.evidence_kinds] if placement else []


def with_terms(placements, levels, directions):
    """Set each placement's levels and directions from `levels` and `directions`, the
    rows a page has read already (for the picture): its placements are then read
    without joining the four of them, which cost more to plan than to run. In: the
    placements, and every ImpactLevel and GrowthDirection; out: the placements."""
    level = {row.pk: row for row in levels}
    direction = {row.pk: row for row in directions}
    for placement in placements:
        for name, rows in (("level", level), ("target_level", level),
                           ("direction", direction), ("target_direction", direction)):  # fmt: skip
            row = rows.get(getattr(placement, f"{name}_id"))
            if row is not None:  # else read when shown, as before
                setattr(placement, name, row)
    return placements
