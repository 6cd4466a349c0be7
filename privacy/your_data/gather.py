"""Everything Trellis holds about one person, gathered area by area as plain tables
(lists of dicts of JSON values) and the files that go with them
(docs/adr/0037-your-data.md).

Each area is read with a fixed number of queries, however many records the person
has (tests/test_your_data.py pins the count). Only the person's own records are read,
by their owner: nothing of anyone else's, and never the manager's private preparation
notes for a career conversation (`Conversation.preparation`, the manager's own).
A journal answer's versions are the texts its sittings left it as
(careers/journal/versions.py): every one kept is exported, the latest included."""

from appraisals.models import (
    Appraisal,
    AppraisalEvent,
    AppraisalObjective,
    ObjectiveReview,
    SealedBooklet,
    Signature,
    ValueDiscussion,
)
from careers.models import (
    Answer,
    AnswerVersion,
    Conversation,
    ConversationNote,
    DevelopmentPlan,
    Journal,
    Objective,
    Placement,
    PlacementEvent,
    PlanAction,
    PlanAgreement,
    ProgressUpdate,
    SectionState,
)
from learning.models import Bookmark, CPDEntry, Evaluation, Evidence, OutcomeAnswer
from people.audit import what_was_read
from people.models import EqualityInformation, Person, RecordView

from .models import SubjectAccessRequest
from .rows import Area, name_of, pick, unique_names, value


def profile(person):
    found = Person.objects.select_related("unit", "line_manager").get(pk=person.pk)
    row = pick(found, ["email", "given_name", "family_name", "job_title", "pay_band",
                       "staff_group", "assignment_number", "employee_number", "is_active",
                       "date_joined", "last_login"])  # fmt: skip
    row["unit"] = found.unit.name if found.unit else ""
    row["line_manager"] = name_of(found.line_manager)
    # Your own equality monitoring answers (docs/adr/0033): nobody else sees them.
    equality = [
        pick(
            answers,
            [
                "ethnicity",
                "disability",
                "sex",
                "date_of_birth",
                "date_of_birth_withheld",
                "updated_at",
            ],
        )  # fmt: skip
        for answers in EqualityInformation.objects.filter(person=person)
    ]
    return Area("profile", "Your staff record",
                {"profile": [row], "equality_monitoring": equality})  # fmt: skip


def journals(person):
    area = Area("journals", "Your reflection journals")
    area.tables["journals"] = [
        {"journal_id": j.pk, **pick(j, ["year", "status", "ready_at", "created_at"]),
         "question_bank_version": j.bank.version}
        for j in Journal.objects.filter(person=person).select_related("bank").order_by("year")
    ]  # fmt: skip
    answers = list(
        Answer.objects.filter(journal__person=person)
        .select_related("journal", "question__section")
        .order_by("journal__year", "question__section__order", "question__order", "pk")
    )
    # The texts earlier sittings left each answer (careers/journal/versions.py).
    earlier = {}
    kept = AnswerVersion.objects.filter(answer__journal__person=person)
    for version in kept.order_by("answer_id", "version"):
        earlier.setdefault(version.answer_id, []).append(version)
    area.tables["journal_answers"] = [
        {"journal_id": a.journal_id, "year": a.journal.year,
         "section": a.question.section.title, "question": a.question.text,
         **pick(a, ["text", "scale_value", "choice", "follow_ups", "version", "updated_at"]),
         "versions_kept": len(earlier.get(a.pk, [])) + 1}
        for a in answers
    ]  # fmt: skip
    area.tables["journal_answer_versions"] = [
        row for a in answers for row in answer_versions(a, earlier.get(a.pk, []))
    ]
    states = (
        SectionState.objects.filter(journal__person=person)
        .select_related("journal__person", "section", "shared_with")
        .order_by("journal__year", "section__order")
    )
    area.tables["journal_sharing"] = [
        {"journal_id": s.journal_id, "year": s.journal.year, "section": s.section.title,
         **pick(s, ["status", "completed_at", "shared_at", "include_elsewhere"]),
         "shared_with": name_of(s.shared_with), "sharing_now": s.share_label}
        for s in states
    ]  # fmt: skip
    # Every change of a section's state and sharing, as django-simple-history kept it.
    history = (
        SectionState.history.filter(journal__person=person)
        .select_related("section", "shared_with", "history_user")
        .order_by("history_date", "history_id")
    )
    area.tables["journal_sharing_history"] = [
        {"journal_id": h.journal_id, "section": h.section.title,
         "changed_at": value(h.history_date), "changed_by": name_of(h.history_user),
         "status": h.status, "shared_at": value(h.shared_at),
         "shared_with": name_of(h.shared_with), "include_elsewhere": h.include_elsewhere}
        for h in history
    ]  # fmt: skip
    return area


