"""CSV and XLSX import (all or nothing, every problem named) and export."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import catalogue_export, imports
from learning.models import Initiative
from tests.factories_learning import InitiativeFactory

IMPORT = reverse("learning:curate-import")
HEADER = "title,summary,category,format,directions,levels,cost_type,online,tags\n"
GOOD = "Reverse mentoring,Be mentored by a junior colleague,learning-from-others,mentoring,breadth|stretch,proven,free,yes,mentoring\n"  # noqa: E501
GOOD_2 = "Clinic shadowing,Shadow a clinic,experience,shadowing,depth,consolidating,free,no,\n"
BAD = "Bad row,Summary,experiance,mentoring,sideways,proven,free,maybe,\n"


@pytest.fixture
def led(cast, client):
    client.force_login(cast["led"])
    return cast["led"]


def xlsx(text, *, blank_rows_at=(), sheet_first=None):
    """The CSV `text` as an XLSX workbook; `blank_rows_at` inserts empty rows."""
    book = openpyxl.Workbook()
    if sheet_first is not None:
        book.active.title = "Read me"
        book.active.append([sheet_first])
        sheet = book.create_sheet("Initiatives")
    else:
        sheet = book.active
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if number in blank_rows_at:
            sheet.append([])
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, text, name="catalogue.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_a_good_file_is_imported_as_drafts(led, client):
    before = Initiative.objects.count()
    response = upload(client, HEADER + GOOD + GOOD_2)
    assert response.status_code == 302
    assert Initiative.objects.count() == before + 2
    imported = Initiative.objects.get(title="Reverse mentoring")
    assert imported.status == Initiative.Status.DRAFT
    assert imported.owner == led
    assert imported.online is True
    assert imported.category.slug == "learning-from-others"
    assert sorted(d.slug for d in imported.directions.all()) == ["breadth", "stretch"]
    assert imported.history.first().history_user == led


def test_one_bad_row_names_the_line_and_field_and_imports_nothing(led, client):
    before = Initiative.objects.count()
    response = upload(client, HEADER + GOOD + BAD + GOOD_2)
    assert response.status_code == 200
    assert Initiative.objects.count() == before
    problems = response.context["outcome"].problems
    assert {(p.line, p.column) for p in problems} == {
        (3, "category"),
        (3, "directions"),
        (3, "online"),
    }
    text = response.text
    assert "There is a problem" in text
    assert "The file has 3 problems, so nothing was imported" in text
    assert "Line 3 (Bad row)" in text
    assert "&#x27;experiance&#x27; is not a known category" in text
    assert "&#x27;sideways&#x27; is not a known growth direction" in text


def test_model_rules_are_checked_per_row(led, client):
    long_title = "T" * 201
    rows = (
        HEADER + f"{long_title},S,experience,course,,,free,no,\n" + ",S,experience,course,,,,,\n"
    )
    response = upload(client, rows)
    problems = {(p.line, p.column): p.message for p in response.context["outcome"].problems}
    assert "200" in problems[(2, "title")]
    assert problems[(3, "title")] == "Enter a title"


def test_a_row_can_update_an_existing_initiative_by_id(led, client):
    initiative = InitiativeFactory(title="Old title")
    text = f"id,{HEADER}{initiative.pk},New title,S,experience,course,,,free,no,\n"
    assert upload(client, text).status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "New title"
    assert initiative.status == Initiative.Status.PUBLISHED  # status changes only by publishing
    assert initiative.version == 2
    response = upload(client, f"id,{HEADER}999999,X,S,experience,course,,,free,no,\n")
    assert "No initiative has the id" in response.text


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xff\xfe\x00bad", "c.csv", "could not be read"),
        (b"title,summary\nA,B\n", "c.csv", "Add the missing columns: category, format"),
        (HEADER.replace("tags", "tagz"), "c.csv", "unknown columns: tagz"),
        (HEADER, "c.csv", "a header but no initiatives"),
        (HEADER + "only,three,values\n", "c.csv", "The row has 3 values"),
        (b'title,summary\n"unclosed,quote\n', "c.csv", "not a valid CSV"),
        (HEADER + GOOD, "c.xlsx", "is not an Excel workbook, although its name ends in .xlsx"),
        (HEADER + GOOD, "c.txt", "must be a CSV or an Excel workbook (XLSX)"),
        (b"PK\x03\x04not really a zip", "c.xlsx", "is not an Excel workbook (XLSX)"),
        (b"PK\x03\x04not really a zip", "c.csv", "is an Excel workbook, not a CSV"),
        (b"", "c.csv", "The selected file is empty"),
    ],
)
def test_a_malformed_file_gets_a_clear_error(led, client, content, name, message):
    before = Initiative.objects.count()
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert Initiative.objects.count() == before


def test_an_oversized_file_is_refused(led, client):
    big = HEADER + GOOD * (2 * 1024 * 1024 // len(GOOD) + 10)
    response = upload(client, big)
    assert "smaller than 2 MB" in response.text


def test_no_file_is_an_error(led, client):
    response = client.post(IMPORT, {})
    assert "Select a CSV or XLSX file" in response.text


def test_export_writes_the_columns_the_import_reads(led, client):
    response = client.get(reverse("learning:curate-export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == Initiative.objects.count()
    row = next(r for r in rows if r["title"] == "Mentoring others")
    assert row["category"] == "learning-from-others"
    assert row["directions"] == "depth|breadth"
    assert row["status"] == "published"
    # The export imports again unchanged.
    outcome = imports.import_csv(text=response.content.decode(), by=led)
    assert outcome.ok, outcome.problems
    assert outcome.created == 0 and outcome.unchanged == len(rows)


# XLSX -------------------------------------------------------------------------------


def test_a_good_workbook_is_imported_as_drafts(led, client):
    before = Initiative.objects.count()
    response = upload(client, xlsx(HEADER + GOOD + GOOD_2), "catalogue.xlsx")
    assert response.status_code == 302
    assert Initiative.objects.count() == before + 2
    imported = Initiative.objects.get(title="Reverse mentoring")
    assert imported.status == Initiative.Status.DRAFT
    assert imported.online is True
    assert sorted(d.slug for d in imported.directions.all()) == ["breadth", "stretch"]


def test_a_workbook_with_one_bad_row_imports_nothing_and_names_the_row(led, client):
    before = Initiative.objects.count()
    # A blank row before the bad one: the report counts rows as Excel numbers them.
    response = upload(client, xlsx(HEADER + GOOD + BAD + GOOD_2, blank_rows_at=[3]), "c.xlsx")
    assert response.status_code == 200
    assert Initiative.objects.count() == before
    problems = response.context["outcome"].problems
    assert {(p.line, p.column) for p in problems} == {
        (4, "category"),
        (4, "directions"),
        (4, "online"),
    }
    text = response.text
    assert "There is a problem" in text
    assert "The file has 3 problems, so nothing was imported" in text
    assert "Row 4 (Bad row)" in text
    assert "&#x27;experiance&#x27; is not a known category" in text


def test_numbers_and_booleans_in_cells_are_read_as_their_text(led, client):
    initiative = InitiativeFactory(title="Old title")
    book = openpyxl.Workbook()
    book.active.append(["id", "title", "summary", "category", "format", "cost_type"])
    book.active.append([initiative.pk, "New", "S", "experience", "course", "funded"])
    book.active.append([None, "Costed", "S", "experience", "course", "funded"])
    book.active["G1"] = "cost_amount"
    book.active["G3"] = 99.5
    book.active["H1"] = "online"
    book.active["H3"] = True
    out = io.BytesIO()
    book.save(out)
    assert upload(client, out.getvalue(), "c.xlsx").status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "New"
    costed = Initiative.objects.get(title="Costed")
    assert str(costed.cost_amount) == "99.50"
    assert costed.online is True


def test_only_the_first_sheet_is_read(led, client):
    response = upload(client, xlsx(HEADER + GOOD, sheet_first="Read me first"), "c.xlsx")
    assert "Add the missing columns" in response.text


def test_a_damaged_workbook_gets_a_clear_error_not_a_500(led, client):
    good = xlsx(HEADER + GOOD)
    response = upload(client, good[: len(good) // 2], "c.xlsx")
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.text or (
        "is not an Excel workbook" in response.text
    )
    assert "There is a problem" in response.text


def test_a_zip_that_is_not_a_workbook_gets_a_clear_error(led, client):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    response = upload(client, out.getvalue(), "c.xlsx")
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.text


def test_a_workbook_that_unpacks_too_large_is_refused(led, client):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (60 * 1024 * 1024))
    assert len(out.getvalue()) < 2 * 1024 * 1024
    response = upload(client, out.getvalue(), "c.xlsx")
    assert "too large once unpacked" in response.text


def test_a_sheet_that_claims_a_million_rows_is_refused_quickly(led, client):
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active["A1000000"] = "far away"
    out = io.BytesIO()
    book.save(out)
    response = upload(client, out.getvalue(), "c.xlsx")
    assert response.status_code == 200
    assert "more than 5,000 rows" in response.text


def test_a_sheet_wider_than_can_be_read_is_refused_not_cut_short(led, client):
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active["ZZ2"] = "far right"
    out = io.BytesIO()
    book.save(out)
    response = upload(client, out.getvalue(), "c.xlsx")
    assert response.status_code == 200
    assert "more than 60 columns" in response.text


def test_the_xlsx_export_imports_again_unchanged(led, client):
    InitiativeFactory(title='=HYPERLINK("http://x")', cost_type="funded", cost_amount="12.50")
    response = client.get(reverse("learning:curate-export-xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.values)
    assert list(rows[0]) == list(imports.InitiativeResource._meta.fields)
    assert len(rows) - 1 == Initiative.objects.count()
    formula = next(r for r in rows if r[1] == '\'=HYPERLINK("http://x")')
    assert book.active.cell(rows.index(formula) + 1, 2).data_type == "s"  # text, not a formula
    assert isinstance(formula[0], int)
    outcome = imports.import_xlsx(raw=response.content, by=led)
    assert outcome.ok, outcome.problems
    assert outcome.created == 0 and outcome.unchanged == len(rows) - 1
    # And through the page, as a person would.
    assert upload(client, response.content, "export.xlsx").status_code == 302


def test_the_xlsx_export_is_for_led_only(cast, client):
    client.force_login(cast["owner"])
    assert client.get(reverse("learning:curate-export-xlsx")).status_code == 403


def test_every_import_problem_is_in_plain_words(led, client):
    """Numbers that are not numbers, and ids that are not ids, are named plainly:
    never Django's wording or the name of a Python type."""
    from frontend.errors import django_templates

    rows = (
        HEADER.replace("tags", "tags,cost_amount")
        + "Costed,S,experience,course,,,funded,no,,NaN\n"
        + "Too dear,S,experience,course,,,funded,no,,123456789\n"
    )
    response = upload(client, rows)
    problems = response.context["outcome"].problems
    assert problems, "the bad numbers were accepted"
    for problem in problems:
        assert "class" not in problem.message and "Ensure" not in problem.message
        assert problem.message not in django_templates()
    messages = {p.message for p in problems}
    assert any(m.startswith("Enter cost") and "as a number, like 1.5" in m for m in messages)
    upload_with_odd_id = upload(client, "id," + HEADER + "²," + GOOD)
    for problem in upload_with_odd_id.context["outcome"].problems:
        assert "class" not in problem.message


