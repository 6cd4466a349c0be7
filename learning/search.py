"""Catalogue search: what a person types finds what they mean, on any database.

Every initiative keeps its searched text folded (`fold`: case, accents, typographic
quotes and dashes) in three stored columns, filled whenever it is saved (and by
`refresh` after a bulk write). A query is folded the same way, so `cafe`, `CAFÉ`
and `café` are one word, and so are `children's` and `children’s`, on PostgreSQL and
SQLite alike (docs/adr/0016-search-folding.md says why a stored column and not
PostgreSQL's unaccent). The columns, by weight:

- search_title: the title (A);
- search_summary: the summary, tags and learning outcomes (B);
- search_description: the description (C).

On PostgreSQL each initiative also keeps a weighted tsvector of those columns in
`search_vector`, under a GIN index; a query is parsed with `websearch_to_tsquery`
and results are ordered by `ts_rank`, so a title match outranks a description
match. Other databases (SQLite, the embedded default) match every word in the
folded columns and rank by where the words were found, in the same order.
"""

import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10

# Stored column -> the fields folded into it, and its weight (PostgreSQL's, then the fallback's).
COLUMNS = {
    "search_title": (("title",), "A", 8),
    "search_summary": (("summary", "tags", "learning_outcomes"), "B", 4),
    "search_description": (("description",), "C", 1),
}

# Typographic quotes and dashes fold to the ones on a keyboard.
PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛ʼʻ′´`", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
# Latin letters that Unicode does not decompose into a letter and an accent.
LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t",
     "æ": "ae", "œ": "oe", "þ": "th"}
)  # fmt: skip


def fold(text):
    """`text` as search compares it: case folded, accents and other marks removed,
    typographic quotes and dashes made plain. Other scripts keep their letters."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded.translate(PUNCTUATION).translate(LETTERS)


def folded_columns(initiative):
    """The stored search columns of `initiative`, from its fields: {column: text}."""
    return {
        column: fold("\n".join(getattr(initiative, name) or "" for name in names))
        for column, (names, _, _) in COLUMNS.items()
    }


def uses_full_text():
    return connection.vendor == "postgresql"


def vector():
    vectors = [
        SearchVector(column, weight=weight, config=CONFIG)
        for column, (_, weight, _) in COLUMNS.items()
    ]
    return vectors[0] + vectors[1] + vectors[2]


def refresh_vectors(queryset):
    """Recompute the stored search vectors of `queryset` from its folded columns
    (one UPDATE; PostgreSQL only)."""
    if uses_full_text():
        queryset.update(search_vector=vector())


def refresh(queryset, batch_size=500):
    """Refill the folded columns and vectors of `queryset` after a bulk write (which
    calls no `save`). The caller also renews the catalogue's stamp (learning/browse.py)."""
    model = queryset.model
    for start in range(0, queryset.count(), batch_size):
        rows = list(queryset.order_by("pk")[start : start + batch_size])
        for row in rows:
            for column, text in folded_columns(row).items():
                setattr(row, column, text)
        model.objects.bulk_update(rows, list(COLUMNS))
    refresh_vectors(queryset)


def clean_query(text):
    """The query as searched: trimmed, at most MAX_QUERY_LENGTH characters."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search(queryset, text):
    """Initiatives of `queryset` matching `text`, best first, annotated with `rank`."""
    text = fold(clean_query(text))
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
        for column, (_, _, weight) in COLUMNS.items():
            lookup = Q(**{f"{column}__contains": word})
            found |= lookup
            rank = rank + Case(
                When(lookup, then=Value(weight)), default=Value(0), output_field=IntegerField()
            )
        queryset = queryset.filter(found)
    return queryset.annotate(rank=rank).order_by("-rank", "title", "pk")
