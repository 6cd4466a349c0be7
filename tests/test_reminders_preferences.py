"""A person chooses how they get reminder emails on a small page linked from home."""

import pytest

from appraisals.models import ReminderPreference

pytestmark = pytest.mark.django_db
URL = "/appraisals/reminders/preferences/"


def test_home_links_to_the_choice_and_says_what_it_is(cast, client):
    client.force_login(cast["owner"])
    page = client.get("/").content.decode()
    assert "You get an email when something is due." in page
    assert f'href="{URL}"' in page


def test_choosing_the_weekly_digest_is_kept_and_shown(cast, client, settings):
    settings.REMINDER_DIGEST_WEEKDAY = 2
    client.force_login(cast["owner"])
    page = client.get(URL).content.decode()
    assert "One email a week, on Wednesdays, with everything that is due" in page
    response = client.post(URL, {"how": "weekly"}, follow=True)
    assert "You will get one reminder email a week, on Wednesdays." in response.content.decode()
    assert ReminderPreference.objects.get(person=cast["owner"]).weekly_digest
    assert "You get one email a week, on Wednesdays" in client.get("/").content.decode()
    client.post(URL, {"how": "when_due"})
    assert not ReminderPreference.objects.get(person=cast["owner"]).weekly_digest


@pytest.mark.parametrize("posted", [{}, {"how": "daily"}, {"how": ["weekly", "x"]}])
def test_no_choice_or_an_odd_one_gets_a_plain_error_not_a_500(cast, client, posted):
    client.force_login(cast["owner"])
    response = client.post(URL, posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    assert not ReminderPreference.objects.filter(weekly_digest=True).exists()


def test_one_persons_choice_changes_nobody_elses(cast, client):
    client.force_login(cast["owner"])
    client.post(URL, {"how": "weekly"})
    assert list(ReminderPreference.objects.values_list("person", flat=True)) == [cast["owner"].pk]
