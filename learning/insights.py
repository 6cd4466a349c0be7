"""Management information for LED: uptake of learning by organisation unit and by
70/20/10 category, the most used initiatives and those nobody has used, each with a
chart and a table. Counts only, never names, and small counts hidden (learning/disclosure.py);
a fixed number of queries at any size.

Units are a tree of a thousand or more: the page shows one level at a time, each unit
with the figures of everyone in it and below it, and a link down to the level beneath;
the CSV lists every unit on its own. PostgreSQL sorts every row of a grouping that
counts distinct people (to disk at 40,000 entries), so the totals and the units count
people from the people table, each once, and the most used initiatives count the
people of the top ten only."""

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404

from frontend.parse import whole_number
from people.models import OrganisationUnit, Person

from . import access, cpd, disclosure, uptake_stamp
from .charts import bar_chart

TOP = 10  # most used initiatives
UNITS_IN_CHART = 15
UNUSED_LISTED = 50
PREFIX = "learning:uptake"
CACHE_SECONDS = 60 * 60


def years():
    """The appraisal years LED may choose between: this one and the four before."""
    this_year = cpd.appraisal_year()
    return list(range(this_year, this_year - 5, -1))


def chosen_unit(value):
    """The organisation unit whose id is `value` (text from the page's links), or None
    for no value. Raises Http404 for any other text or an unknown id."""
    if value is None:
        return None
    return get_object_or_404(OrganisationUnit, pk=whole_number(value))


def _tenth(value):
    return Decimal(value or 0).quantize(Decimal("0.1"))


def management_information(
    *, user, year=None, unit=None, unused_listed=UNUSED_LISTED, every_unit=False
):
    """What the page shows, for `year` (None: all years). `unit`: the organisation
    unit whose level below the units table shows (None: the top of the tree, or the
    level below it when the tree has one root). `every_unit`: the units table lists
    every unit on its own instead (the CSV). Counts of 1 to 4 hidden (disclosure).

    Cached under the catalogue's tokens (learning/uptake_stamp.py), which change with
    anything counted here, so a figure is never stale: one query on a warm cache,
    where counting 40,000 CPD entries took about 36 ms (docs/adr/0055)."""
    shown = unit.pk if unit is not None else ""
    key = ":".join(
        [PREFIX, *uptake_stamp.tokens(), str(access.can_curate(user)), str(year), str(shown),
         str(unused_listed), str(every_unit), str(disclosure.threshold())]
    )  # fmt: skip
    found = cache.get(key)
    if found is None:
        found = _count(user=user, year=year, unit=unit, unused_listed=unused_listed,
                       every_unit=every_unit)  # fmt: skip
        cache.set(key, found, CACHE_SECONDS)
    return found


