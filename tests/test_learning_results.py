"""LED's results per initiative: uptake, ratings and evaluation results, and their CSV
and XLSX.
Evaluations are shown without names; the queries do not grow with them."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import OutcomeAnswer
from tests.factories import PersonFactory
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
    OutcomeAnswerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_count_shown(settings):
    """These tests check the arithmetic on small worlds; test_learning_disclosure.py checks
    that small numbers are hidden."""
    settings.MI_SMALL_NUMBER_THRESHOLD = 1


@pytest.fixture
def led(cast, client):
    client.force_login(cast["led"])
    return cast["led"]


@pytest.fixture
def initiative():
    return InitiativeFactory(
        title="Handover skills", learning_outcomes="Run a safe handover\nSpot risk early"
    )


def evaluate(initiative, rating, *, review="", achieved=("fully", "partly"), **kwargs):
    entry = CPDEntryFactory(initiative=initiative, person=PersonFactory(given_name="Zebedee"))
    evaluation = EvaluationFactory(entry=entry, rating=rating, review=review, **kwargs)
    for n, (outcome, answer) in enumerate(zip(initiative.outcome_list, achieved, strict=False), 1):
        OutcomeAnswerFactory(
            evaluation=evaluation, position=n, outcome=outcome, achieved=answer, note=f"Note {n}"
        )
    return evaluation


def results(client, initiative):
    return client.get(reverse("learning:curate-results", args=[initiative.pk]))


def test_led_see_uptake_ratings_and_evaluation_results(client, led, initiative):
    evaluate(initiative, 5, review="Brilliant trainer.")
    evaluate(initiative, 4, achieved=("fully", "not"))
    evaluate(
        initiative,
        2,
        review="Too long.",
        applied_level="often",
        applied="I use it at every shift change.",
        applied_at=timezone.now(),
        follow_up_sent_at=timezone.now(),
    )
    CPDEntryFactory(initiative=initiative, done=False)  # started, not finished
    BookmarkFactory(initiative=initiative)
    BookmarkFactory(initiative=initiative)
    CPDEntryFactory(initiative=InitiativeFactory())  # another initiative's: not counted

    response = results(client, initiative)
    assert response.status_code == 200
    data = response.context["results"]
    assert data["uptake"]["entries"] == 4 and data["uptake"]["finished"] == 3
    assert data["uptake"]["people"] == 4 and data["uptake"]["bookmarks"] == 2
    assert data["ratings"]["count"] == 3 and str(data["ratings"]["average"]) == "3.7"
    assert [r["n"] for r in data["ratings"]["rows"]] == [1, 1, 0, 1, 0]  # 5 down to 1
    assert [(o["outcome"], o["fully"], o["partly"], o["not"]) for o in data["outcomes"]] == [
        ("Run a safe handover", 3, 0, 0),
        ("Spot risk early", 0, 2, 1),
    ]
    assert data["follow_up"]["answered"] == 1 and data["follow_up"]["sent"] == 1
    page = response.text
    assert "Average 3.7 out of 5" in page and "Brilliant trainer." in page
    assert "I use it at every shift change." in page and "Yes, often" in page
    assert "<svg" in page and "<table" in page  # the chart and its text alternative
    assert " style=" not in page
    assert "Zebedee" not in page  # no names


def test_an_initiative_nobody_has_evaluated_says_so(client, led, initiative):
    page = results(client, initiative).text
    assert "Nobody has evaluated this initiative yet" in page
    assert "No answers against learning outcomes yet" in page


def test_results_are_for_led_only(client, cast, initiative):
    evaluate(initiative, 5, review="Secret")
    for role in ("owner", "line_manager", "hr", "administrator"):
        client.force_login(cast[role])
        assert results(client, initiative).status_code == 403
        csv_url = reverse("learning:curate-results-csv", args=[initiative.pk])
        assert client.get(csv_url).status_code == 403
        xlsx_url = reverse("learning:curate-results-xlsx", args=[initiative.pk])
        assert client.get(xlsx_url).status_code == 403
    client.force_login(cast["led"])
    assert client.get(reverse("learning:curate-results", args=[999_999])).status_code == 404


def test_the_csv_has_one_row_per_evaluation_without_names(client, led, initiative):
    evaluate(initiative, 5, review='=HYPERLINK("http://evil")')
    evaluate(
        initiative,
        3,
        applied_level="not_yet",
        applied="No chance yet.",
        applied_at=timezone.now(),
    )
    response = client.get(reverse("learning:curate-results-csv", args=[initiative.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Evaluated on", "Rating (1 to 5)", "Review"]
    assert "Achieved: Run a safe handover" in rows[0]
    assert "What they learned: Spot risk early" in rows[0]
    assert len(rows) == 3
    first, second = rows[1], rows[2]
    assert first[1] == "5" and first[2].startswith("'=")  # not run as a formula
    assert first[rows[0].index("Achieved: Run a safe handover")] == "Yes, fully"
    assert second[rows[0].index("Used in their work")] == "Not yet"
    assert "Zebedee" not in response.content.decode()


def test_the_xlsx_has_the_csv_rows_with_dates_and_numbers(client, led, initiative):
    import openpyxl

    evaluation = evaluate(initiative, 5, review='=HYPERLINK("http://evil")')
    evaluate(initiative, 3, applied_level="often", applied="Daily.", applied_at=timezone.now())
    response = client.get(reverse("learning:curate-results-xlsx", args=[initiative.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert ".xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    header = list(rows[0])
    assert header[:3] == ["Evaluated on", "Rating (1 to 5)", "Review"]
    assert len(rows) == 3
    first, second = rows[1], rows[2]
    assert first[1] == 5
    assert first[2] == '\'=HYPERLINK("http://evil")'
    assert sheet.cell(2, 3).data_type == "s"  # text, never a formula
    assert first[0].date() == evaluation.evaluated_at.date()  # a date, not text
    assert second[header.index("Used in their work")] == "Yes, often"
    assert first[header.index("Achieved: Run a safe handover")] == "Yes, fully"
    assert not any("Zebedee" in str(value) for row in rows for value in row)


def test_reworded_outcomes_keep_the_words_people_answered(client, led, initiative):
    evaluate(initiative, 4)
    initiative.learning_outcomes = "A reworded outcome"
    initiative.save()
    evaluate(initiative, 4, achieved=("partly",))
    outcomes = [o["outcome"] for o in results(client, initiative).context["results"]["outcomes"]]
    # By position in the list, then by their words.
    assert outcomes == ["A reworded outcome", "Run a safe handover", "Spot risk early"]
    assert OutcomeAnswer.objects.count() == 3


def _queries(client, url):
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_queries_do_not_grow_with_evaluations(client, led, initiative):
    page = reverse("learning:curate-results", args=[initiative.pk])
    export = reverse("learning:curate-results-csv", args=[initiative.pk])
    workbook = reverse("learning:curate-results-xlsx", args=[initiative.pk])
    sizes = []
    for count in (2, 40):
        while initiative.evaluations.count() < count:
            evaluate(
                initiative,
                count % 5 + 1,
                review="Good",
                applied_level="sometimes",
                applied="Yes",
                applied_at=timezone.now() - timedelta(days=1),
            )
        sizes.append(
            (_queries(client, page), _queries(client, export), _queries(client, workbook))
        )
    # Both: 2 session and person, 1 roles (header links),
    # 1 the initiative. The page then: 1 uptake, 1 bookmarks, 1 ratings, 1 outcomes,
    # 1 follow-ups, 1 reviews, 1 follow-up answers. The CSV and the XLSX: 1 evaluations,
    # 1 their outcome answers.
    assert sizes[0] == sizes[1] == (11, 6, 6), sizes
