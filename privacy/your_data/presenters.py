"""What a person's data out says: the summary PDF's sections, the ZIP's README, and
how far a build has gone."""

import datetime
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from .models import DataExport

TABLES = {
    "profile": "Your staff record",
    "equality_monitoring": "Your equality monitoring answers",
    "journals": "Journals",
    "journal_answers": "Journal answers",
    "journal_answer_versions": "Every kept version of each journal answer",
    "journal_sharing": "Journal sections and their sharing",
    "journal_sharing_history": "Every change to a journal section's sharing",
    "conversations": "Career conversations",
    "conversation_notes": "Notes of career conversations",
    "placements": "Scope for Growth placements",
    "placement_events": "Steps of each placement",
    "plans": "Development plans",
    "plan_agreements": "Agreements to a development plan",
    "plan_objectives": "Objectives in a development plan",
    "plan_actions": "Actions towards an objective",
    "plan_progress": "Progress on an objective",
    "cpd_entries": "CPD entries",
    "cpd_evidence": "Evidence files on CPD entries",
    "evaluations": "Evaluations of learning",
    "evaluation_outcomes": "Learning outcomes in an evaluation",
    "bookmarks": "Saved learning",
    "appraisals": "Appraisals",
    "appraisal_values": "Values discussed in an appraisal",
    "appraisal_objectives": "Objectives agreed in an appraisal",
    "appraisal_reviews": "Reviews of last year's objectives",
    "appraisal_signatures": "Signatures on an appraisal",
    "appraisal_events": "Steps of each appraisal",
    "sealed_booklets": "Sealed appraisal booklets",
    "reads": "Who has looked at your records",
    "subject_access_requests": "Copies HR prepared for a subject access request",
}


def label(key):
    """ "shared_at" → "Shared at"."""
    return key.replace("_", " ").capitalize()


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T[0-9:.]+([+-]\d{2}:\d{2}|Z)?)?")


def when(text):
    """ "2026-12-01T09:38:24+00:00" → "1 December 2026, 09:38" (local time); a date
    alone → "1 December 2026"."""
    if "T" not in text:
        return date_format(datetime.date.fromisoformat(text), "j F Y")
    moment = datetime.datetime.fromisoformat(text)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y, H:i")


def _text(raw):
    if isinstance(raw, str) and ISO_DATE.fullmatch(raw):
        return when(raw)
    if raw is None or raw == "" or raw == [] or raw == {}:
        return "—"
    if raw is True:
        return "Yes"
    if raw is False:
        return "No"
    if isinstance(raw, list):
        return ", ".join(str(item) for item in raw)
    if isinstance(raw, dict):
        return "; ".join(f"{k}: {v}" for k, v in raw.items())
    return str(raw)


def record(row):
    """One row as (label, text) pairs; a coded value is shown by its words."""
    pairs = []
    for key, raw in row.items():
        if key.endswith("_label"):
            continue
        shown = row.get(f"{key}_label", raw)
        pairs.append((label(key), _text(shown)))
    return pairs


# Tables the summary PDF counts rather than prints, and what it says of them: every
# version of every journal answer would print the same long texts many times over.
COUNTED_IN_SUMMARY = {
    "journal_answer_versions": (
        "{count} kept in all, the latest text included: each answer above says how many "
        "of its versions were kept, one for each sitting that changed it. Every version, "
        "with its text and when it was saved, is in csv/journal_answer_versions.csv and "
        "json/journals.json."
    ),
}


def summary(person, areas):
    """The summary PDF's context: each area, its tables, each row as pairs (or, for a
    table in COUNTED_IN_SUMMARY, a sentence with how many rows it has)."""
    sections = [
        {"title": area.title,
         "tables": [_summary_table(name, rows) for name, rows in area.tables.items()]}
        for area in areas
    ]  # fmt: skip
    return {"person": person, "sections": sections, "today": timezone.localdate()}


def _summary_table(name, rows):
    table = {"title": TABLES.get(name, label(name)), "records": [], "note": ""}
    if name in COUNTED_IN_SUMMARY:
        table["note"] = COUNTED_IN_SUMMARY[name].format(count=len(rows))
    else:
        table["records"] = [record(row) for row in rows]
    return table


def readme(areas):
    """The ZIP's README: what each file holds."""
    lines = [
        "Everything Trellis holds about you.",
        "",
        "Your data – summary.pdf   a readable copy of all of it (journal answers: the",
        "                          latest text of each, and how many versions were kept)",
        "json/<area>.json          each area as JSON, one list of records a table",
        "csv/<table>.csv           each table as CSV (opens in a spreadsheet)",
        "files/                    your CPD evidence files and sealed appraisal booklets",
        "",
        "Tables:",
    ]
    for area in areas:
        for name, rows in area.tables.items():
            lines.append(f"  csv/{name}.csv: {TABLES.get(name, label(name))} ({len(rows)})")
    lines += [
        "",
        "Not included: your manager's private notes preparing a career conversation.",
        "",
        "Journal answers: Trellis keeps the text each sitting left an answer as, not",
        "every autosave. A new version is kept when you change an answer from another",
        "device or browser, after signing in again, or more than",
        f"{settings.JOURNAL_ANSWER_SITTING_MINUTES} minutes after you began changing it.",
        "csv/journal_answer_versions.csv has every version kept (the latest too, marked",
        "latest); in csv/journal_answers.csv, version is how many times an answer was",
        "saved and versions_kept how many of its texts were kept. The summary PDF",
        "prints the latest text of each answer and counts its versions.",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    percent: int
    words: str


def progress(export):
    """ "3 of 9 parts gathered" while building."""
    total = export.total or 1
    percent = math.floor(100 * export.done / total)
    if export.status == DataExport.Status.QUEUED:
        words = "Waiting to start"
    else:
        words = f"{export.done} of {total} parts gathered"
    return Progress(export.done, total, percent, words)


STATUS_TAG = {
    DataExport.Status.QUEUED: "grey",
    DataExport.Status.BUILDING: "blue",
    DataExport.Status.READY: "green",
    DataExport.Status.FAILED: "red",
}
