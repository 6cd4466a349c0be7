"""LED's results for one initiative: uptake, ratings and evaluation results, on a page
and as CSV or XLSX. Evaluations are shown and exported without names: LED learn what works,
not who said what. Counts on the page hide small numbers (learning/disclosure.py); the
downloads hold one row per evaluation and no counts. A fixed number of queries, however
many evaluations there are."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Min, Q, Sum, When, Window

from . import access, disclosure
from .charts import bar_chart
from .models import Evaluation, OutcomeAnswer

APPLIED = dict(Evaluation.Applied.choices)
ACHIEVED = dict(OutcomeAnswer.Achieved.choices)
CHUNK = 2000  # rows fetched at a time by a download
RECENT = 20  # reviews and follow-up answers shown on the page (all are in the CSV)


def _average(distribution):
    count = sum(distribution.values())
    if not count:
        return None
    total = sum(rating * n for rating, n in distribution.items())
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def for_initiative(initiative, *, user):
    """Everything LED's results page shows; empty for anyone who is not LED."""
    entries = access.cpd_entries_for_results(user).filter(initiative=initiative)
    evaluations = access.evaluations_for_results(user).filter(initiative=initiative)
    # 1 query: entries, people, finished, hours.
    uptake = entries.aggregate(
        entries=Count("pk"),
        people=Count("person", distinct=True),
        finished=Count("pk", filter=Q(done=True)),
        hours=Sum("hours"),
    )
    # 1 query: bookmarks.
    uptake["bookmarks"] = access.bookmarks_for_results(user).filter(initiative=initiative).count()
    # 1 query: the ratings.
    distribution = dict.fromkeys(range(5, 0, -1), 0)
    for row in evaluations.order_by().values("rating").annotate(n=Count("pk")):
        distribution[row["rating"]] = row["n"]
    count = sum(distribution.values())
    rows = [
        {"rating": rating, "n": n, "percent": round(n * 100 / count) if count else 0}
        for rating, n in distribution.items()
    ]
    ratings = {
        "count": disclosure.count(count),
        "average": None if disclosure.is_small(count) else _average(distribution),
        "rows": disclosure.table(rows, base="n", derived=("percent",)),
    }
    ratings["chart"] = bar_chart(
        "ratings",
        f"Ratings of {initiative.title}",
        [
            (f"{r['rating']} out of 5", r["n"], f"{r['n']} ({r['percent']}%)")
            for r in ratings["rows"]
            if not disclosure.is_hidden(r["n"])
        ],
        empty=disclosure.chart_empty([r for r in ratings["rows"] if r["n"]]),
    )
    uptake = disclosure.table(
        [uptake], base="people", counts=("entries", "finished", "bookmarks"), derived=("hours",)
    )[0]
    return {
        "uptake": uptake,
        "ratings": ratings,
        "outcomes": _outcomes(evaluations),  # 1 query
        "follow_up": _follow_up(evaluations),  # 1 query
        "hidden_note": disclosure.note(),
        "threshold": disclosure.threshold(),
        "reviews": list(  # 1 query
            evaluations.exclude(review="")
            .order_by("-evaluated_at", "-pk")
            .values("evaluated_at", "rating", "review")[:RECENT]
        ),
        "applied": [  # 1 query
            {**row, "label": APPLIED[row["applied_level"]]}
            for row in evaluations.filter(applied_at__isnull=False)
            .order_by("-applied_at", "-pk")
            .values("applied_at", "applied_level", "applied")[:RECENT]
        ],
    }


REVIEWS_SHOWN = 10  # on the initiative's page


