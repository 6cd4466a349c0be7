"""CSV import (all or nothing, every problem named) and export."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import imports
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
        (HEADER + GOOD, "c.xlsx", "must be a CSV"),
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
    assert "Select a CSV file" in response.text


def test_export_writes_the_columns_the_import_reads(led, client):
    response = client.get(reverse("learning:curate-export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Initiative.objects.count()
    row = next(r for r in rows if r["title"] == "Mentoring others")
    assert row["category"] == "learning-from-others"
    assert row["directions"] == "depth|breadth"
    assert row["status"] == "published"
    # The export imports again unchanged.
    outcome = imports.import_csv(text=response.content.decode(), by=led)
    assert outcome.ok, outcome.problems
    assert outcome.created == 0 and outcome.unchanged == len(rows)
