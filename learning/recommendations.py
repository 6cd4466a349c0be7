"""Suggested initiatives, balanced across the 70/20/10 model.

`recommend()` knows nothing of people or plans: the careers app calls it with
what it knows (the person's level and growth directions from their Scope for
Growth placement, what to leave out because it is done or planned, their band
and profession). With no level or directions it still suggests something
sensible: the most saved initiatives of each category.

Two queries at any size of catalogue, given the categories (docs/adr/0042,
0061): a window numbers each category's candidates and the query returns the
keys of at most `limit` of each; the few chosen are then read by key. Bookmarks
are counted by a subquery on their initiative index, so nothing is grouped. (One
grouped query per category over the whole catalogue made a staff member's own plan
page 45 times the bare page at 20,000 people; ranking whole rows cost twice what
ranking their keys does.)
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

from .models import Bookmark, Initiative, LearningCategory, list_contains_q


def _slug(term):
    return getattr(term, "slug", term)


def slots(categories, limit):
    """How many of `limit` suggestions each category gets: its share, by largest
    remainder, and at least one each while there are as many slots as categories."""
    categories = list(categories)
    if limit <= 0 or not categories:
        return {}
    total = sum(c.share_percent for c in categories) or len(categories)
    exact = {c.slug: limit * (c.share_percent or 0) / total for c in categories}
    given = {slug: int(value) for slug, value in exact.items()}
    if limit >= len(categories):
        for slug in given:
            given[slug] = max(given[slug], 1)
    while sum(given.values()) > limit:  # the minimum of one overshot: take from the largest
        largest = max(given, key=lambda slug: (given[slug], exact[slug]))
        given[largest] -= 1
    by_remainder = sorted(exact, key=lambda slug: exact[slug] - given[slug], reverse=True)
    for slug in by_remainder[: limit - sum(given.values())]:
        given[slug] += 1
    return given


def recommend(
    *,
    level=None,
    directions=(),
    exclude_ids=(),
    band=None,
    staff_group=None,
    limit=6,
    categories=None,
):
    """Up to `limit` published initiatives, about 70/20/10 across the categories.

    level: an ImpactLevel or its slug; directions: GrowthDirections or slugs.
    Initiatives for the level and the directions come first, then those that
    suit any level or direction, then the rest; within that, the most saved.
    band and staff_group (Person.PayBand / Person.StaffGroup values) leave out
    initiatives whose audience is limited to other bands or professions.
    categories: every LearningCategory in 70/20/10 order, when the caller has
    read them already (else they are read here).
    Returns a list, grouped by category in 70/20/10 order, each initiative's
    `category` already set (so showing it reads nothing more). Three queries at
    most, two when given the categories.
    """
    if categories is None:
        categories = LearningCategory.objects.all()
    categories = list(categories)
    if limit <= 0:
        return []
    ranked = _ranked(
        _slug(level) if level else None,
        [_slug(d) for d in directions or ()],
        exclude_ids,
        band,
        staff_group,
    )
    ranked = ranked.annotate(
        rank=Window(RowNumber(), partition_by=F("category_id"), order_by=ORDER)
    ).filter(rank__lte=limit)
    # Ranked as keys only: sorting every candidate's whole row cost more than the
    # ranking itself. The few chosen rows are read by key afterwards.
    # At most `limit` rows a category come back: sorted here, not by the database.
    rows = sorted(ranked.order_by().values_list("category_id", "rank", "pk"))
    picked = {c.pk: [] for c in categories}
    for category_id, _, pk in rows:
        picked.setdefault(category_id, []).append(pk)
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
    keys = [pk for category in categories for pk in chosen[category.pk]]
    if not keys:
        return []
    # Published again: one retired since the ranking is left out, not offered.
    rows = (
        Initiative.objects.published()
        .without_search()
        .defer("description")
        .order_by()
        .in_bulk(keys)
    )
    by_pk = {c.pk: c for c in categories}
    suggestions = [rows[pk] for pk in keys if pk in rows]
    for initiative in suggestions:
        initiative.category = by_pk[initiative.category_id]
    return suggestions


ORDER = [F("score").desc(), F("saves").desc(), F("title").asc(), F("pk").asc()]


def _ranked(level, directions, exclude_ids, band, staff_group):
    """Published candidates, each with its `score` and its number of bookmarks
    (`saves`) as aliases: ranked by, not read."""
    candidates = Initiative.objects.published().exclude(pk__in=list(exclude_ids or ()))
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
    return candidates.alias(score=score, saves=Coalesce(Subquery(saves), 0))


def _points(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())
