"""Every CSV and XLSX download opens safely in a spreadsheet: a UTF-8 byte-order mark
(so Excel on Windows shows "Zoë O’Neil"), and no cell that a spreadsheet would run
as a formula. The downloads are found from the URL patterns, so a new one is checked
without editing this file."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from frontend import exports
from tests.factories_learning import (
    CPDEntryFactory,
    EvaluationFactory,
    EvidenceFactory,
    InitiativeFactory,
    OutcomeAnswerFactory,
)

pytestmark = pytest.mark.django_db

NAME = "Zoë O’Neil"
HOSTILE = [
    f'=HYPERLINK("http://evil.example","{NAME}")',
    "+1 day a week",
    "-1 for a start",
    "@SUM(1+1)",
    "\tTabbed in",
    "\rCarriage return first",
    f"=1+1 {NAME}",
]


def download_urls(resolver=None, namespace=""):
    """(name, route) of every URL pattern whose route ends in .csv or .xlsx."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from download_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and str(pattern.pattern).endswith((".csv", ".xlsx")):
            yield f"{namespace}{pattern.name}", pattern.pattern


DOWNLOADS = sorted(download_urls())


@pytest.fixture
def world(cast, client):
    """A LED member with hostile text in everything the downloads show."""
    led = cast["led"]
    used = InitiativeFactory(
        title=HOSTILE[0],
        provider=HOSTILE[1],
        summary=HOSTILE[2],
        learning_outcomes=f"Hand over to {NAME}",
    )
    InitiativeFactory(title=HOSTILE[6], provider=HOSTILE[3])  # used by nobody
    entry = CPDEntryFactory(
        person=led,
        initiative=used,
        title=HOSTILE[1],
        learned=HOSTILE[2],
        apply=HOSTILE[5],
        hours=Decimal("1.5"),
    )
    EvidenceFactory(entry=entry, name=HOSTILE[3])
    evaluation = EvaluationFactory(entry=entry, review=HOSTILE[3], applied=HOSTILE[5])
    OutcomeAnswerFactory(evaluation=evaluation, outcome=f"Hand over to {NAME}", note=HOSTILE[4])
    client.force_login(led)
    return {"pk": used.pk}


def test_every_download_is_found():
    names = [name for name, _ in DOWNLOADS]
    assert "learning:curate-export" in names  # the catalogue, as CSV
    assert "learning:curate-export-xlsx" in names
    assert len(names) >= 6


def cells_of(response):
    if response["Content-Type"].startswith("text/csv"):
        assert response.content.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
        text = response.content.decode("utf-8")[1:]
        return [(cell, "s") for row in csv.reader(io.StringIO(text)) for cell in row]
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        (cell.value, cell.data_type)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name,route", DOWNLOADS, ids=[name for name, _ in DOWNLOADS])
def test_every_download_opens_safely_in_a_spreadsheet(world, client, name, route):
    missing = set(route.converters) - set(world)
    assert not missing, f"{name}: give the world fixture a value for {missing}"
    kwargs = {key: world[key] for key in route.converters}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = cells_of(response)

    formulas = [value for value, kind in cells if kind == "f"]
    assert formulas == []
    unsafe = [
        value
        for value, _ in cells
        if isinstance(value, str)
        and value.startswith(exports.FORMULA_STARTS)
        and not is_number(value)  # a number, like -1.5, is never run
    ]
    assert unsafe == [], f"{name} writes cells a spreadsheet would run"
    # The hostile text is there, quoted, and the name reads as it was typed.
    texts = [value for value, _ in cells if isinstance(value, str)]
    assert any(value.startswith("'") and value[1:] in HOSTILE for value in texts)
    assert any(NAME in value for value in texts)


def test_only_text_is_quoted_numbers_stay_numbers():
    assert exports.neutralise("-1.5") == "'-1.5"  # typed text: could be a formula
    assert exports.neutralise(Decimal("-1.5")) == Decimal("-1.5")  # a number column
    assert exports.neutralise(-2) == -2
    assert exports.neutralise("O’Neil - ward 3") == "O’Neil - ward 3"
    assert exports.csv_text([["Hours", Decimal("-1.5"), "-1.5"]]) == "\ufeffHours,-1.5,'-1.5\r\n"
    assert exports.restore("'=SUM(A1)") == "=SUM(A1)"
    assert exports.restore("'quoted") == "'quoted"


def test_only_frontend_exports_writes_spreadsheets():
    """A CSV or workbook written anywhere else would skip the byte-order mark and the
    quoting (tablib's `.csv` and `.xlsx` included)."""
    from tests.test_architecture import APPS, python_files

    writers = ("csv.writer", "csv.DictWriter", "Workbook(", ").csv", ").xlsx")
    offenders = [
        f"{path.relative_to(path.parents[1])} uses {writer}"
        for app in APPS
        for path in python_files(app)
        for writer in writers
        if writer in path.read_text()
    ]
    assert offenders == []
