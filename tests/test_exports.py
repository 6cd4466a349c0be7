"""Every CSV and XLSX download opens safely in a spreadsheet: a UTF-8 byte-order mark
(so Excel on Windows shows "Zoë O’Neil"), and no cell that a spreadsheet would run
as a formula. The downloads are found from the URL patterns, so a new one is checked
without editing this file."""

import csv
import inspect
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from careers.journal.services import appraisal_year
from frontend import exports
from tests import appraisal_setup
from tests.factories import OrganisationUnitFactory, PersonFactory
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


def writes_spreadsheet(view):
    """True when the view's own code writes through frontend/exports.py's CSV or XLSX
    (or hands out a file that it wrote and was kept)."""
    source = inspect.getsource(view)
    return any(call in source for call in ("csv_response(", "xlsx_response(", "attachment("))


def download_urls(resolver=None, namespace=""):
    """(name, route) of every URL pattern whose view writes a CSV or XLSX file, found from
    the views themselves rather than the routes' endings (one route ends `.<slug:fmt>`,
    another `download/`)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from download_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and writes_spreadsheet(pattern.callback):
            yield f"{namespace}{pattern.name}", pattern.pattern


DOWNLOADS = sorted(download_urls())

# Who asks for each download, with which URL arguments (world keys or values), and what
# typed text the file shows: "named" (hostile text and a person's name), "quoted" (hostile
# text, no names: ESR's file holds numbers and codes) or "none" (fixed labels and counts).
REPORT_TABLES = {"status": "none", "units": "named", "overdue": "named", "appraisers": "named",
                 "pay": "none", "earlier": "quoted"}  # fmt: skip
ASKS = {
    "learning:curate-insights-csv": [("led", {}, "named")],
    "learning:curate-export": [("led", {}, "named")],
    "learning:curate-export-xlsx": [("led", {}, "named")],
    "learning:curate-results-csv": [("led", {"pk": "initiative"}, "named")],
    "learning:curate-results-xlsx": [("led", {"pk": "initiative"}, "named")],
    "learning:cpd-export-csv": [("led", {}, "named")],
    "appraisals:cycle-esr-download": [("hr", {"pk": "cycle"}, "quoted")],
    # Counts under fixed group labels (small ones hidden), for HR with the permission.
    "appraisals:reports-equality-download": [
        ("hr", {"pk": "cycle", "table": "ethnicity-completion", "fmt": fmt}, "none")
        for fmt in ("csv", "xlsx")
    ],
    "appraisals:reports-download": [
        ("hr", {"pk": "cycle", "table": table, "fmt": fmt}, shows)
        for table, shows in REPORT_TABLES.items()
        for fmt in ("csv", "xlsx")
    ],
}
CASES = [(name, *ask) for name, _ in DOWNLOADS for ask in ASKS.get(name, [(None, {}, "named")])]


@pytest.fixture
def world(cast, organisation):
    """Hostile text in everything the downloads show: LED's catalogue, CPD and
    evaluations, and, for HR, a closed appraisal cycle whose unit, people and
    assignment numbers are hostile."""
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

    unit = OrganisationUnitFactory(name=HOSTILE[0], parent=organisation["org"])
    appraiser = PersonFactory(unit=unit, given_name=HOSTILE[1], family_name=NAME)
    closed = appraisal_setup.cycle(year=appraisal_year() - 1, units=[unit], name=HOSTILE[3])
    for n in range(2):
        person = PersonFactory(unit=unit, line_manager=appraiser, given_name=NAME,
                               family_name=HOSTILE[2], employee_number=f"1234567{n}",
                               assignment_number=f"{HOSTILE[1]} {n}")  # fmt: skip
        appraisal_setup.appraisal(person, the_cycle=closed)
    cast["hr"].user_permissions.add(Permission.objects.get(codename="view_equality_information"))
    return {"led": led, "hr": cast["hr"], "initiative": used.pk, "cycle": closed.pk}


def test_every_download_is_found():
    names = [name for name, _ in DOWNLOADS]
    assert "learning:curate-export" in names  # the catalogue, as CSV
    assert "learning:curate-export-xlsx" in names
    assert "appraisals:reports-download" in names  # route ends .<slug:fmt>
    assert "appraisals:cycle-esr-download" in names  # route ends download/
    assert len(names) >= 8


@pytest.mark.parametrize("name", [name for name, _ in DOWNLOADS])
def test_every_download_says_who_asks(name):
    assert name in ASKS, f"{name}: say in ASKS who asks for it, and with which arguments"


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


@pytest.mark.parametrize(
    "name,who,arguments,shows",
    CASES,
    ids=[f"{name}-{'-'.join(map(str, arguments.values()))}" for name, _, arguments, _ in CASES],
)
def test_every_download_opens_safely_in_a_spreadsheet(world, client, name, who, arguments, shows):
    if who is None:
        pytest.fail(f"{name}: say in ASKS who asks for it")
    client.force_login(world[who])
    kwargs = {key: world.get(value, value) for key, value in arguments.items()}
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
    if shows == "none":
        return
    # The hostile text is there, quoted, and the name reads as it was typed.
    texts = [value for value, _ in cells if isinstance(value, str)]
    assert any(
        value.startswith("'") and any(value[1:].startswith(h) for h in HOSTILE) for value in texts
    )
    if shows == "named":
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