def answer_versions(answer, earlier):
    """Every kept version of `answer`, oldest first, numbered from 1: the texts earlier
    sittings left (`earlier`, its AnswerVersions in order), then the latest."""
    where = {
        "journal_id": answer.journal_id,
        "year": answer.journal.year,
        "section": answer.question.section.title,
        "question": answer.question.text,
    }
    kept = [(v, v.started_at, v.saved_at, False) for v in earlier]
    kept.append((answer, answer.sitting_started_at, answer.updated_at, True))
    return [
        {**where, "kept_version": n, "latest": latest,
         **pick(v, ["text", "scale_value", "choice", "follow_ups"]),
         "saved_as_version": v.version, "sitting_began": value(began),
         "saved_at": value(saved)}
        for n, (v, began, saved, latest) in enumerate(kept, start=1)
    ]  # fmt: skip


# The fields of a career conversation the person may have: never `preparation`.
CONVERSATION_FIELDS = ["held_on", "adjustments", "adjustments_notes", "created_at",
                       "cancelled_at", "cancel_reason"]  # fmt: skip


def conversations(person):
    area = Area("conversations", "Your career conversations")
    found = (
        Conversation.objects.filter(person=person)
        .only("pk", "manager", "cancelled_by", *CONVERSATION_FIELDS)
        .select_related("manager", "cancelled_by")
        .order_by("held_on", "pk")
    )
    area.tables["conversations"] = [
        {"conversation_id": c.pk, "manager": name_of(c.manager),
         **pick(c, CONVERSATION_FIELDS), "cancelled_by": name_of(c.cancelled_by)}
        for c in found
    ]  # fmt: skip
    notes = (
        ConversationNote.objects.filter(conversation__person=person)
        .select_related("author")
        .order_by("conversation__held_on", "conversation_id", "stage", "created_at", "pk")
    )
    area.tables["conversation_notes"] = [
        {"conversation_id": n.conversation_id, "author": name_of(n.author),
         **pick(n, ["stage", "text", "created_at"])}
        for n in notes
    ]  # fmt: skip
    return area


def placements(person):
    area = Area("placements", "Your Scope for Growth placements")
    found = (
        Placement.objects.filter(person=person)
        .select_related("level", "direction", "target_level", "target_direction", "proposed_by")
        .order_by("year")
    )
    area.tables["placements"] = [
        {"placement_id": p.pk, "year": p.year, "level": str(p.level),
         "direction": str(p.direction), "evidence": p.evidence,
         "evidence_kinds": p.evidence_kinds, "target_level": str(p.target_level),
         "target_direction": str(p.target_direction), "target_reason": p.target_reason,
         **pick(p, ["status", "agreed_at"]), "proposed_by": name_of(p.proposed_by)}
        for p in found
    ]  # fmt: skip
    events = (
        PlacementEvent.objects.filter(placement__person=person)
        .select_related("actor")
        .order_by("at", "pk")
    )
    area.tables["placement_events"] = [
        {"placement_id": e.placement_id, "by": name_of(e.actor),
         **pick(e, ["action", "comment", "summary", "at"])}
        for e in events
    ]  # fmt: skip
    return area


