"""The catalogue's CSV and XLSX download for LED, in the columns the import reads
(learning/imports.py), so a download imports again unchanged. Read as values in a
fixed number of queries and kept under the catalogue's stamp (docs/adr/0044)."""

from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from frontend import exports

from . import access, browse
from .imports import InitiativeResource
from .models import Initiative

# The columns an export reads straight from the initiative's row, as `values()` names
# them; category, directions, levels and online are written as the import reads them.
_PLAIN_COLUMNS = {name: name for name in InitiativeResource._meta.fields}
_PLAIN_COLUMNS["category"] = "category__slug"
for _name in ("directions", "levels"):
    del _PLAIN_COLUMNS[_name]
EXPORT_CHUNK = 2000  # rows fetched at a time from the database


def _slugs(queryset, field_name):
    """{initiative id: "slug|slug"} for a many-to-many field of the initiatives of
    `queryset`, in the vocabulary's order, as SlugsWidget reads them: one query."""
    field = Initiative._meta.get_field(field_name)
    through = field.remote_field.through
    term = field.m2m_reverse_field_name()  # the vocabulary's column on the through table
    ordering = [f"{term}__{name}" for name in field.related_model._meta.ordering]
    found = {}
    for initiative_id, slug in (
        through.objects.filter(initiative__in=queryset.order_by().values("pk"))
        .order_by("initiative_id", *ordering, f"{term}_id")
        .values_list("initiative_id", f"{term}__slug")
        .iterator(chunk_size=EXPORT_CHUNK)
    ):
        found.setdefault(initiative_id, []).append(slug)
    return {initiative_id: "|".join(slugs) for initiative_id, slugs in found.items()}


def export_rows(queryset):
    """The header and rows of the initiatives of `queryset`, in the columns the import
    reads (as text, like the CSV export: ids and costs are numbers in a workbook), by
    id unless `queryset` is ordered. Three queries whatever the size: the initiatives' columns
    (read in chunks, as values rather than model instances) and the slugs of their
    directions and of their levels. The cells are those InitiativeResource's export
    writes (tests/test_learning_import.py compares them)."""
    header = list(InitiativeResource._meta.fields)
    directions = _slugs(queryset, "directions")
    levels = _slugs(queryset, "levels")
    plain = [name for name in header if name in _PLAIN_COLUMNS]
    if not queryset.query.order_by:
        queryset = queryset.order_by("pk")
    rows = []
    for values in queryset.values_list(*(_PLAIN_COLUMNS[name] for name in plain)).iterator(
        chunk_size=EXPORT_CHUNK
    ):
        cells = dict(zip(plain, values, strict=True))
        pk = cells["id"]
        cells["id"] = str(pk)
        cells["directions"] = directions.get(pk, "")
        cells["levels"] = levels.get(pk, "")
        cells["online"] = "yes" if cells["online"] else "no"
        amount = cells["cost_amount"]
        cells["cost_amount"] = "" if amount is None else str(amount)
        rows.append([cells[name] for name in header])
    return header, rows


def catalogue_file(kind, *, user):
    """The whole catalogue as LED download it: CSV text (`kind` "csv") or XLSX bytes
    ("xlsx"), written by frontend.exports. Kept in the cache under the catalogue's
    stamp (learning/browse.py), which every change to an initiative renews, so a
    download after no change costs one query for the stamp. Raises PermissionDenied
    for anyone who may not curate (the cached file holds every initiative)."""
    if not access.can_curate(user):
        raise PermissionDenied
    token, _ = browse.stamp()
    key = f"{browse.PREFIX}:file:{kind}:{token}"
    content = cache.get(key)
    if content is None:
        initiatives = access.initiatives_curated_by(user)
        if kind == "xlsx":
            content = exports.xlsx_bytes([export_sheet(initiatives)])
        else:
            header, rows = export_rows(initiatives)
            content = exports.csv_text([header, *rows])
        cache.set(key, content, browse.CACHE_SECONDS)
    return content


def export_sheet(queryset):
    """The initiatives of `queryset` as one worksheet for frontend.exports: the CSV
    export's cells, with ids and costs as numbers."""
    header, rows = export_rows(queryset)
    number_columns = {"id", "cost_amount"}
    rows = [
        [
            _number(value) if name in number_columns else value
            for name, value in zip(header, row, strict=True)
        ]
        for row in rows
    ]
    return ("Initiatives", header, rows)


def _number(value):
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text) if text.isdecimal() else Decimal(text)
    except ArithmeticError:
        return text
