"""The booklet sections the appraisals app contributes (registered in AppConfig.ready()).

Each reads the appraisal through the read-only account (appraisals/appraisal/presenters.py),
the same functions the appraisal pages' summary uses. careers and learning register
their own sections in their AppConfig.ready() (frontend/booklet.py)."""

from frontend.booklet import BookletSection
from frontend.booklet import register as add

from ..appraisal import presenters

T = "appraisals/booklet/sections/"  # where the sections' templates live


def _reviews(appraisal):
    return {"reviews": presenters.reviews(appraisal)}


def _values(appraisal):
    return {"values": presenters.values(appraisal)}


def _assessments(appraisal):
    self_assessment, manager_assessment = presenters.assessments(appraisal)
    return {"assessments": [self_assessment, manager_assessment]}


def _objectives(appraisal):
    return {"objectives": presenters.objectives(appraisal)}


def _wellbeing(appraisal):
    return {"wellbeing": presenters.wellbeing(appraisal)}


def _pay(appraisal):
    return {"pay": presenters.pay_progression(appraisal)}


def _sign_off(appraisal):
    return {
        "meeting": presenters.meeting(appraisal),
        "signatures": presenters.signatures(appraisal),
        "reopenings": presenters.reopenings(appraisal),
    }


def _reading(*parts):
    """A section's `reads`: the presenters' Reads of `parts` (presenters.reads)."""
    return lambda appraisal: presenters.reads(appraisal, *parts)


# Orders leave room between them for other apps' sections (careers: 50-70; learning: 80).
SECTIONS = [
    BookletSection("last-year", "Last year's objectives", 10, f"{T}reviews.html", _reviews,
                   _reading("reviews")),
    BookletSection("values", "Values and behaviours", 20, f"{T}values.html", _values,
                   _reading("values")),
    BookletSection("assessments", "Self-assessment and manager's assessment", 30,
                   f"{T}assessments.html", _assessments),
    BookletSection("objectives", "This year's objectives", 40, f"{T}objectives.html", _objectives,
                   _reading("objectives")),
    BookletSection("wellbeing", "Well-being conversation", 90, f"{T}wellbeing.html", _wellbeing),
    BookletSection("pay-progression", "Agenda for Change pay progression", 100,
                   f"{T}pay.html", _pay),
    BookletSection("sign-off", "Meeting and sign-off", 110, f"{T}sign_off.html", _sign_off,
                   _reading("signatures", "reopenings")),
]  # fmt: skip


def register():
    """Register the appraisals app's booklet sections, and the booklet as a PDF
    (frontend/documents.py: the bound and background build of a long one)."""
    from frontend.documents import register as add_document

    from .services import DOCUMENT

    for section in SECTIONS:
        add(section)
    add_document(DOCUMENT)
