"""The catalogue page's work, kept small at any size of catalogue.

Facet counts, the number of results and the ids on each result page depend
only on the search and filters asked for and on the catalogue itself. They are
cached (Django's cache framework) under the catalogue's stamp, a one-row table
whose token changes with every change to an initiative (signals, below), so a
request on a warm cache costs one tiny query for the stamp and one for the page's
rows, and nothing that grows with the catalogue.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property

from .filters import facet_counts
from .models import CatalogueStamp, Initiative

SIGNALLED = (Initiative, Initiative.directions.through, Initiative.levels.through)

CACHE_SECONDS = 60 * 60
PREFIX = "learning:catalogue"


def stamp():
    """The catalogue's current token (one primary-key lookup)."""
    token = CatalogueStamp.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = CatalogueStamp.objects.get_or_create(pk=1, defaults={"token": _new()})[0].token
    return token


def _new():
    return uuid.uuid4().hex


def catalogue_changed(**kwargs):
    """Give the catalogue a new token: every cached count and page is forgotten.

    Connected to the signals of initiatives and their directions and levels; a
    bulk write (bulk_create, queryset.update) must call it itself."""
    if not CatalogueStamp.objects.filter(pk=1).update(token=_new()):
        CatalogueStamp.objects.get_or_create(pk=1, defaults={"token": _new()})


def _key(token, scope, filterset, *extra):
    """A key for the search and filters as validated (order and spelling do not matter)."""
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    parts = []
    for name in sorted(data):
        value = data[name]
        if isinstance(value, models.QuerySet | list | tuple):
            value = sorted(getattr(v, "slug", v) for v in value)
        if value not in (None, "", []):
            parts.append(f"{name}={value!r}")
    digest = hashlib.sha256("&".join(map(str, [*parts, *extra])).encode()).hexdigest()
    return f"{PREFIX}:{token}:{scope}:{digest}"


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
        if not ids:
            return []
        # The page's rows with their average ratings: subqueries of the same query.
        rows = self.filterset.queryset.filter(pk__in=ids).with_ratings().in_bulk()
        return [rows[pk] for pk in ids if pk in rows]


class CataloguePaginator(Paginator):
    @cached_property
    def count(self):
        return self.object_list.count()


def form_key(token, filterset):
    """A cache key for the rendered search and filter form, or None when the form
    has errors (a form with errors is always drawn afresh). The form shows exactly
    what was typed, so the key is the raw query string, less the page."""
    if filterset.is_bound and not filterset.form.is_valid():
        return None
    data = filterset.data if filterset.is_bound else {}
    raw = sorted((k, v) for k in data if k != "page" for v in data.getlist(k))
    return f"{PREFIX}:{token}:form:{hashlib.sha256(repr(raw).encode()).hexdigest()}"


def browse(filterset, page_number, per_page, scope="published"):
    """The facet counts, the page asked for, and the cache key of the rendered
    filter form (see `form_key`)."""
    token = stamp()
    if filterset.is_bound:
        filterset.form.is_valid()
    key = _key(token, scope, filterset)
    counts = cache.get(key)
    if counts is None:
        counts = facet_counts(filterset)
        cache.set(key, counts, CACHE_SECONDS)
    chosen = filterset.form.cleaned_data.get("category") if filterset.is_bound else None
    found = counts["category"]
    total = sum(found.get(c.slug, 0) for c in chosen) if chosen else sum(found.values())
    paginator = CataloguePaginator(Results(filterset, total, key), per_page)
    return counts, paginator.get_page(page_number), form_key(token, filterset)
