"""What an appraisal says, as one plain dictionary: the content a signature covers.

`content(appraisal)` lists every field the appraisal's pages and booklet show,
in a fixed order; `content_hash(appraisal)` is the SHA-256 of its canonical JSON
(sorted keys, no spaces, UTF-8). A signature records the hash of what the signer
saw, so anyone can tell later whether the words changed since
(docs/adr/0027-appraisal-states-and-signing.md).

The Scope for Growth placement and the development plan are read live from the
career record while nobody has signed; the first signature keeps them in
`Appraisal.career_snapshot`, and from then on the snapshot is what is shown.
"""

import hashlib
import json

from careers.booklet_sections import career_of


def career(appraisal):
    """The snapshot kept at the first signature, or the live career record before it
    (careers.booklet_sections: the same data the booklet shows)."""
    return career_of(appraisal)


def _date(value):
    return value.isoformat() if value else None


def content(appraisal):
    """Every field of `appraisal` its pages show, as plain data (a handful of queries).

    Each assessment appears once submitted: a draft is its writer's alone and is not
    part of what anyone signs."""
    a = appraisal
    return {
        "cycle": {"name": a.cycle.name, "year": a.cycle.year},
        "person": {"name": a.person.full_name, "job_title": a.person.job_title,
                   "pay_band": a.person.pay_band},
        "appraiser": {"name": a.appraiser.full_name if a.appraiser else None},
        "self_assessment": a.self_assessment if a.self_submitted_at else None,
        "manager_assessment": a.manager_assessment if a.manager_submitted_at else None,
        "meeting_date": _date(a.meeting_date),
        "next_review_date": _date(a.next_review_date),
        "values": [
            {"value": d.value.name, "examples": d.examples,
             "rating": d.rating.label if d.rating else None}
            for d in a.values.select_related("value", "rating")
        ],
        "objective_reviews": [
            {"what": r.what, "outcome": r.outcome, "comment": r.comment}
            for r in a.objective_reviews.all()
        ],
        "objectives": [
            {"what": o.what, "measure": o.measure, "due_by": _date(o.due_by),
             "supports": o.supports}
            for o in a.objectives.all()
        ],
        "wellbeing": {"held": a.wellbeing_held, "note": a.wellbeing_note},
        "pay_progression": {
            "outcome": a.pay_progression,
            "reason": a.pay_progression_reason,
            "training_confirmed_by_person": a.training_confirmed_by_person,
            "training_confirmed_by_manager": a.training_confirmed_by_manager,
        },
        "career": career(a),
    }  # fmt: skip


def canonical(data):
    """The one byte string a dictionary hashes as: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(appraisal):
    """SHA-256 (hex) of the canonical JSON of `content(appraisal)`."""
    return hashlib.sha256(canonical(content(appraisal))).hexdigest()


def content_for(appraisal, role):
    """`content(appraisal)` as a reader in `role` may see it now: the other writer's
    unsubmitted parts blanked (appraisals.access.drafts_hidden_from), with
    "hidden": {"person": bool, "appraiser": bool} saying which. Never hashed: what is
    signed is `content`, and by then both have submitted, so nothing is blanked."""
    from appraisals.access import drafts_hidden_from

    data = content(appraisal)
    hidden = drafts_hidden_from(appraisal, role)
    if "person" in hidden:
        for item in data["values"]:
            item["examples"] = ""
        for review in data["objective_reviews"]:
            review["outcome"], review["comment"] = "", ""
        data["objectives"] = []
        data["wellbeing"] = {"held": None, "note": ""}
        data["pay_progression"]["training_confirmed_by_person"] = False
    if "appraiser" in hidden:
        for item in data["values"]:
            item["rating"] = None
        data["pay_progression"].update(outcome="", reason="", training_confirmed_by_manager=False)
    data["hidden"] = {"person": "person" in hidden, "appraiser": "appraiser" in hidden}
    return data
