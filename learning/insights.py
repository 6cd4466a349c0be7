"""Management information for LED: uptake of learning by organisation unit and by
70/20/10 category, the most used initiatives and those nobody has used, each with a
chart and a table. Counts only, never names, and small counts hidden (learning/disclosure.py);
a fixed number of queries at any size."""

from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from . import access, cpd, disclosure
from .charts import bar_chart

TOP = 10  # most used initiatives
UNITS_IN_CHART = 15
UNUSED_LISTED = 50


def years():
    """The appraisal years LED may choose between: this one and the four before."""
    this_year = cpd.appraisal_year()
    return list(range(this_year, this_year - 5, -1))


def _tenth(value):
    return Decimal(value or 0).quantize(Decimal("0.1"))


def management_information(*, user, year=None, unused_listed=UNUSED_LISTED):
    entries = access.cpd_entries_for_results(user)
    if year is not None:
        entries = cpd.in_year(entries, year)
    from_catalogue = entries.filter(initiative__isnull=False)
    totals = entries.aggregate(  # 1 query
        entries=Count("pk"),
        people=Count("person", distinct=True),
        from_catalogue=Count("pk", filter=Q(initiative__isnull=False)),
        hours=Sum("hours"),
    )
    totals["hours"] = _tenth(totals["hours"])
    totals = _hide(totals, counts=("entries", "from_catalogue"), derived=("hours",))
    units = _hide(_by_unit(entries), counts=("entries", "from_catalogue"), derived=("hours",))
    categories = _hide(
        _by_category(entries, access.categories()),  # 2 queries
        counts=("entries",),
        derived=("hours", "percent"),
    )
    used = _hide(
        _most_used(from_catalogue, user), counts=("entries", "bookmarks"), derived=("rating",)
    )
    published = access.initiatives_curated_by(user).published()
    unused = published.exclude(pk__in=from_catalogue.values("initiative_id"))
    return {
        "year": year,
        "label": cpd.year_label(year) if year is not None else "All years",
        "totals": totals,
        "units": units,
        "units_chart": bar_chart(
            "units-chart",
            "CPD entries by organisation unit",
            [(u["name"], u["entries"], str(u["entries"])) for u in _shown(units, "entries")][
                :UNITS_IN_CHART
            ],
            empty=disclosure.chart_empty(units),
        ),
        "categories": categories,
        "categories_chart": bar_chart(
            "categories-chart",
            "Share of hours by 70/20/10 category",
            [
                (c["category"].name, c["percent"], f"{c['percent']}% (guide {c['guide']}%)")
                for c in _shown(categories, "percent")
            ],
            empty=disclosure.chart_empty([c for c in categories if c["entries"]]),
        ),
        "used": used,
        "used_chart": bar_chart(
            "used-chart",
            "Most used initiatives by CPD entries",
            [(u["title"], u["entries"], str(u["entries"])) for u in _shown(used, "entries")],
            empty=disclosure.chart_empty(used),
        ),
        "published": published.count(),  # 1 query
        "unused_count": unused.count(),  # 1 query
        "unused": list(  # 1 query
            unused.select_related("category").order_by("title", "pk")[:unused_listed]
        ),
        "hidden_note": disclosure.note(),
    }


def _hide(rows, *, counts, derived):
    """Small numbers hidden, each row's people being its base (learning/disclosure.py).
    A single dict (the totals) or a list of them."""
    if isinstance(rows, dict):
        return disclosure.table([rows], base="people", counts=counts, derived=derived)[0]
    return disclosure.table(rows, base="people", counts=counts, derived=derived)


def _shown(rows, key):
    """The rows a chart draws: those whose `key` figure is shown (the table lists all)."""
    return [row for row in rows if not disclosure.is_hidden(row[key])]


def _by_unit(entries):
    rows = (
        entries.order_by()
        .values("person__unit_id", "person__unit__name", "person__unit__kind")
        .annotate(
            entries=Count("pk"),
            from_catalogue=Count("pk", filter=Q(initiative__isnull=False)),
            people=Count("person", distinct=True),
            hours=Sum("hours"),
        )
        .order_by("-entries", "person__unit__name")
    )
    return [
        {
            "name": row["person__unit__name"] or "No unit",
            "kind": row["person__unit__kind"] or "",
            "entries": row["entries"],
            "from_catalogue": row["from_catalogue"],
            "people": row["people"],
            "hours": _tenth(row["hours"]),
        }
        for row in rows
    ]