def plans(person):
    area = Area("plans", "Your development plans")
    area.tables["plans"] = [
        {"plan_id": p.pk, **pick(p, ["year", "status", "review_date", "agreed_at", "version"])}
        for p in DevelopmentPlan.objects.filter(person=person).order_by("year")
    ]
    area.tables["plan_agreements"] = [
        {"plan_id": a.plan_id, "agreed_by": name_of(a.agreed_by),
         **pick(a, ["plan_version", "at"])}
        for a in PlanAgreement.objects.filter(plan__person=person).select_related("agreed_by")
        .order_by("at", "pk")
    ]  # fmt: skip
    objectives = (
        Objective.objects.filter(plan__person=person)
        .select_related("direction", "category")
        .order_by("plan__year", "term", "target_date", "pk")
    )
    area.tables["plan_objectives"] = [
        {"objective_id": o.pk, "plan_id": o.plan_id,
         **pick(o, ["term", "what", "why"]), "direction": str(o.direction),
         "category": str(o.category), "support": o.support_labels,
         **pick(o, ["target_date", "success_measure", "status", "created_at"])}
        for o in objectives
    ]  # fmt: skip
    area.tables["plan_actions"] = [
        {"objective_id": a.objective_id, **pick(a, ["text", "created_at"]),
         "initiative": a.initiative.title if a.initiative else ""}
        for a in PlanAction.objects.filter(objective__plan__person=person)
        .select_related("initiative").order_by("objective_id", "created_at", "pk")
    ]  # fmt: skip
    area.tables["plan_progress"] = [
        {"objective_id": u.objective_id, "by": name_of(u.author),
         **pick(u, ["status", "note", "at"])}
        for u in ProgressUpdate.objects.filter(objective__plan__person=person)
        .select_related("author").order_by("at", "pk")
    ]  # fmt: skip
    return area


def evidence_name(evidence):
    """Where an evidence file goes in the ZIP: under its entry, by the person's file name
    (the stored name is random)."""
    from appraisals.exports.assembly import safe_name

    return f"cpd-evidence/{evidence.entry_id} – {safe_name(evidence.name, str(evidence.pk))}"


def cpd(person):
    area = Area("cpd", "Your CPD log and evaluations")
    entries = (
        CPDEntry.objects.filter(person=person)
        .select_related("person", "category", "initiative", "shared_with")
        .order_by("started_on", "pk")
    )
    area.tables["cpd_entries"] = [
        {"entry_id": e.pk, **pick(e, ["title", "started_on", "ended_on", "hours", "learned",
                                      "apply", "done", "shared_with_manager"]),
         "category": str(e.category), "initiative": e.initiative.title if e.initiative else "",
         "shared_with": name_of(e.shared_with), "sharing_now": e.share_label,
         **pick(e, ["created_at", "updated_at"])}
        for e in entries
    ]  # fmt: skip
    evidence = list(Evidence.objects.filter(entry__person=person).order_by("entry_id", "pk"))
    names = unique_names(evidence_name(e) for e in evidence)
    area.tables["cpd_evidence"] = [
        {"entry_id": e.entry_id, **pick(e, ["name", "content_type", "size", "uploaded_at"]),
         "file_in_zip": f"files/{name}"}
        for e, name in zip(evidence, names, strict=True)
    ]  # fmt: skip
    area.files.update({name: e.file for e, name in zip(evidence, names, strict=True)})
    evaluations = (
        Evaluation.objects.filter(entry__person=person)
        .select_related("initiative")
        .order_by("evaluated_at", "pk")
    )
    area.tables["evaluations"] = [
        {"evaluation_id": v.pk, "entry_id": v.entry_id, "initiative": v.initiative.title,
         **pick(v, ["rating", "review", "evaluated_at", "follow_up_due", "applied_level",
                    "applied", "applied_at"])}
        for v in evaluations
    ]  # fmt: skip
    area.tables["evaluation_outcomes"] = [
        {"evaluation_id": o.evaluation_id, **pick(o, ["position", "outcome", "achieved", "note"])}
        for o in OutcomeAnswer.objects.filter(evaluation__entry__person=person)
        .order_by("evaluation_id", "position")
    ]  # fmt: skip
    area.tables["bookmarks"] = [
        {"initiative": b.initiative.title}
        for b in Bookmark.objects.filter(person=person).select_related("initiative")
        .order_by("initiative__title", "pk")
    ]  # fmt: skip
    return area


APPRAISAL_FIELDS = ["status", "self_assessment", "self_submitted_at", "manager_assessment",
                    "manager_submitted_at", "meeting_date", "next_review_date",
                    "wellbeing_held", "wellbeing_note", "pay_progression",
                    "pay_progression_reason", "training_confirmed_by_person",
                    "training_confirmed_by_manager", "created_at", "completed_at"]  # fmt: skip


# The appraiser's part, a draft until they submit it: "a draft is its writer's alone"
# (appraisals/appraisal/content.py), so the person reads it only once submitted.
APPRAISER_DRAFT = ["manager_assessment", "pay_progression", "pay_progression_reason",
                   "training_confirmed_by_manager"]  # fmt: skip


