"""The plan's catalogue suggestions in one query, whatever the size of the catalogue.

The same choice as learning.recommendations.recommend() (its scoring, its 70/20/10
slots and the hand-on of a short category's places), read differently: recommend()
runs one query per category, each grouping every published initiative by all of
its columns to count bookmarks, which made a staff member's own plan page 45 times
the bare page at 20,000 initiatives (issue 18). Here a window numbers each
category's candidates and the query returns at most `limit` of each; bookmarks are
counted by a subquery on their initiative index, so nothing is grouped (ADR 0042).
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from learning.models import Bookmark, Initiative, LearningCategory, list_contains_q
from learning.recommendations import slots


def suggest(*, level=None, directions=(), exclude_ids=(), band=None, staff_group=None, limit=6):
    """Up to `limit` published initiatives, as recommend() picks them (its docstring
    gives the rule), in one query for the catalogue and one for the categories.

    level: an ImpactLevel slug or None; directions: GrowthDirection slugs.
    Returns a list grouped by category in 70/20/10 order; each initiative's
    `category` is already set, so showing it reads nothing more.
    """
    categories = list(LearningCategory.objects.all())
    if limit <= 0:
        return []
    ranked = _ranked(level, directions, exclude_ids, band, staff_group)
    ranked = ranked.annotate(
        rank=Window(RowNumber(), partition_by=F("category_id"), order_by=ORDER)
    ).filter(rank__lte=limit)
    picked = {c.pk: [] for c in categories}
    for initiative in ranked.order_by("category_id", "rank"):
        picked.setdefault(initiative.category_id, []).append(initiative)
    by_pk = {c.pk: c for c in categories}
    wanted = slots(categories, limit)
    chosen = {c.pk: picked[c.pk][: wanted.get(c.slug, 0)] for c in categories}
    spare = sum(max(0, wanted.get(c.slug, 0) - len(picked[c.pk])) for c in categories)
    # A category short of initiatives gives its places to the others, in share order.
    for category in categories:
        if spare <= 0:
            break
        extra = picked[category.pk][len(chosen[category.pk]) :][:spare]
        chosen[category.pk] += extra
        spare -= len(extra)
    suggestions = [i for category in categories for i in chosen[category.pk]]
    for initiative in suggestions:
        initiative.category = by_pk[initiative.category_id]
    return suggestions


ORDER = [F("score").desc(), F("saves").desc(), F("title").asc(), F("pk").asc()]


def _ranked(level, directions, exclude_ids, band, staff_group):
    """Published candidates with recommend()'s score and their number of bookmarks."""
    candidates = (
        Initiative.objects.published()
        .exclude(pk__in=list(exclude_ids or ()))
        .defer("search_vector", "description")
    )
    if band:
        candidates = candidates.filter(Q(pay_bands="") | list_contains_q("pay_bands", band))
    if staff_group:
        candidates = candidates.filter(
            Q(professions="") | list_contains_q("professions", staff_group)
        )
    score = Value(0, output_field=IntegerField())
    if level:
        levels = Initiative.levels.through.objects.filter(initiative=OuterRef("pk"))
        score = score + _points(Exists(levels.filter(impactlevel__slug=level)), 4)
        score = score + _points(~Exists(levels), 1)
    if directions:
        tagged = Initiative.directions.through.objects.filter(initiative=OuterRef("pk"))
        score = score + _points(Exists(tagged.filter(growthdirection__slug__in=directions)), 2)
        score = score + _points(~Exists(tagged), 1)
    saves = (
        Bookmark.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return candidates.annotate(score=score, saves=Coalesce(Subquery(saves), 0))


def _points(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())
