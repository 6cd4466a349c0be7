"""A person with something in every area of their data, for the tests of a person's
data out: `everything(person, phrase)` plants `phrase` in each of their records."""

from django.utils import timezone

from careers.models import Question, SectionState
from learning.models import OutcomeAnswer
from tests.factories import RecordViewFactory
from tests.factories_appraisals import SealedBookletFactory
from tests.factories_booklet import complete_appraisal
from tests.factories_careers import (
    AnswerFactory,
    AnswerVersionFactory,
    ConversationFactory,
    ConversationNoteFactory,
    DevelopmentPlanFactory,
    JournalFactory,
    ObjectiveFactory,
    PlacementEventFactory,
    PlacementFactory,
    PlanActionFactory,
    ProgressUpdateFactory,
)
from tests.factories_learning import CPDEntryFactory, EvaluationFactory, EvidenceFactory

EVIDENCE_BYTES = b"%PDF-1.4\n% evidence of the handover course\n"
SEALED_BYTES = b"%PDF-1.7\n% the sealed booklet\n"


def everything(person, phrase, *, journals=1):
    """Records of `person` (who has a line manager) in every area, each holding
    `phrase`; `journals` journals (years back from this one), each with an answer and
    an earlier version of it. Returns them by name."""
    manager = person.line_manager
    made = {}
    for n in range(journals):
        journal = JournalFactory(person=person, year=timezone.localdate().year - n)
        question = Question.objects.filter(section__bank=journal.bank).first()
        answer = AnswerFactory(journal=journal, question=question, version=3,
                               text=f"{phrase} journal answer {n}")  # fmt: skip
        AnswerVersionFactory(answer=answer, version=1, text=f"{phrase} first draft {n}")
        state = SectionState.objects.get(journal=journal, section=question.section)
        state.shared_at, state.shared_with = timezone.now(), manager
        state.save()
    made["journal"] = journal
    conversation = ConversationFactory(person=person, manager=manager,
                                       adjustments_notes=f"{phrase} adjustments")  # fmt: skip
    ConversationNoteFactory(conversation=conversation, author=person, text=f"{phrase} note")
    made["conversation"] = conversation
    placement = PlacementFactory(person=person, evidence=f"{phrase} placement evidence")
    PlacementEventFactory(placement=placement, actor=manager, comment=f"{phrase} event")
    plan = DevelopmentPlanFactory(person=person)
    objective = ObjectiveFactory(plan=plan, what=f"{phrase} objective")
    PlanActionFactory(objective=objective, text=f"{phrase} action")
    ProgressUpdateFactory(objective=objective, author=person, note=f"{phrase} progress")
    entry = CPDEntryFactory(person=person, learned=f"{phrase} learned")
    EvidenceFactory(entry=entry, name="handover certificate.pdf",
                    file__data=EVIDENCE_BYTES, size=len(EVIDENCE_BYTES))  # fmt: skip
    evaluation = EvaluationFactory(entry__person=person, review=f"{phrase} review")
    OutcomeAnswer.objects.create(evaluation=evaluation, position=1, outcome="Run a handover",
                                 achieved="fully", note=f"{phrase} outcome")  # fmt: skip
    appraisal = complete_appraisal(person, text=f"{phrase} appraisal")
    SealedBookletFactory(appraisal=appraisal, appraisal_version=appraisal.version,
                         file__data=SEALED_BYTES)  # fmt: skip
    made["appraisal"] = appraisal
    RecordViewFactory(viewer=manager, subject=person, path=f"/people/{person.pk}/")
    return made
