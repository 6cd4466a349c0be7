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
return its rows. `restore()` undoes the quote for an import that reads an export back.
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


def csv_text(rows):
    """CSV text, starting with a byte-order mark, from `rows` (lists of cells; an
    empty list is a blank line)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def _clean(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    from .percent import Percent

    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, Percent):  # "45%" on the page: the number 0.45, shown as 45%
        cell = WriteOnlyCell(sheet, value=value.number / 100)
        cell.number_format = "0%"
        return cell
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, int | float | datetime.date):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=neutralise(_clean(str(value))))
    cell.data_type = "s"  # text, never a formula or an error code
    return cell


def xlsx_bytes(sheets):
    """XLSX bytes from `sheets`, a list of (title, header, rows). Numbers and dates
    stay numbers and dates; everything else is written as neutralised text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=_clean(title)[:31] or "Sheet")
        sheet.freeze_panes = "A2"
        heading = []
        for name in header:
            cell = _xlsx_cell(sheet, str(name))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows, *, filename):
    """A download of `rows` (see csv_text) named `filename`."""
    return _attachment(csv_text(rows), CSV_CONTENT_TYPE, filename)


def xlsx_response(sheets, *, filename):
    """A download of `sheets` (see xlsx_bytes) named `filename`."""
    return _attachment(xlsx_bytes(sheets), XLSX_CONTENT_TYPE, filename)
