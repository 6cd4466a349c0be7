"""Reading an ESR staff extract: CSV (UTF-8, with or without a byte-order mark) or an
Excel workbook (XLSX, its first sheet), into numbered rows keyed by what Trellis reads.

A file from a person is untrusted: anything that cannot be read is refused with a
sentence they can act on (FileRefused), never an exception of the parser. Windows-1252
("ANSI", Excel's "CSV (Comma delimited)") is recognised and refused by name: read as
UTF-8 its accented names would be wrong, and guessing could be wrong too.
"""

import csv
import datetime
import io
import warnings
import zipfile
from dataclasses import dataclass

XLSX_MAGIC = b"PK\x03\x04"
BOM = "\ufeff"
MAX_UNPACKED_BYTES = 80 * 1024 * 1024
MAX_COLUMNS = 80
MAX_ROWS = 60_000

# What the mapping's fields hold: key → the EsrColumnMapping field naming its heading.
FIELDS = (
    "employee_number", "assignment_number", "title", "first_name", "last_name", "email",
    "position_title", "org_path", "supervisor", "pay_band", "staff_group", "start_date",
    "status",
)  # fmt: skip
REQUIRED = ("employee_number", "assignment_number", "first_name", "last_name", "email")

WINDOWS_1252 = (
    'This file is saved as Windows-1252 (in Excel, "CSV (Comma delimited)"), so '
    'names with accents would be read wrongly. Save it again as "CSV UTF-8 (Comma '
    'delimited)" and upload that file'
)
UTF_16 = (
    'This file is saved as Unicode text (UTF-16). Save it again as "CSV UTF-8 (Comma '
    'delimited)" and upload that file'
)


class FileRefused(Exception):
    """The file cannot be read at all; the message says why, in plain words."""


@dataclass
class Row:
    line: int  # the line (CSV) or row (XLSX) of the file; the heading row is 1
    values: dict  # key of FIELDS (and "levels": list of names) → text


def decode(raw):
    """CSV bytes as text. Raises FileRefused for Windows-1252, UTF-16 or binary."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(UTF_16)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused(
                'This file could not be read as text. Save it as "CSV UTF-8 (Comma '
                'delimited)" or as an Excel workbook (.xlsx) and upload that file'
            ) from None
        raise FileRefused(WINDOWS_1252) from None
    text = text.removeprefix(BOM)
    if "\x00" in text:
        raise FileRefused("This file is not a CSV file. Upload a CSV or an Excel workbook")
    return text


def csv_rows(raw):
    """The cells of a CSV file's rows, blank rows included (a row's index + 1 is its line)."""
    text = decode(raw)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise FileRefused(f"This file is not a valid CSV file ({error})") from None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def xlsx_rows(raw):
    """The cells of the first worksheet's rows, as text. Raises FileRefused."""
    not_workbook = "This file is not an Excel workbook (.xlsx). Upload a CSV or an .xlsx file"
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(not_workbook) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused("This workbook is too large once unpacked: split it into two files")
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                rows = []
                for cells in book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
                    if len(rows) > MAX_ROWS:
                        raise FileRefused(f"The file has more than {MAX_ROWS:,} rows")
                    rows.append([_text(value) for value in cells])
            finally:
                book.close()
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise FileRefused(
            "This workbook could not be read. Open it in Excel, save it as an .xlsx "
            "workbook and try again"
        ) from None
    return rows


def _key(heading):
    return " ".join(str(heading).split()).casefold()


def read(raw, mapping):
    """The rows of the extract `raw` (bytes of a CSV or XLSX file), read through
    `mapping` (an EsrColumnMapping). Out: a list of Row, blank rows left out.
    Raises FileRefused when the file cannot be read or lacks a required column."""
    cells = xlsx_rows(raw) if raw.startswith(XLSX_MAGIC) else csv_rows(raw)
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise FileRefused("The file is empty")
    if len(numbered) > MAX_ROWS + 1:
        raise FileRefused(f"The file has more than {MAX_ROWS:,} rows: split it into two files")
    header_line, header = numbered[0]
    position = {}
    for index, heading in enumerate(header):
        position.setdefault(_key(heading), index)

    def where(heading):
        return position.get(_key(heading)) if heading.strip() else None

    columns = {key: where(getattr(mapping, key)) for key in FIELDS}
    levels = [i for i in (where(h) for h in mapping.level_columns) if i is not None]
    missing = [getattr(mapping, key) or key for key in REQUIRED if columns[key] is None]
    if not levels and columns["org_path"] is None:
        missing.append(f"{mapping.org_level_1} (or {mapping.org_path})")
    if missing:
        raise FileRefused(
            "The file has no column headed: " + ", ".join(missing) + ". Check the heading "
            "row, or ask an administrator to change the column mapping"
        )
    separator = mapping.path_separator.strip() or ">"
    rows = []
    for line, row in numbered[1:]:

        def cell(index, row=row):
            return row[index].strip() if index is not None and index < len(row) else ""

        values = {key: cell(index) for key, index in columns.items()}
        if levels:
            names = [cell(i) for i in levels]
        else:
            names = values["org_path"].split(separator)
        values["levels"] = [" ".join(name.split()) for name in names if name.strip()]
        rows.append(Row(line, values))
    if not rows:  # every person in scope would be a leaver
        raise FileRefused("The file has a heading row but no staff. Upload the full extract")
    return rows
