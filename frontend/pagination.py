"""Pages of wide rows chosen by a narrow query (a "deferred join").

A list such as a cycle's appraisals sorts every row in scope to show fifty. Sorting
whole rows (the appraisal's text, its person, unit and appraiser joined in) costs far
more than sorting their keys: at 20,000 people the cycle page's list took 61 ms in
PostgreSQL as one query and 17 ms as two, the fifty keys in order and then those
fifty rows. docs/adr/0047."""

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """A Paginator over an ordered queryset that reads a page in two queries: the
    page's primary keys in the queryset's order, then those rows (with whatever the
    queryset joins in), put back in that order. Counting is unchanged (one COUNT).

    In: an ordered QuerySet, as for Paginator. A page's `object_list` is a list of
    model instances, not a QuerySet. Raises what Paginator raises."""

    def _get_page(self, object_list, number, paginator):
        keys = list(object_list.values_list("pk", flat=True))
        found = self.object_list.order_by().in_bulk(keys)
        return super()._get_page([found[key] for key in keys if key in found], number, paginator)
