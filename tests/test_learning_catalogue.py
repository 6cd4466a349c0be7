"""Staff browse the catalogue: search, filters with counts, pages, the initiative page, saving."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learning import browse, search, services
from learning.models import Bookmark, Initiative
from tests.factories import PersonFactory
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
    vocabulary,
)

CATALOGUE = reverse("learning:catalogue")


@pytest.fixture
def staff(cast, client):
    client.force_login(cast["owner"])
    return cast["owner"]


@pytest.fixture
def empty_catalogue(db):
    Initiative.objects.all().delete()


def titles(response):
    return [i.title for i in response.context["page"].object_list]


def test_it_lists_published_initiatives_only(staff, client):
    InitiativeFactory(title="Draft thing", draft=True)
    InitiativeFactory(title="Retired thing", retired=True)
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 49  # the shipped catalogue
    assert "Draft thing" not in response.text
    assert "Retired thing" not in response.text


def test_search_ranks_a_title_match_above_a_description_match(staff, client, empty_catalogue):
    InitiativeFactory(title="Ward rounds", description="Learn about zephyr handovers.")
    InitiativeFactory(title="Zephyr handover training", description="About handovers.")
    InitiativeFactory(title="Unrelated", description="Nothing to see.")
    response = client.get(CATALOGUE, {"q": "zephyr"})
    assert titles(response) == ["Zephyr handover training", "Ward rounds"]


def test_search_finds_words_in_the_summary_and_tags(staff, client, empty_catalogue):
    InitiativeFactory(title="One", summary="A quokka appears here.")
    InitiativeFactory(title="Two", tags="quokka, other")
    InitiativeFactory(title="Three")
    assert sorted(titles(client.get(CATALOGUE, {"q": "quokka"}))) == ["One", "Two"]


def test_search_by_every_word(staff, client, empty_catalogue):
    InitiativeFactory(title="Coaching for leaders")
    InitiativeFactory(title="Coaching for nurses")
    assert titles(client.get(CATALOGUE, {"q": "coaching leaders"})) == ["Coaching for leaders"]


def test_the_search_uses_full_text_on_postgresql_only():
    assert search.uses_full_text() == (connection.vendor == "postgresql")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"q": "'\"&|!:*()<>"},
        {"category": "no-such-category"},
        {"direction": ["depth", "nonsense"]},
        {"online": "maybe"},
        {"format": "telepathy"},
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
    ],
)
def test_odd_input_never_gives_a_500(staff, client, params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200


def test_a_wrong_filter_value_is_shown_in_the_error_summary(staff, client):
    response = client.get(CATALOGUE, {"category": "no-such-category"})
    assert "There is a problem" in response.text
    assert "Select a choice from the list" in response.text
    response = client.get(CATALOGUE, {"q": "x" * 300})
    assert "Search words must be 200 characters or fewer" in response.text


def test_filters_combine_and_each_choice_shows_its_count(staff, client, empty_catalogue):
    _, directions, levels = vocabulary()
    InitiativeFactory(title="A", directions=["depth"], levels=["proven"], online=True)
    InitiativeFactory(title="B", directions=["depth", "breadth"], levels=["developing"])
    InitiativeFactory(title="C", directions=["stretch"], levels=["proven"])
    response = client.get(CATALOGUE, {"direction": "depth"})
    assert sorted(titles(response)) == ["A", "B"]
    # Direction counts ignore the direction filter itself (so other choices stay useful)...
    assert "Depth (2)" in response.text and "Stretch/complexity (1)" in response.text
    # ...and the other facets count within the chosen direction.
    assert "Proven (1)" in response.text
    assert "Available online (1)" in response.text
    response = client.get(CATALOGUE, {"direction": ["depth", "stretch"], "level": "proven"})
    assert sorted(titles(response)) == ["A", "C"]
    response = client.get(CATALOGUE, {"online": "yes"})
    assert titles(response) == ["A"]


def test_filter_by_category_format_and_cost(staff, client, empty_catalogue):
    categories, _, _ = vocabulary()
    InitiativeFactory(title="A", category=categories["formal-education"], cost_type="funded")
    InitiativeFactory(title="B", format=Initiative.Format.MENTORING)
    assert titles(client.get(CATALOGUE, {"category": "formal-education"})) == ["A"]
    assert titles(client.get(CATALOGUE, {"cost": "funded"})) == ["A"]
    assert titles(client.get(CATALOGUE, {"format": "mentoring"})) == ["B"]


def test_pages_keep_the_search_and_filters(staff, client, empty_catalogue):
    for n in range(45):
        InitiativeFactory(title=f"Mentoring circle {n:02d}", format="mentoring")
    response = client.get(CATALOGUE, {"q": "mentoring", "format": "mentoring"})
    assert response.context["page"].paginator.num_pages == 3
    assert 'href="?q=mentoring&amp;format=mentoring&amp;page=2"' in response.text
    second = client.get(CATALOGUE, {"q": "mentoring", "format": "mentoring", "page": 2})
    assert len(titles(second)) == 20
    assert 'href="?q=mentoring&amp;format=mentoring&amp;page=1"' in second.text


def _many(count):
    categories, directions, levels = vocabulary()
    cats = list(categories.values())
    made = Initiative.objects.bulk_create(
        Initiative(
            title=f"Initiative {n} on mentoring",
            summary="Summary",
            description="Description of mentoring work",
            category=cats[n % 3],
            format="mentoring" if n % 2 else "course",
            status="published",
            tags="mentoring",
        )
        for n in range(count)
    )
    through = Initiative.directions.through
    through.objects.bulk_create(
        through(initiative_id=i.pk, growthdirection_id=directions["depth"].pk) for i in made
    )
    through = Initiative.levels.through
    through.objects.bulk_create(
        through(initiative_id=i.pk, impactlevel_id=levels["proven"].pk) for i in made
    )
    search.refresh(Initiative.objects.all())
    browse.catalogue_changed()  # bulk writes send no signals


def _queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "mentoring"},
        {"q": "mentoring", "direction": "depth", "level": "proven", "category": "experience"},
    ],
    ids=["list", "search", "search-and-filters"],
)
def test_list_and_search_queries_do_not_grow_with_the_catalogue(
    staff, client, empty_catalogue, params
):
    saved = InitiativeFactory(title="Mentoring saved")
    BookmarkFactory(person=staff, initiative=saved)
    # Rated: each row's average rating comes in the page's one query for its rows.
    EvaluationFactory(entry=CPDEntryFactory(initiative=saved), rating=5)
    EvaluationFactory(entry=CPDEntryFactory(initiative=saved), rating=4)
    _many(9)
    # The session is written at most once a minute (people.middleware): the first
    # request of the test writes it, so make that one elsewhere.
    client.get(reverse("learning:saved"))
    cold_10, warm_10 = _queries(client, params), _queries(client, params)
    _many(1990)
    assert Initiative.objects.count() == 2000
    cold_2000, warm_2000 = _queries(client, params), _queries(client, params)
    # A warm cache (the same search and filters, the catalogue unchanged since):
    # 2: the session and the person; 1: their roles (the header's links);
    # 1: the catalogue's and the ratings' stamp (learning/browse.py); 1: which
    # initiatives on the page the person saved. The session is not written (at
    # most once a minute). The search and filter form and the result cards come
    # drawn from the cache. Filter values given are checked against their
    # vocabulary: one query each.
    filters_given = sum(1 for key in ("category", "direction", "level") if key in params)
    assert warm_10 == warm_2000 == 5 + filters_given, (warm_10, warm_2000)
    # A cold cache adds one grouped count for each facet (category, direction,
    # level, format, cost, online), the page's ids, the page's initiatives by id
    # (with their category and average ratings; the cards show no directions or
    # levels) and the three vocabularies behind the checkboxes; the total is the
    # sum of the category counts, never a count of its own.
    assert cold_10 == cold_2000 == 16 + filters_given, (cold_10, cold_2000)


def test_a_change_to_the_catalogue_shows_at_once(staff, client, empty_catalogue):
    """Counts and pages are cached; any change to an initiative refreshes them."""
    first = InitiativeFactory(title="Quiet first", directions=["depth"])
    response = client.get(CATALOGUE)
    assert response.context["page"].paginator.count == 1
    assert "Depth (1)" in response.text
    InitiativeFactory(title="Quiet second", directions=["depth"])
    response = client.get(CATALOGUE)
    assert titles(response) == ["Quiet first", "Quiet second"]
    assert "Depth (2)" in response.text and "2 initiatives" in response.text
    first.directions.set([])  # a change of directions alone
    assert "Depth (1)" in client.get(CATALOGUE).text
    first.status = Initiative.Status.RETIRED
    first.save()
    assert titles(client.get(CATALOGUE, {"q": "quiet"})) == ["Quiet second"]
    Initiative.objects.filter(title="Quiet second").delete()
    assert "No initiatives match" in client.get(CATALOGUE).text


def test_a_new_rating_and_a_new_bookmark_show_on_the_cards_at_once(staff, client, empty_catalogue):
    """The drawn cards are cached for everyone; a rating, or what this person saved,
    still shows on the next request, and one person's marks never show to another."""
    rated = InitiativeFactory(title="Quiet rated", directions=["depth"])
    InitiativeFactory(title="Quiet other", directions=["depth"])
    assert "Rated" not in client.get(CATALOGUE).text
    EvaluationFactory(entry=CPDEntryFactory(initiative=rated), rating=4)
    assert "Rated 4.0 out of 5 by 1 person" in client.get(CATALOGUE).text
    EvaluationFactory(entry=CPDEntryFactory(initiative=rated), rating=5)
    assert "Rated 4.5 out of 5 by 2 people" in client.get(CATALOGUE).text
    BookmarkFactory(person=staff, initiative=rated)
    assert client.get(CATALOGUE).text.count(">Saved</strong>") == 1
    someone_else = Client()
    someone_else.force_login(PersonFactory())
    page = someone_else.get(CATALOGUE).text
    assert "Rated 4.5 out of 5 by 2 people" in page and ">Saved</strong>" not in page