def shared_ratings(initiative, *, user):
    """What everyone who may open `initiative` reads of its evaluations: the average
    rating, how many there are, and the newest short reviews, without names or dates.
    One query, rated or not: the count and total are windows over every evaluation,
    read on the few rows fetched, reviews first (newest first), then those without."""
    evaluations = access.ratings_readable_by(user).filter(initiative=initiative)
    rows = list(
        evaluations.annotate(n=Window(Count("pk")), total=Window(Sum("rating")))
        .order_by(Case(When(review="", then=1), default=0), "-evaluated_at", "-pk")
        .values("rating", "review", "n", "total")[: REVIEWS_SHOWN + 1]
    )
    count = rows[0]["n"] if rows else 0
    average = (
        (Decimal(rows[0]["total"]) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if count
        else None
    )
    reviews = [{"rating": r["rating"], "review": r["review"]} for r in rows if r["review"]]
    return {
        "count": count,
        "average": average,
        "reviews": reviews[:REVIEWS_SHOWN],
        "more_reviews": len(reviews) > REVIEWS_SHOWN,
    }


def _outcomes(evaluations):
    """Per learning outcome (in the words it was asked in): how many achieved it fully,
    partly or not, in the order the initiative lists them."""
    rows = (
        OutcomeAnswer.objects.filter(evaluation__in=evaluations)
        .order_by()
        .values("outcome", "achieved")
        .annotate(n=Count("pk"), first=Min("position"))
    )
    found = {}
    for row in rows:
        outcome = found.setdefault(
            row["outcome"],
            {"outcome": row["outcome"], "fully": 0, "partly": 0, "not": 0, "first": 999},
        )
        outcome[row["achieved"]] = row["n"]
        outcome["first"] = min(outcome["first"], row["first"])
    outcomes = sorted(found.values(), key=lambda o: (o["first"], o["outcome"]))
    for outcome in outcomes:
        parts = ("fully", "partly", "not")
        outcome["total"] = sum(outcome[part] for part in parts)
        outcome["achieved_percent"] = round(outcome["fully"] * 100 / outcome["total"])
        if disclosure.is_small(outcome["total"]):
            hide = dict.fromkeys((*parts, "total"), True)
        else:
            hide = dict(
                zip(parts, disclosure.hidden_parts([outcome[p] for p in parts]), strict=True)
            )
        hide["achieved_percent"] = hide["fully"]
        outcome.update({key: disclosure.HIDDEN for key, hidden in hide.items() if hidden})
    return outcomes


def _follow_up(evaluations):
    rows = (
        evaluations.order_by()
        .values("applied_level")
        .annotate(n=Count("pk"), sent=Count("pk", filter=Q(follow_up_sent_at__isnull=False)))
    )
    counts = {row["applied_level"]: row["n"] for row in rows}
    sent = sum(row["sent"] for row in rows)
    answered = sum(n for level, n in counts.items() if level)
    return {
        "sent": disclosure.count(sent),
        "answered": disclosure.count(answered),
        "waiting": disclosure.count(counts.get("", 0)),
        "rows": disclosure.table(
            [
                {"label": label, "n": counts.get(value, 0)}
                for value, label in Evaluation.Applied.choices
            ],
            base="n",
        ),
    }


CSV_HEADERS = ["Evaluated on", "Rating (1 to 5)", "Review"]
CSV_TAIL = [
    "Follow-up due",
    "Follow-up email sent on",
    "Used in their work",
    "How they applied it",
    "Follow-up answered on",
]


def export_rows(initiative, *, user):
    """The header and one row per evaluation, oldest first, without names, for the
    CSV and XLSX downloads (frontend.exports): two queries of values (the evaluations,
    then their outcome answers), never model instances. The outcome columns come in the
    order the outcomes were first answered."""
    evaluations = (
        access.evaluations_for_results(user)
        .filter(initiative=initiative)
        .order_by("evaluated_at", "pk")
    )
    answers = {}
    for evaluation_id, outcome, level, note in (
        OutcomeAnswer.objects.filter(evaluation__in=evaluations.values("pk"))
        .order_by("evaluation_id", "position")
        .values_list("evaluation_id", "outcome", "achieved", "note")
        .iterator(chunk_size=CHUNK)
    ):
        answers.setdefault(evaluation_id, {})[outcome] = (ACHIEVED[level], note)
    found = list(
        evaluations.values_list(
            "pk",
            "evaluated_at",
            "rating",
            "review",
            "follow_up_due",
            "follow_up_sent_at",
            "applied_level",
            "applied",
            "applied_at",
        ).iterator(chunk_size=CHUNK)
    )
    outcomes = {}  # a dict keeps the order outcomes were first met, like an ordered set
    for evaluation in found:
        outcomes.update(dict.fromkeys(answers.get(evaluation[0], ())))
    header = list(CSV_HEADERS)
    for outcome in outcomes:
        header += [f"Achieved: {outcome}", f"What they learned: {outcome}"]
    blank = ("", "")
    rows = []
    for pk, evaluated_at, rating, review, due, sent_at, level, applied, applied_at in found:
        given = answers.get(pk, {})
        row = [evaluated_at.date(), rating, review]
        for outcome in outcomes:
            row += given.get(outcome, blank)
        row += [
            due,
            sent_at.date() if sent_at else "",
            APPLIED.get(level, ""),
            applied,
            applied_at.date() if applied_at else "",
        ]
        rows.append(row)
    return header + CSV_TAIL, rows
