"""Applying the retention rules (rules.py): what is past its time is deleted, or for a
leaver, erased (privacy/erasure). `apply` reports counts by kind; with `dry_run` it
counts the same and writes nothing. docs/adr/0038-erasure-and-retention.md."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from ..erasure import services as erasure
from ..erasure.removal import Removal
from .models import RetentionRun
from .rules import setting

LEAVER_REASON = "Retention: left the organisation more than {years} years ago."


def years_before(day, years):
    """`day` moved back `years` years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Rule:
    """One rule: `kind` names what it removes in the report; `setting` its period;
    `due(now, period)` the queryset past its time."""

    kind: str
    setting: str
    due: callable


def _journals(now, years):
    today = timezone.localdate(now)
    # A journal of year Y belongs to the appraisal year ending 31 March Y+1.
    last_year = today.year - years - 1 - (1 if today <= date(today.year, 3, 31) else 0)
    return apps.get_model("careers.Journal").objects.filter(year__lte=last_year)


def _reads(now, years):
    cutoff = years_before(timezone.localdate(now), years)
    return apps.get_model("people.RecordView").objects.filter(
        viewed_at__lt=timezone.make_aware(datetime.combine(cutoff, time.min))
    )


def _downloads(now, days):
    return apps.get_model("frontend.PdfDownload").objects.filter(
        created_at__lt=now - timedelta(days=days)
    )


def _esr_imports(now, days):
    return apps.get_model("people.EsrImportRun").objects.filter(
        created_at__lt=now - timedelta(days=days)
    )


def _booklet_exports(now, _):
    return apps.get_model("appraisals.BookletExport").objects.filter(expires_at__lt=now)


def _sessions(now, _):
    """Sessions that have ended: Django leaves their rows (`clearsessions`), and one may
    hold the ID token of a sign-in or what someone typed after theirs ended."""
    return apps.get_model("sessions.Session").objects.filter(expire_date__lt=now)


def _leavers(now, years):
    cutoff = years_before(timezone.localdate(now), years)
    return apps.get_model("people.Person").objects.filter(
        is_active=False, left_on__lt=cutoff, erasure__isnull=True
    )


# Deleted by the rule, in this order. A new kind of record with a time limit is one
# Rule here (its setting in rules.DEFAULTS).
DELETED = [
    Rule("journals", "RETENTION_JOURNAL_YEARS", _journals),
    Rule("reads of records", "RETENTION_READ_AUDIT_YEARS", _reads),
    Rule("background PDFs", "RETENTION_DOWNLOAD_DAYS", _downloads),
    Rule("expired booklet exports", None, _booklet_exports),
    Rule("ESR import runs", "RETENTION_ESR_IMPORT_DAYS", _esr_imports),
    Rule("expired sessions", None, _sessions),
]
LEAVERS = Rule("leavers erased", "RETENTION_LEAVER_YEARS", _leavers)


def _period(rule):
    return setting(rule.setting) if rule.setting else 0


def apply(*, dry_run=False, now=None):
    """Apply every rule at `now`. Returns {kind: count} (every kind, zeros included);
    a leaver who cannot be erased yet (erasure.refusal) is counted under "leavers kept"
    and left. With `dry_run`, counts what would go and writes nothing; otherwise
    records a RetentionRun."""
    now = now or timezone.now()
    counts = {}
    run = None if dry_run else RetentionRun.objects.create(started_at=now)
    for rule in DELETED:
        period = _period(rule)
        if rule.setting and period <= 0:
            counts[rule.kind] = 0
            continue
        due = rule.due(now, period)
        if dry_run:
            counts[rule.kind] = due.count()
            continue
        removal = Removal()
        with transaction.atomic():
            counts[rule.kind] = removal.delete(due)
            removal.finish()
        removal.remove_files()
    counts[LEAVERS.kind], counts["leavers kept"] = _apply_leavers(now, dry_run)
    if run is not None:
        run.finished_at = timezone.now()
        run.counts = counts
        run.save(update_fields=["finished_at", "counts"])
    return counts


def _apply_leavers(now, dry_run):
    years = _period(LEAVERS)
    if years <= 0:
        return 0, 0
    erased = kept = 0
    for person in LEAVERS.due(now, years).order_by("pk"):
        if erasure.refusal(person, None):
            kept += 1
        elif dry_run:
            erased += 1
        else:
            erasure.erase(person, by=None, reason=LEAVER_REASON.format(years=years))
            erased += 1
    return erased, kept