def test_the_initiative_page_has_what_a_person_needs_to_start(staff, client):
    initiative = InitiativeFactory(
        title="Leadership academy programme",
        provider="NHS Leadership Academy",
        duration="6 months",
        cost_type="funded",
        cost_amount=250,
        url="https://example.org/programme",
        learning_outcomes="Lead a team\nRun a project",
        pay_bands="5,6",
        professions="nursing",
        directions=["stretch"],
        levels=["developing"],
    )
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    for text in [
        "NHS Leadership Academy",
        "6 months",
        "Funded by the organisation: £250.00",
        "https://example.org/programme",
        "Lead a team",
        "Band 5, Band 6",
        "Nursing and midwifery registered",
        "Stretch/complexity",
        "Developing",
        "Save for later",
    ]:
        assert text in response.text, text


def test_a_retired_initiative_stays_readable_but_says_it_is_retired(staff, client, cast):
    initiative = InitiativeFactory(title="Old ward course")
    services.retire(initiative=initiative, by=cast["led"])
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert "<title>Old ward course (retired)" in response.text
    callout = response.text.split('class="nhsuk-warning-callout"')[1].split("</div>")[0]
    assert "Retired</span></h2>" in callout
    retired_on = date_format(timezone.localdate(), "j F Y")
    assert f"This initiative was retired on {retired_on} and is no longer offered" in callout
    assert "It cannot be saved for later" in callout
    assert "Save for later" not in response.text.replace(callout, "")
    # Retired some other way (an import, the admin): no date, and still said.
    undated = InitiativeFactory(retired=True)
    page = client.get(undated.get_absolute_url()).text
    assert "This initiative was retired and is no longer offered" in page
    response = client.post(reverse("learning:bookmark-add", args=[initiative.pk]))
    assert response.status_code == 404


