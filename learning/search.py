"""Catalogue search: PostgreSQL full-text search with ranking, or a simple fallback.

On PostgreSQL each initiative keeps a weighted tsvector (title A; summary and
tags B; description C) in `search_vector`, under a GIN index, refreshed
whenever an initiative is saved. A query is parsed with `websearch_to_tsquery`
and results are ordered by `ts_rank`, so a title match outranks a description
match. Other databases (SQLite, the embedded default) match every word with
`icontains` and rank by where the words were found, in the same order.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10

# Where a word was found, and how much that counts, for the fallback ranking.
FALLBACK_WEIGHTS = (("title", 8), ("summary", 4), ("tags", 4), ("description", 1))


def uses_full_text():
    return connection.vendor == "postgresql"


def vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", "tags", weight="B", config=CONFIG)
        + SearchVector("description", weight="C", config=CONFIG)
    )


def refresh_vectors(queryset):
    """Recompute the stored search vectors of `queryset` (one UPDATE; PostgreSQL only)."""
    if uses_full_text():
        queryset.update(search_vector=vector())


def clean_query(text):
    """The query as searched: trimmed, at most MAX_QUERY_LENGTH characters."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search(queryset, text):
    """Initiatives of `queryset` matching `text`, best first, annotated with `rank`."""
    text = clean_query(text)
    if not text:
        return queryset
    if uses_full_text():
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "title", "pk")
        )
    return _fallback(queryset, text)


def _fallback(queryset, text):
    words = [w.strip("\"'") for w in text.split()][:MAX_WORDS]
    words = [w for w in words if w]
    if not words:
        return queryset
    rank = Value(0)
    for word in words:
        found = Q()
        for field, weight in FALLBACK_WEIGHTS:
            lookup = Q(**{f"{field}__icontains": word})
            found |= lookup
            rank = rank + Case(
                When(lookup, then=Value(weight)), default=Value(0), output_field=IntegerField()
            )
        queryset = queryset.filter(found)
    return queryset.annotate(rank=rank).order_by("-rank", "title", "pk")
