"""The CPD log's presenters: the appraisal year, the yearly summary and its chart,
and the CSV export. The HTML page and the PDF both draw from `summary()`."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone


def appraisal_year(today=None):
    """The appraisal year (April to March) that `today` falls in, by its first year.
    (The careers app has its own; learning never imports careers.)"""
    today = today or timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def year_bounds(year):
    return date(year, 4, 1), date(year + 1, 3, 31)


def year_label(year):
    return f"April {year} to March {year + 1}"


def in_year(entries, year):
    """Entries whose learning ended (or, if not yet ended, started) in the year."""
    first, last = year_bounds(year)
    return entries.annotate(on=Coalesce("ended_on", "started_on")).filter(
        on__gte=first, on__lte=last
    )


def summary(entries, categories, year):
    """Hours in the year, and each 70/20/10 category's share beside its guide share.

    In: CPD entries (a queryset), the 70/20/10 categories in order, an appraisal year.
    Out: year, label, total hours and `parts`, one a category: its hours, `percent` (of
    the year's hours, whole) and `guide` (its share_percent). The chart
    (learning/cpd/_chart.html) draws both percentages as bars on a 0 to 100 scale."""
    rows = in_year(entries, year).order_by().values("category_id").annotate(hours=Sum("hours"))
    tenth = Decimal("0.1")
    hours = {row["category_id"]: Decimal(row["hours"] or 0).quantize(tenth) for row in rows}
    total = sum(hours.values(), Decimal(0)).quantize(tenth)
    parts = []
    for category in categories:
        spent = hours.get(category.pk, Decimal(0)).quantize(tenth)
        percent = round(spent * 100 / total) if total else 0
        parts.append(
            {
                "category": category,
                "hours": spent,
                "percent": percent,
                "guide": category.share_percent,
            }
        )
    return {
        "year": year,
        "label": year_label(year),
        "total": total,
        "parts": parts,
    }


def years_with_entries(entries):
    """The appraisal years the log has entries in, newest first, with the current one."""
    years = {appraisal_year()}
    for started, ended in entries.values_list("started_on", "ended_on"):
        years.add(appraisal_year(ended or started))
    return sorted(years, reverse=True)


CSV_HEADERS = [
    "Title",
    "From the catalogue",
    "70/20/10 category",
    "Start date",
    "End date",
    "Hours",
    "Finished",
    "What I learned",
    "How I will apply it",
    "Sharing",
    "Evidence files",
]


def export_rows(entries):
    """The header and one row per entry, for the CSV download (frontend.exports)."""
    yield CSV_HEADERS
    for entry in entries:
        yield [
            entry.title,
            entry.initiative.title if entry.initiative else "",
            entry.category.name,
            entry.started_on,
            entry.ended_on,
            entry.hours,
            "Yes" if entry.done else "No",
            entry.learned,
            entry.apply,
            entry.share_label,
            "; ".join(e.name for e in entry.evidence.all()),
        ]