def test_a_draft_is_not_found_by_staff(staff, client):
    initiative = InitiativeFactory(draft=True)
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_it_saves_and_removes_a_bookmark(staff, client):
    initiative = InitiativeFactory(title="Shadow a matron")
    add = reverse("learning:bookmark-add", args=[initiative.pk])
    assert client.get(add).status_code == 405
    response = client.post(add)
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    client.post(add)  # saving twice keeps one
    assert Bookmark.objects.filter(person=staff).count() == 1
    saved = client.get(reverse("learning:saved"))
    assert "Shadow a matron" in saved.text
    assert "Saved" in client.get(CATALOGUE, {"q": "matron"}).text
    client.post(
        reverse("learning:bookmark-remove", args=[initiative.pk]),
        {"next": reverse("learning:saved")},
    )
    assert not Bookmark.objects.filter(person=staff).exists()


def test_bookmarks_are_the_persons_own(cast, client):
    initiative = InitiativeFactory(title="Someone else's choice")
    BookmarkFactory(person=cast["other_staff"], initiative=initiative)
    client.force_login(cast["owner"])
    assert "Someone else" not in client.get(reverse("learning:saved")).text
    client.post(reverse("learning:bookmark-remove", args=[initiative.pk]))
    assert Bookmark.objects.filter(person=cast["other_staff"]).count() == 1


def test_an_outside_next_address_is_ignored(staff, client):
    initiative = InitiativeFactory()
    response = client.post(
        reverse("learning:bookmark-add", args=[initiative.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == initiative.get_absolute_url()


def test_everyone_sees_the_learning_link_and_only_led_the_curation_link(cast, client):
    client.force_login(cast["owner"])
    home = client.get("/")
    assert 'href="/learning/catalogue/"' in home.text
    assert "Curate catalogue" not in home.text
    client.force_login(cast["led"])
    home = client.get("/")
    assert "Curate catalogue" in home.text
    assert "The learning catalogue" in home.text  # LED's home panel