def _by_category(entries, categories):
    rows = (
        entries.order_by()
        .values("category_id")
        .annotate(n=Count("pk"), hours=Sum("hours"), people=Count("person", distinct=True))
    )
    found = {row["category_id"]: row for row in rows}
    total = sum((_tenth(row["hours"]) for row in found.values()), Decimal(0))
    parts = []
    for category in categories:
        row = found.get(category.pk, {"n": 0, "hours": 0, "people": 0})
        hours = _tenth(row["hours"])
        parts.append(
            {
                "category": category,
                "entries": row["n"],
                "people": row["people"],
                "hours": hours,
                "percent": round(hours * 100 / total) if total else 0,
                "guide": category.share_percent,
            }
        )
    return parts


def _most_used(from_catalogue, user):
    top = list(
        from_catalogue.order_by()
        .values("initiative_id", "initiative__title", "initiative__status")
        .annotate(entries=Count("pk"), people=Count("person", distinct=True))
        .order_by("-entries", "initiative__title")[:TOP]
    )
    ids = [row["initiative_id"] for row in top]
    ratings = dict(
        access.evaluations_for_results(user)
        .filter(initiative_id__in=ids)
        .order_by()
        .values("initiative_id")
        .annotate(average=Avg("rating"))
        .values_list("initiative_id", "average")
    )
    bookmarks = dict(
        access.bookmarks_for_results(user)
        .filter(initiative_id__in=ids)
        .order_by()
        .values("initiative_id")
        .annotate(n=Count("pk"))
        .values_list("initiative_id", "n")
    )
    return [
        {
            "pk": row["initiative_id"],
            "title": row["initiative__title"],
            "status": row["initiative__status"],
            "entries": row["entries"],
            "people": row["people"],
            "bookmarks": bookmarks.get(row["initiative_id"], 0),
            "rating": _tenth(ratings[row["initiative_id"]])
            if ratings.get(row["initiative_id"]) is not None
            else None,
        }
        for row in top
    ]


def export_rows(*, user, year=None):
    """The page's tables as the rows of one CSV (frontend.exports), a titled section
    each, every unused initiative listed: counts only, never names. Empty of figures
    for anyone who is not LED."""
    mi = management_information(user=user, year=year, unused_listed=None)
    totals = mi["totals"]
    sections = [
        (
            "Totals",
            ["CPD entries", "From the catalogue", "People recording learning", "Hours"],
            [[totals["entries"], totals["from_catalogue"], totals["people"], totals["hours"]]],
        ),
        (
            "By 70/20/10 category",
            ["Category", "Entries", "Hours", "Share of hours (%)", "Guide (%)"],
            [
                [c["category"].name, c["entries"], c["hours"], c["percent"], c["guide"]]
                for c in mi["categories"]
            ],
        ),
        (
            "By organisation unit",
            ["Unit", "Kind", "Entries", "From the catalogue", "People", "Hours"],
            [
                [u["name"], u["kind"], u["entries"], u["from_catalogue"], u["people"], u["hours"]]
                for u in mi["units"]
            ],
        ),
        (
            "Most used initiatives",
            ["Initiative", "Status", "Entries", "People", "Saved", "Average rating"],
            [
                [
                    u["title"],
                    u["status"],
                    u["entries"],
                    u["people"],
                    u["bookmarks"],
                    "" if u["rating"] is None else u["rating"],
                ]
                for u in mi["used"]
            ],
        ),
        (
            f"Unused initiatives ({mi['unused_count']} of {mi['published']} published)",
            ["Initiative", "70/20/10 category"],
            [[i.title, i.category.name] for i in mi["unused"]],
        ),
    ]
    yield [f"Management information: uptake of learning, {mi['label']}"]
    yield [mi["hidden_note"]]
    for title, header, rows in sections:
        yield []
        yield [title]
        yield header
        yield from rows
