"""The appraisals models, one topic a package; imported here so Django finds them."""

from .appraisal.models import (
    Appraisal,
    AppraisalEvent,
    AppraisalObjective,
    ObjectiveReview,
    OrganisationValue,
    RatingLevel,
    Signature,
    ValueDiscussion,
)
from .booklet.models import SealedBooklet
from .cycles.models import AppraisalCycle, CycleRun
from .exports.models import BookletExport, BookletExportItem
from .reminders.models import ReminderPreference, ReminderSent
from .reports.models import FiguresStamp

__all__ = [
    "Appraisal",
    "AppraisalCycle",
    "AppraisalEvent",
    "AppraisalObjective",
    "BookletExport",
    "BookletExportItem",
    "CycleRun",
    "FiguresStamp",
    "ObjectiveReview",
    "OrganisationValue",
    "RatingLevel",
    "ReminderPreference",
    "ReminderSent",
    "SealedBooklet",
    "Signature",
    "ValueDiscussion",
]
