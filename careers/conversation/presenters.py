"""How a placement reads on pages and in PDFs."""

from ..models import Placement


def evidence_labels(placement):
    """The kinds of evidence for a placement, in words."""
    labels = dict(Placement.Evidence.choices)
    return [labels.get(kind, kind) for kind in placement.evidence_kinds] if placement else []
