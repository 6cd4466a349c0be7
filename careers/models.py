"""The careers models, one topic a package; imported here so Django finds them."""

from .conversation.models import Conversation, ConversationNote, Placement, PlacementEvent
from .journal.models import (
    ANSWER_MAX_LENGTH,
    Answer,
    AnswerVersion,
    Journal,
    JournalSection,
    Question,
    QuestionBank,
    SectionState,
)
from .plan.models import DevelopmentPlan, Objective, PlanAction, PlanAgreement, ProgressUpdate

__all__ = [
    "ANSWER_MAX_LENGTH",
    "Answer",
    "AnswerVersion",
    "Conversation",
    "ConversationNote",
    "DevelopmentPlan",
    "Journal",
    "JournalSection",
    "Objective",
    "Placement",
    "PlacementEvent",
    "PlanAction",
    "PlanAgreement",
    "ProgressUpdate",
    "Question",
    "QuestionBank",
    "SectionState",
]
