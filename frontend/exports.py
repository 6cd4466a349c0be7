"""Every CSV and XLSX file that Trellis hands out is written here, so each is safe to
open in a spreadsheet.

- CSV text starts with a UTF-8 byte-order mark: Excel on Windows then reads it as
  UTF-8 and shows "Zoë" and "O’Neil", not "ZoÃ«".
- A text cell that starts with =, +, -, @, a tab or a carriage return is written with a
  single quote in front (OWASP, "CSV Injection"), so no spreadsheet runs it as a
  formula. Only text is changed: numbers (int, float, Decimal) and dates are written as
  numbers and dates, so "-1.5" hours stays a number a sum can use.
- XLSX text cells are also typed as text, and characters XLSX cannot hold are left out.

Views return `csv_response(...)` or `xlsx_response(...)`; modules that build an export
return its rows (or, to keep a file made once, csv_text / xlsx_bytes, and the view
returns `attachment(...)`). `restore()` undoes the quote for an import that reads an export back.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """`value` as a spreadsheet cell: text that a spreadsheet would run as a formula
    gets a leading single quote; None, numbers, dates and other text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(text):
    """Text read back from an export, without the quote `neutralise` put in front."""
    if isinstance(text, str) and text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return value  # a number: csv writes it as digits, never a formula
    return neutralise(str(value))


def _csv_text_cell(value):
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _same(value):
    return value


# The common cell types by exact type, so a large export pays one dict look-up a cell;
# any other type (a subclass of str, a lazy string) takes `_csv_cell`'s longer way.
_CSV_BY_TYPE = {
    str: _csv_text_cell,
    int: _same,
    float: _same,
    Decimal: _same,
    type(None): lambda value: "",
    bool: lambda value: "Yes" if value else "No",
    datetime.date: datetime.date.isoformat,
    datetime.datetime: datetime.datetime.isoformat,
}


def csv_text(rows):
    """CSV text, starting with a byte-order mark, from `rows` (lists of cells; an
    empty list is a blank line)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    by_type = _CSV_BY_TYPE
    writer.writerows([by_type.get(type(value), _csv_cell)(value) for value in row] for row in rows)
    return out.getvalue()


def _clean(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _xlsx_cell(sheet, value):
    """`value` as what `sheet.append` takes: a number, date or None as it is, text
    cleaned and neutralised. Text that openpyxl would type as an error code (#N/A) is
    a cell typed as text; other text it types as text itself, since no neutralised
    text starts with "="."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    from .percent import Percent

    if value is None:
        return None
    if isinstance(value, Percent):  # "45%" on the page: the number 0.45, shown as 45%
        cell = WriteOnlyCell(sheet, value=value.number / 100)
        cell.number_format = "0%"
        return cell
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float | datetime.date):
        return value
    text = neutralise(_clean(str(value)))
    if text in ERROR_CODES:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # text, never an error code
        return cell
    return text


def _xlsx_row(sheet, row, illegal, error_codes):
    """One row for `sheet.append`: plain text and numbers pass with one type look-up;
    anything else takes `_xlsx_cell`."""
    cells = []
    for value in row:
        kind = type(value)
        if kind is str:
            if illegal.search(value):
                value = illegal.sub("", value)
            if value.startswith(FORMULA_STARTS):
                value = "'" + value
            elif value in error_codes:
                value = _xlsx_cell(sheet, value)
        elif kind is not int and kind is not float:
            value = _xlsx_cell(sheet, value)
        cells.append(value)
    return cells


def xlsx_bytes(sheets):
    """XLSX bytes from `sheets`, a list of (title, header, rows). Numbers and dates
    stay numbers and dates; everything else is written as neutralised text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=_clean(title)[:31] or "Sheet")
        sheet.freeze_panes = "A2"
        heading = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=neutralise(_clean(str(name))))
            cell.data_type = "s"
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in rows:
            sheet.append(_xlsx_row(sheet, row, ILLEGAL_CHARACTERS_RE, ERROR_CODES))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


def attachment(content, *, kind, filename):
    """A download named `filename` of `content` that csv_text or xlsx_bytes wrote
    (`kind` "csv" or "xlsx"), for a file made once and kept, such as a cached one."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows, *, filename):
    """A download of `rows` (see csv_text) named `filename`."""
    return attachment(csv_text(rows), kind="csv", filename=filename)


def xlsx_response(sheets, *, filename):
    """A download of `sheets` (see xlsx_bytes) named `filename`."""
    return attachment(xlsx_bytes(sheets), kind="xlsx", filename=filename)