def appraiser_draft_held_back(appraisal, row):
    """`row` with the appraiser's part emptied while it is still their draft."""
    if appraisal.manager_submitted_at:
        return row
    for name in APPRAISER_DRAFT:
        row[name] = None
        row.pop(f"{name}_label", None)
    return row


def appraisals(person):
    from appraisals.exports.assembly import safe_name

    area = Area("appraisals", "Your appraisals and their booklets")
    found = (
        Appraisal.objects.filter(person=person)
        .select_related("cycle", "appraiser")
        .order_by("cycle__year", "cycle__opens_on", "pk")
    )
    area.tables["appraisals"] = [
        {"appraisal_id": a.pk, "cycle": a.cycle.name, "appraiser": name_of(a.appraiser),
         **appraiser_draft_held_back(a, pick(a, APPRAISAL_FIELDS)),
         "career_snapshot": a.career_snapshot}
        for a in found
    ]  # fmt: skip
    mine = {"appraisal__person": person}
    area.tables["appraisal_values"] = [
        {"appraisal_id": v.appraisal_id, "value": str(v.value), "examples": v.examples,
         "rating": str(v.rating) if v.rating and v.appraisal.manager_submitted_at else ""}
        for v in ValueDiscussion.objects.filter(**mine)
        .select_related("appraisal", "value", "rating")
        .order_by("appraisal_id", "value__order", "pk")
    ]  # fmt: skip
    area.tables["appraisal_objectives"] = [
        {"appraisal_id": o.appraisal_id, **pick(o, ["what", "measure", "due_by", "supports"])}
        for o in AppraisalObjective.objects.filter(**mine).order_by("appraisal_id", "order", "pk")
    ]
    area.tables["appraisal_reviews"] = [
        {"appraisal_id": r.appraisal_id, **pick(r, ["what", "outcome", "comment"])}
        for r in ObjectiveReview.objects.filter(**mine).order_by("appraisal_id", "order", "pk")
    ]
    area.tables["appraisal_signatures"] = [
        {"appraisal_id": s.appraisal_id, **pick(s, ["role", "name", "job_title",
                                                    "appraisal_version", "signed_at",
                                                    "cleared_at"])}
        for s in Signature.objects.filter(**mine).order_by("appraisal_id", "signed_at", "pk")
    ]  # fmt: skip
    area.tables["appraisal_events"] = [
        {"appraisal_id": e.appraisal_id, "by": name_of(e.actor),
         **pick(e, ["action", "from_status", "to_status", "detail", "at"])}
        for e in AppraisalEvent.objects.filter(**mine).select_related("actor")
        .order_by("appraisal_id", "at", "pk")
    ]  # fmt: skip
    sealed = list(
        SealedBooklet.objects.filter(**mine).select_related("appraisal__cycle")
        .order_by("sealed_at", "pk")
    )  # fmt: skip
    names = unique_names(
        f"appraisal-booklets/{safe_name(s.appraisal.cycle.name, 'Appraisal')} – sealed "
        f"{s.sealed_at:%Y-%m-%d}.pdf"
        for s in sealed
    )
    area.tables["sealed_booklets"] = [
        {"appraisal_id": s.appraisal_id, **pick(s, ["appraisal_version", "sha256", "sealed_at",
                                                    "superseded_at"]),
         "file_in_zip": f"files/{name}"}
        for s, name in zip(sealed, names, strict=True)
    ]  # fmt: skip
    area.files.update({name: s.file for s, name in zip(sealed, names, strict=True)})
    return area


def reads(person):
    """Who read the person's records: every read by someone else, in plain words."""
    found = (
        RecordView.objects.filter(subject=person)
        .select_related("viewer", "content_type")
        .order_by("viewed_at", "pk")
    )
    rows = [{"when": value(r.viewed_at), "who": name_of(r.viewer), "what": what_was_read(r)}
            for r in found]  # fmt: skip
    requests = SubjectAccessRequest.objects.filter(person=person).select_related("prepared_by")
    return Area("reads", "Who has looked at your records", {
        "reads": rows,
        "subject_access_requests": [
            {"at": value(s.at), "prepared_by": name_of(s.prepared_by), "reference": s.reference}
            for s in requests.order_by("at", "pk")
        ],
    })  # fmt: skip


# In the order they are gathered, shown and written.
AREAS = [profile, journals, conversations, placements, plans, cpd, appraisals, reads]