def _count(*, user, year, unit, unused_listed, every_unit):
    entries = access.cpd_entries_for_results(user)
    if year is not None:
        entries = cpd.in_year(entries, year)
    from_catalogue = entries.filter(initiative__isnull=False)
    totals = entries.aggregate(  # 1 query
        entries=Count("pk"),
        from_catalogue=Count("pk", filter=Q(initiative__isnull=False)),
        hours=Sum("hours"),
    )
    totals["people"] = _people(entries).count()  # 1 query
    totals["hours"] = _tenth(totals["hours"])
    totals = _hide(totals, counts=("entries", "from_catalogue"), derived=("hours",))
    chosen = unit is not None
    if every_unit:
        unit, trail, units = None, [], _by_unit(entries)  # 3 queries
    else:
        unit, trail = _level(unit)  # 1 or 2 queries
        units = _by_branch(entries, unit, everyone=not chosen)  # 3 queries
    units = _hide(units, counts=("entries", "from_catalogue"), derived=("hours",))
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
        "unit": unit,
        "chosen": chosen,  # a unit from the page's links, not the top level
        "trail": trail,
        "units": units,
        "units_chart": bar_chart(
            "units-chart",
            "CPD entries by organisation unit" + (f" in {unit.name}" if unit else ""),
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


def _people(entries):
    """The people who recorded `entries`, each once."""
    return Person.objects.filter(pk__in=entries.order_by().values("person_id")).order_by()


def _row(unit, figures, people):
    return {
        "pk": unit.get("pk"),
        "name": unit.get("name") or "No unit",
        "kind": unit.get("kind") or "",
        "below": bool(unit.get("numchild")),
        "entries": figures["entries"],
        "from_catalogue": figures["from_catalogue"],
        "people": people,
        "hours": _tenth(figures["hours"]),
    }


def _figures(entries, key):
    """Entries, entries from the catalogue and hours per value of `key` (an
    expression of the entry's person's unit): one query, a hash aggregate."""
    rows = (
        entries.order_by()
        .annotate(key=key)
        .values("key")
        .annotate(
            entries=Count("pk"),
            from_catalogue=Count("pk", filter=Q(initiative__isnull=False)),
            hours=Sum("hours"),
        )
    )
    return {row["key"]: row for row in rows}


def _most_first(rows):
    return sorted(rows, key=lambda row: (-row["entries"], row["name"]))


def _by_unit(entries):
    """Every unit with learning on its own (not its units below), most entries first:
    three queries."""
    figures = _figures(entries, F("person__unit_id"))
    people = dict(
        _people(entries).values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    )
    units = {
        unit["pk"]: unit
        for unit in OrganisationUnit.objects.filter(pk__in=[k for k in figures if k]).values(
            "pk", "name", "kind"
        )
    }
    rows = [_row(units.get(key, {}), row, people.get(key, 0)) for key, row in figures.items()]
    return _most_first(rows)


def _level(unit):
    """(the unit whose level below is shown, its ancestors from the top): `unit`, or
    with None the single root of the tree if there is one. One or two queries."""
    if unit is None:
        roots = list(OrganisationUnit.objects.get_root_nodes()[:2])
        if len(roots) != 1:
            return None, []
        unit = roots[0]
    steplen = OrganisationUnit.steplen
    prefixes = [unit.path[:end] for end in range(steplen, len(unit.path), steplen)]
    trail = list(OrganisationUnit.objects.filter(path__in=prefixes).order_by("path"))
    return unit, trail


def _by_branch(entries, parent, *, everyone):
    """One row per unit on the level below `parent` (None: the top level), each with
    the figures of everyone in it and below it, most entries first; a row for the
    people in `parent` itself. With `everyone` (the top level, `parent` being None or
    the tree's one root) also one for people without a unit. Three
    queries: entries and people grouped by the start of their unit's path (the
    materialised path, so a branch is a prefix), and the units' names."""
    depth = parent.depth if parent else 0
    width = OrganisationUnit.steplen * (depth + 1)
    if not everyone:
        entries = entries.filter(person__unit__path__startswith=parent.path)
    figures = _figures(entries, Substr("person__unit__path", 1, width))
    people = dict(
        _people(entries)
        .annotate(branch=Substr("unit__path", 1, width))
        .values("branch")
        .annotate(n=Count("pk"))
        .values_list("branch", "n")
    )
    units = {
        unit["path"]: unit
        for unit in OrganisationUnit.objects.filter(
            depth=depth + 1, path__startswith=parent.path if parent else ""
        ).values("pk", "path", "name", "kind", "numchild")
    }
    rows = []
    for branch, row in figures.items():
        if parent is not None and branch == parent.path:
            unit = {"pk": parent.pk, "name": f"{parent.name} itself", "kind": parent.kind}
        else:
            unit = units.get(branch, {})
        rows.append(_row(unit, row, people.get(branch, 0)))
    return _most_first(rows)


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
    # The top ten by entries first (a hash aggregate), then the people of those ten
    # only: distinct people over every entry would sort them all.
    top = list(
        from_catalogue.order_by()
        .values("initiative_id", "initiative__title", "initiative__status")
        .annotate(entries=Count("pk"))
        .order_by("-entries", "initiative__title")[:TOP]
    )
    ids = [row["initiative_id"] for row in top]
    people = dict(
        from_catalogue.filter(initiative_id__in=ids)
        .order_by()
        .values("initiative_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("initiative_id", "n")
    )
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
            "people": people.get(row["initiative_id"], 0),
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
    mi = management_information(user=user, year=year, unused_listed=None, every_unit=True)
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
