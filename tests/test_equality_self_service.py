"""A person gives, changes or removes their own equality monitoring answers
(people/equality/views.py): every question optional, "Prefer not to say" offered,
what they chose kept on an error, and no odd input answered with a 500."""

import re
from datetime import date

import pytest

from people.equality.models import EqualityInformation
from people.models import RecordView
from tests.factories import EqualityInformationFactory, PersonFactory

URL = "/people/me/equality/"
REMOVE_URL = "/people/me/equality/remove/"


@pytest.fixture
def person(db, client):
    someone = PersonFactory()
    client.force_login(someone)
    return someone


def checked(text, value):
    return re.search(rf'value="{value}"[^>]* checked', text) is not None


def saved(person):
    return EqualityInformation.objects.filter(person=person).first()


def test_the_page_says_why_and_who_sees_and_offers_prefer_not_to_say(client, person):
    page = client.get(URL)

    assert page.status_code == 200
    text = page.text
    assert "These questions are optional" in text and "Why we ask" in text
    assert "Your line manager, your appraiser and your colleagues never see them" in text
    assert text.count('value="prefer_not"') == 3 and 'value="Z"' in text  # and ethnic group
    assert text.count("Prefer not to say") == 5  # the four questions and the introduction
    assert "Black or Black British: African" in text
    assert 'type="submit" name="remove"' not in text  # nothing saved yet to remove


def test_nothing_chosen_saves_nothing(client, person):
    response = client.post(URL, {})

    assert response.status_code == 302 and response["Location"] == "/people/me/"
    assert saved(person) is None


def test_answers_and_prefer_not_to_say_are_saved_and_shown_again(client, person):
    response = client.post(URL, {"ethnicity": "Z", "disability": "prefer_not", "sex": "F",
                                 "birth": "given", "date_of_birth_0": "15",
                                 "date_of_birth_1": "3", "date_of_birth_2": "1984"})  # fmt: skip

    assert response.status_code == 302
    answers = saved(person)
    assert (answers.ethnicity, answers.disability, answers.sex) == ("Z", "prefer_not", "F")
    assert answers.date_of_birth == date(1984, 3, 15) and not answers.date_of_birth_withheld
    again = client.get(URL).text
    assert checked(again, "Z") and checked(again, "F") and 'value="1984"' in again
    assert RecordView.objects.count() == 0  # your own answers: not a read to record


def test_prefer_not_to_give_a_date_of_birth_forgets_one_given_before(client, person):
    EqualityInformationFactory(person=person, date_of_birth=date(1970, 1, 1))

    client.post(URL, {"birth": "prefer_not", "date_of_birth_0": "1",
                      "date_of_birth_1": "1", "date_of_birth_2": "1970"})  # fmt: skip

    answers = saved(person)
    assert answers.date_of_birth is None and answers.date_of_birth_withheld
    assert answers.ethnicity == ""  # a question left unanswered is not given


def test_a_missing_date_of_birth_is_asked_for_and_other_answers_are_kept(client, person):
    page = client.post(URL, {"ethnicity": "H", "sex": "M", "birth": "given"})

    assert page.status_code == 200
    assert "Enter your date of birth" in page.text
    assert checked(page.text, "H") and checked(page.text, "M") and checked(page.text, "given")
    assert saved(person) is None


@pytest.mark.parametrize("data", [
    {"ethnicity": "Q"}, {"ethnicity": "A" * 5000}, {"sex": "X"}, {"disability": "\x00"},
    {"birth": "given", "date_of_birth_0": "31", "date_of_birth_1": "2",
     "date_of_birth_2": "1990"},
    {"birth": "given", "date_of_birth_0": "1", "date_of_birth_1": "1",
     "date_of_birth_2": "99999999999999999999"},
    {"birth": "given", "date_of_birth_0": "1", "date_of_birth_1": "1",
     "date_of_birth_2": "1920"},
    {"birth": "given", "date_of_birth_0": "1", "date_of_birth_1": "1",
     "date_of_birth_2": "2020"},  # a child, not a member of staff
    {"birth": "someday"},
])  # fmt: skip
def test_odd_input_gets_a_plain_error_not_a_500(client, person, data):
    page = client.post(URL, data)

    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert saved(person) is None


def test_a_date_of_birth_before_1950_is_taken_for_staff_over_65(client, person):
    client.post(URL, {"birth": "given", "date_of_birth_0": "2", "date_of_birth_1": "7",
                      "date_of_birth_2": "1948"})  # fmt: skip
    assert saved(person).date_of_birth == date(1948, 7, 2)


def test_a_person_can_remove_every_answer_once_they_confirm(client, person):
    EqualityInformationFactory(person=person)
    assert f'href="{REMOVE_URL}">Remove all your answers</a>' in client.get(URL).text

    question = client.get(REMOVE_URL)

    assert question.status_code == 200 and saved(person) is not None  # asking removes nothing
    text = question.text
    assert "<h1>Are you sure you want to remove all your equality monitoring answers?</h1>" in text
    assert 'class="nhsuk-button nhsuk-button--warning"' in text
    assert "Yes, remove all my answers" in text
    assert f'href="{URL}">No, keep my answers</a>' in text
    response = client.post(REMOVE_URL, {})
    assert response.status_code == 302 and response["Location"] == "/people/me/"
    assert saved(person) is None


def test_the_forms_old_remove_button_asks_first(client, person):
    EqualityInformationFactory(person=person, ethnicity="R")

    response = client.post(URL, {"remove": "1", "ethnicity": "A"})

    assert response.status_code == 302 and response["Location"] == REMOVE_URL
    assert saved(person).ethnicity == "R"


def test_with_nothing_saved_there_is_nothing_to_remove(client, person):
    page = client.get(REMOVE_URL).text

    assert "You have no equality monitoring answers to remove" in page
    assert "nhsuk-button--warning" not in page
    assert client.post(REMOVE_URL, {}).status_code == 200


def test_a_person_changes_only_their_own_answers(client, person):
    other = EqualityInformationFactory(ethnicity="R")

    client.post(URL, {"ethnicity": "A", "person": other.person_id})

    other.refresh_from_db()
    assert other.ethnicity == "R" and saved(person).ethnicity == "A"