@pytest.mark.parametrize("odd", ["9" * 5000, "٣", "9223372036854775808"])
def test_an_id_that_is_no_plain_number_is_named_as_a_problem(led, client, odd):
    """A numeral that is not plain ASCII digits, or one too long for any id, names no
    initiative: "٣" is not initiative 3."""
    client.raise_request_exception = False
    InitiativeFactory.create_batch(3)
    response = upload(client, f"id,{HEADER}{odd},X,S,experience,course,,,free,no,\n")
    assert response.status_code == 200
    assert "No initiative has the id" in response.text
    assert not Initiative.objects.filter(title="X").exists()


# The export at size -----------------------------------------------------------------


def _many_initiatives(count):
    """`count` more initiatives, each with a direction and a level, written in bulk."""
    from learning.browse import catalogue_changed
    from learning.models import GrowthDirection, ImpactLevel, LearningCategory

    category = LearningCategory.objects.first()
    direction, level = GrowthDirection.objects.first(), ImpactLevel.objects.first()
    made = Initiative.objects.bulk_create(
        Initiative(title=f"Bulk {n}", summary="Bulk", category=category, format="course")
        for n in range(count)
    )
    Initiative.directions.through.objects.bulk_create(
        Initiative.directions.through(initiative_id=i.pk, growthdirection_id=direction.pk)
        for i in made
    )
    Initiative.levels.through.objects.bulk_create(
        Initiative.levels.through(initiative_id=i.pk, impactlevel_id=level.pk) for i in made
    )
    catalogue_changed()  # bulk writes send no signals


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_exports_read_the_catalogue_in_the_same_queries_at_any_size(led, client):
    urls = [reverse("learning:curate-export"), reverse("learning:curate-export-xlsx")]
    counts = []
    for more in (3, 450):  # past import-export's pages of 100, which each cost 3 queries
        _many_initiatives(more)
        made = [_queries(client, url) for url in urls]
        kept = [_queries(client, url) for url in urls]
        counts.append((made, kept))
        text = client.get(urls[0]).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == Initiative.objects.count() + 1  # a new stamp, a new file
    # 2 session and person, 1 roles, 1 the catalogue's stamp; then a file made: 1 the
    # initiatives' columns, 1 their directions, 1 their levels. Kept: nothing more.
    assert counts[0] == counts[1] == ([7, 7], [4, 4]), counts


def test_the_catalogue_file_is_for_led_only_even_when_kept(led, cast, client):
    client.get(reverse("learning:curate-export"))  # made and kept for LED
    with pytest.raises(PermissionDenied):
        catalogue_export.catalogue_file("csv", user=cast["owner"])


def test_the_export_writes_the_cells_the_import_export_resource_would(led):
    from learning.models import GrowthDirection, ImpactLevel

    InitiativeFactory(
        title="@Costly course",
        cost_type=Initiative.Cost.FUNDED,
        cost_amount="1250.50",
        online=True,
        directions=list(GrowthDirection.objects.reverse()),
        levels=list(ImpactLevel.objects.all()[:2]),
        pay_bands="Band 5|Band 6",
    )
    _many_initiatives(3)
    everything = Initiative.objects.all()
    expected = imports.InitiativeResource().export(everything.for_listing())
    header, rows = catalogue_export.export_rows(everything)
    assert header == expected.headers
    assert rows == [list(row) for row in expected]
