"""Admin lists that cost the same however large their table grows.

The read audit gains a row for every read of another person's record, the sign-in log one
for every sign-in, reminders and background tasks one for each sent or run: at a trust of
20,000 people kept for years, millions. Three parts of Django's admin list read the whole
table on every page (docs/adr/0078):

- the count of rows, for the page links and "N reads": CappedCountPaginator counts at
  most COUNTED_UP_TO + 1 rows, and past that the list says "More than 10,000 record
  views", and "Select all (more than 10,000)" for an action (templates/admin/
  pagination.html, search_form.html and actions.html), and links its first pages;
- a date hierarchy, which asks for every distinct year, month or day in the table: in
  its place the same field is offered as a date filter (today, past 7 days, this month,
  this year), which reads nothing to draw;
- a filter offering each distinct value of a column (AllValuesFieldListFilter): dropped,
  but on the tables in SMALL_BY_NATURE (the sign-in log's path is still searched);
- "Show counts" (Django's facets), which counts the rows of the whole table behind each
  choice of each filter when asked: not offered (ShowFacets.NEVER).

TrellisAdminSite applies them to every list, other packages' (axes, tasks) included.
"""

from django.contrib.admin import ShowFacets
from django.contrib.admin.filters import AllValuesFieldListFilter, FieldListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Rows counted exactly; past this a list says "more than" and links the first pages. At
# 25 rows a page that is 400 pages: further back is found by a filter or a search.
COUNTED_UP_TO = 10_000

# Tables small by nature, whose lists keep a filter of every distinct value: one
# appraisal cycle a year.
SMALL_BY_NATURE = {"appraisals.AppraisalCycle"}


class CappedCountPaginator(Paginator):
    """Django's Paginator, counting at most COUNTED_UP_TO + 1 rows of its queryset:
    `count` is exact up to COUNTED_UP_TO (an int) and COUNTED_UP_TO past it, when
    `capped` is True."""

    _capped = False

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "query"):  # a list, not a queryset
            return super().count
        counted = self.object_list.order_by()[: COUNTED_UP_TO + 1].count()  # unordered: as many
        self._capped = counted > COUNTED_UP_TO
        return min(counted, COUNTED_UP_TO)

    @property
    def capped(self):
        """True when there are more rows than `count` says."""
        self.count  # noqa: B018 (counts once, noting whether it stopped short)
        return self._capped


def settle_list(model_admin):
    """`model_admin` (a ModelAdmin) made to read a bounded part of its table on each
    page of its list, as the module says. Returns it. Only its list is paginated by
    CappedCountPaginator: an object's history and the autocomplete's pages keep Django's
    exact count. Settling twice changes nothing (the site settles every admin again at
    each registration)."""
    if not model_admin.__dict__.get("_trellis_list_settled"):
        model_admin._trellis_list_settled = True
        model_admin.get_changelist_instance = _listing(model_admin.get_changelist_instance)
        model_admin.get_paginator = _paginator_for_lists(model_admin.get_paginator)
    # "Show all" is offered up to list_max_show_all rows: never for a list not counted.
    model_admin.list_max_show_all = min(model_admin.list_max_show_all, COUNTED_UP_TO - 1)
    # Counts behind each filter's choices read the whole table, however it is filtered.
    model_admin.show_facets = ShowFacets.NEVER
    filters = list(model_admin.list_filter)
    hierarchy = model_admin.date_hierarchy
    if hierarchy:
        model_admin.date_hierarchy = None
        if hierarchy not in filters:
            filters.insert(0, hierarchy)
    if model_admin.model._meta.label not in SMALL_BY_NATURE:
        filters = [f for f in filters if not _lists_every_value(model_admin.model, f)]
    model_admin.list_filter = filters
    return model_admin


_LISTING = "_trellis_admin_list"


def _listing(get_changelist_instance):
    """The admin's get_changelist_instance, marking the request while it builds the list
    (which counts its rows), so get_paginator knows the page is the list."""

    def list_for(request):
        setattr(request, _LISTING, True)
        try:
            return get_changelist_instance(request)
        finally:
            delattr(request, _LISTING)

    return list_for


def _paginator_for_lists(get_paginator):
    """The admin's get_paginator, giving a CappedCountPaginator for its list only."""

    def paginator_for(request, queryset, per_page, *args, **kwargs):
        if getattr(request, _LISTING, False):
            return CappedCountPaginator(queryset, per_page, *args, **kwargs)
        return get_paginator(request, queryset, per_page, *args, **kwargs)

    return paginator_for


def _lists_every_value(model, list_filter):
    """Whether `list_filter` (a list_filter entry) offers each distinct value of a column."""
    if isinstance(list_filter, tuple):
        return issubclass(list_filter[1], AllValuesFieldListFilter)
    if not isinstance(list_filter, str):
        return issubclass(list_filter, AllValuesFieldListFilter)
    field = get_fields_from_path(model, list_filter)[-1]
    for test, filter_class in FieldListFilter._field_list_filters:
        if test(field):
            return issubclass(filter_class, AllValuesFieldListFilter)
    return False
