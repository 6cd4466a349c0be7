"""The catalogue page's work, kept small at any size of catalogue.

Facet counts, the number of results and the ids on each result page depend
only on the search and filters asked for and on the catalogue itself. They are
cached (Django's cache framework) under the catalogue's stamp, a one-row table
whose token changes with every change to an initiative (signals, below). The
drawn filter form and the drawn result cards are cached too, the cards also
under the ratings token (they show ratings) and the person's saved marks. So a
request on a warm cache costs one tiny query for the stamp and one for what the
person saved on that page, and nothing that grows with the catalogue.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from people.sql import Compiled

from .filters import facet_counts
from .models import CatalogueStamp, Initiative

SIGNALLED = (Initiative, Initiative.directions.through, Initiative.levels.through)

CACHE_SECONDS = 60 * 60
PREFIX = "learning:catalogue"


_tokens = Compiled(
    lambda: CatalogueStamp.objects.filter(pk=1).values_list("token", "ratings_token")
)


def stamp():
    """The catalogue's current tokens, (catalogue, ratings): one primary-key lookup,
    compiled once (people.sql.Compiled)."""
    for tokens in _tokens.rows():
        return tuple(tokens)
    row = CatalogueStamp.objects.get_or_create(pk=1, defaults={"token": _new()})[0]
    return row.token, row.ratings_token


def _new():
    return uuid.uuid4().hex


def catalogue_changed(**kwargs):
    """Give the catalogue a new token: every cached count and page is forgotten.

    Connected to the signals of initiatives and their directions and levels; a
    bulk write (bulk_create, queryset.update) must call it itself."""
    _renew("token")


def ratings_changed(**kwargs):
    """Give the ratings a new token: every drawn card is forgotten, the counts kept.
    Connected to the signals of evaluations."""
    _renew("ratings_token")


def _renew(field):
    if not CatalogueStamp.objects.filter(pk=1).update(**{field: _new()}):
        CatalogueStamp.objects.get_or_create(pk=1, defaults={field: _new()})


class Results:
    """The filtered initiatives as a Paginator sees them: a known length, and each
    page's ids remembered so a page is fetched by primary key."""

    def __init__(self, filterset, total, key):
        self.filterset = filterset
        self.total = total
        self.key = key

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        key = f"{self.key}:{window.start}:{window.stop}"
        ids = cache.get(key)
        if ids is None:
            ids = list(self.filterset.qs.values_list("pk", flat=True)[window])
            cache.set(key, ids, CACHE_SECONDS)
        return Cards(self.filterset.queryset, ids)


class Cards(Sequence):
    """One page of initiatives: the ids at once, the rows only when a card is drawn
    (a page whose cards come drawn from the cache reads none)."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        return self._rows[index]

    @cached_property
    def _rows(self):
        if not self.ids:
            return []
        # The rows with their average ratings: subqueries of the same query.
        rows = self.queryset.filter(pk__in=self.ids).with_ratings().in_bulk()
        return [rows[pk] for pk in self.ids if pk in rows]


class CataloguePaginator(Paginator):
    @cached_property
    def count(self):
        return self.object_list.count()


def _raw(filterset, *, keep_page):
    """The query string as typed (order aside): what every cached part depends on."""
    data = filterset.data if filterset.is_bound else {}
    raw = sorted((k, v) for k in data if keep_page or k != "page" for v in data.getlist(k))
    return hashlib.sha256(repr(raw).encode()).hexdigest()


@dataclass
class Browse:
    """What the catalogue page shows, and the cache keys of the parts it draws
    once for everyone. A key is None when the form has errors: a form with errors
    is always drawn afresh."""

    counts: dict
    page: object
    form_key: str | None
    tokens: tuple
    raw: str | None

    def results_key(self, saved):
        """The key of the drawn result cards, given the ids on the page the person saved."""
        if self.raw is None:
            return None
        token, ratings = self.tokens
        marks = ",".join(map(str, sorted(saved)))
        return f"{PREFIX}:{token}:{ratings}:results:{self.raw}:{marks}"


def browse(filterset, page_number, per_page, scope="published"):
    """The facet counts, the page asked for, and the cache keys of the drawn parts."""
    tokens = stamp()
    token = tokens[0]
    valid = filterset.form.is_valid() if filterset.is_bound else True
    typed = _raw(filterset, keep_page=False)
    key = f"{PREFIX}:{token}:{scope}:{typed}"
    counts = cache.get(key)
    if counts is None:
        counts = facet_counts(filterset)
        cache.set(key, counts, CACHE_SECONDS)
    # Only when categories were asked for: even an empty choice is an ORM queryset.
    chosen = (
        filterset.form.cleaned_data.get("category") if filterset.data.get("category") else None
    )
    found = counts["category"]
    total = sum(found.get(c.slug, 0) for c in chosen) if chosen else sum(found.values())
    paginator = CataloguePaginator(Results(filterset, total, key), per_page)
    return Browse(
        counts=counts,
        page=paginator.get_page(page_number),
        form_key=f"{PREFIX}:{token}:form:{typed}" if valid else None,
        tokens=tokens,
        raw=_raw(filterset, keep_page=True) if valid else None,
    )
