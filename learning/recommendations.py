"""Suggested initiatives, balanced across the 70/20/10 model.

`recommend()` knows nothing of people or plans: the careers app calls it with
what it knows (the person's level and growth directions from their Scope for
Growth placement, what to leave out because it is done or planned, their band
and profession). With no level or directions it still suggests something
sensible: the most saved initiatives of each category.
"""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from .models import Initiative, LearningCategory, list_contains_q


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


def recommend(*, level=None, directions=(), exclude_ids=(), band=None, staff_group=None, limit=6):
    """Up to `limit` published initiatives, about 70/20/10 across the categories.

    level: an ImpactLevel or its slug; directions: GrowthDirections or slugs.
    Initiatives for the level and the directions come first, then those that
    suit any level or direction, then the rest; within that, the most saved.
    band and staff_group (Person.PayBand / Person.StaffGroup values) leave out
    initiatives whose audience is limited to other bands or professions.
    Returns a list, grouped by category in 70/20/10 order. Four queries.
    """
    level = _slug(level) if level else None
    directions = [_slug(d) for d in directions or ()]
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
    ranked = candidates.annotate(score=score, saves=Count("bookmarks", distinct=True)).order_by(
        "-score", "-saves", "title", "pk"
    )
    categories = list(LearningCategory.objects.all())
    wanted = slots(categories, limit)
    picked = {}
    spare = 0
    for category in categories:
        rows = list(ranked.filter(category=category)[:limit])
        picked[category.slug] = rows
        spare += max(0, wanted.get(category.slug, 0) - len(rows))
    chosen = {slug: rows[: wanted.get(slug, 0)] for slug, rows in picked.items()}
    # A category short of initiatives gives its places to the others, in share order.
    for category in categories:
        if spare <= 0:
            break
        extra = picked[category.slug][len(chosen[category.slug]) :][:spare]
        chosen[category.slug] += extra
        spare -= len(extra)
    return [i for category in categories for i in chosen[category.slug]]


def _points(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())
