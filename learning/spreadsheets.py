"""Excel workbooks (XLSX) in and out, with openpyxl.

Reading: a file from a person is untrusted. It must be a ZIP archive (an XLSX
starts with PK\\x03\\x04), small enough once unpacked, and readable by openpyxl;
anything else is refused with a sentence a person can act on, never an exception.
Only the first worksheet is read, as text, and only as far as an import could
use it, so a sheet that claims a million rows or columns costs nothing.

Writing is frontend.exports' job, as for every file Trellis hands out.
"""

import datetime
import io
import warnings
import zipfile

XLSX_MAGIC = b"PK\x03\x04"
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 60


class Unreadable(Exception):
    """The file is not a workbook this app can read; the message says why."""


class TooManyRows(Unreadable):
    """The first worksheet has more rows than the caller will read."""


def looks_like_xlsx(raw):
    return raw[:4] == XLSX_MAGIC


def _text(value):
    """A cell's value as the text a CSV would have held."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def read_rows(raw, *, max_rows):
    """The first worksheet of the XLSX bytes `raw` as lists of text, one per row
    (blank rows included, so a row's index + 1 is its row number in Excel). At most
    `max_rows` rows are read; more raises TooManyRows. Raises Unreadable for a
    file that is not a workbook."""
    if not looks_like_xlsx(raw):
        raise Unreadable("The selected file is not an Excel workbook (XLSX)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("The selected file is not an Excel workbook (XLSX)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable("The selected workbook is too large once unpacked")

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                if (sheet.max_column or 0) > MAX_COLUMNS:
                    # Columns beyond MAX_COLUMNS are not read: refuse, rather than
                    # import without them.
                    raise Unreadable(
                        f"The first sheet has more than {MAX_COLUMNS} columns. Delete the "
                        "columns the import does not use and try again"
                    )
                rows = []
                for cells in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                    if len(rows) >= max_rows:
                        raise TooManyRows(f"The workbook has more than {max_rows:,} rows")
                    rows.append([_text(value) for value in cells])
            finally:
                book.close()
    except Unreadable:
        raise
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise Unreadable(
            "The selected file could not be read as an Excel workbook. Open it in Excel, "
            "save it as an .xlsx workbook and try again"
        ) from None
    return [_trim(row) for row in rows]


def _trim(row):
    """A row without the empty cells at its end."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]
