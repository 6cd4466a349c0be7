"""Staff read ratings: on an initiative's page the average, the count and the short
reviews, never who wrote them; in the catalogue list each initiative's average, in the
page's one query for its rows."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from learning import access, results
from learning.models import Initiative
from tests.factories import PersonFactory
from tests.factories_learning import CPDEntryFactory, EvaluationFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("learning:catalogue")


@pytest.fixture
def staff(cast, client):
    client.force_login(cast["owner"])
    return cast["owner"]


def rate(initiative, rating, review=""):
    person = PersonFactory(given_name="Zebedee", family_name="Quartermain")
    entry = CPDEntryFactory(initiative=initiative, person=person)
    return EvaluationFactory(entry=entry, rating=rating, review=review)


def test_the_initiative_page_shows_the_average_count_and_reviews_without_names(staff, client):
    initiative = InitiativeFactory(title="Handover skills")
    rate(initiative, 5, "Practical and <b>short</b>.")
    rate(initiative, 4)
    rate(initiative, 4, "Good trainer.")
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Rated <strong>4.3 out of 5</strong> on average by 3 people" in text
    assert "Practical and &lt;b&gt;short&lt;/b&gt;." in text
    assert "Good trainer." in text
    assert "Reviews are shared without names." in text
    assert "Zebedee" not in text and "Quartermain" not in text


def test_an_unrated_initiative_says_so(staff, client):
    response = client.get(InitiativeFactory().get_absolute_url())
    assert "Nobody has rated this yet" in response.text


def test_only_the_newest_reviews_are_shown(staff, client):
    initiative = InitiativeFactory()
    for n in range(results.REVIEWS_SHOWN + 2):
        rate(initiative, 3, f"Review number {n}.")
    ratings = client.get(initiative.get_absolute_url()).context["ratings"]
    assert len(ratings["reviews"]) == results.REVIEWS_SHOWN
    assert ratings["more_reviews"] is True
    assert ratings["count"] == results.REVIEWS_SHOWN + 2


def test_ratings_are_read_only_by_those_who_may_open_the_initiative(cast):
    published, draft = InitiativeFactory(), InitiativeFactory(draft=True)
    shown, hidden = rate(published, 5), rate(draft, 1)
    assert not access.ratings_readable_by(AnonymousUser()).exists()
    staff_reads = set(access.ratings_readable_by(cast["other_staff"]))
    assert shown in staff_reads and hidden not in staff_reads
    assert hidden in set(access.ratings_readable_by(cast["led"]))


def test_the_catalogue_shows_each_initiatives_average_rating(staff, client):
    Initiative.objects.all().delete()
    rated = InitiativeFactory(title="Rated mentoring")
    InitiativeFactory(title="Unrated mentoring")
    rate(rated, 5)
    rate(rated, 4)
    rate(rated, 4)
    response = client.get(CATALOGUE, {"q": "mentoring"})
    assert response.status_code == 200
    rows = {i.title: i for i in response.context["page"].object_list}
    assert rows["Rated mentoring"].rating_count == 3
    assert round(rows["Rated mentoring"].rating_average, 1) == 4.3
    assert rows["Unrated mentoring"].rating_count == 0
    assert rows["Unrated mentoring"].rating_average is None
    assert "Rated 4.3 out of 5 by 3 people" in response.text
    assert response.text.count(" out of 5 by ") == 1
    # Ratings add no rows: each initiative is listed and counted once.
    assert response.context["page"].paginator.count == 2


def test_the_ratings_are_read_in_one_query_rated_or_not(django_assert_num_queries, cast):
    """In: an initiative nobody rated, and one rated five times, its newest rating
    without a review. Out: one query each; the count and average are of all five,
    the reviews the newest written ones first."""
    unrated, rated = InitiativeFactory(), InitiativeFactory()
    for n, review in enumerate(["Oldest.", "", "Middle.", "Newest written.", ""]):
        rate(rated, 3 + n % 2, review)
    results.shared_ratings(unrated, user=cast["owner"])  # their roles, read once a request
    with django_assert_num_queries(1):
        assert results.shared_ratings(unrated, user=cast["owner"])["count"] == 0
    with django_assert_num_queries(1):
        ratings = results.shared_ratings(rated, user=cast["owner"])
    assert ratings["count"] == 5 and str(ratings["average"]) == "3.4"
    assert [r["review"] for r in ratings["reviews"]] == ["Newest written.", "Middle.", "Oldest."]
    assert ratings["more_reviews"] is False
