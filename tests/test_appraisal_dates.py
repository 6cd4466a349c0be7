"""The appraisal's dates tied to its cycle (appraisals/appraisal/dates.py), signing only
once the meeting has taken place, and a cycle opened only from its opening date: each
refusal in plain words in the NHS.UK error summary, with what was typed kept."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appraisals.appraisal import parts, services
from appraisals.appraisal.content import content_hash
from appraisals.cycles import services as cycles
from appraisals.models import AppraisalCycle
from tests import appraisal_setup as setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def writing(cast):
    return setup.prepared(setup.appraisal(cast["owner"]))


def url(name, a, *more):
    return reverse(f"appraisals:{name}", args=[a.pk, *more])


def dates_posted(meeting, review, version):
    return {"version": version,
            "meeting_date_0": meeting.day, "meeting_date_1": meeting.month,
            "meeting_date_2": meeting.year,
            "next_review_date_0": review.day, "next_review_date_1": review.month,
            "next_review_date_2": review.year}  # fmt: skip


def summary(response):
    text = response.content.decode()
    assert response.status_code == 200 and "nhsuk-error-summary" in text
    return text


def refused(words, call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    assert words in " ".join(caught.value.messages), caught.value.messages


def test_a_meeting_outside_the_appraisal_year_is_refused_with_the_dates_kept(
    client, cast, writing
):
    year = writing.cycle.year
    client.force_login(cast["line_manager"])
    response = client.post(url("dates", writing), dates_posted(
        date(year - 3, 6, 1), date(year, 12, 1), writing.version))  # fmt: skip
    text = summary(response)
    assert f"The meeting date must be in the appraisal year, 1 April {year} to 31 March" in text
    assert f'value="{year - 3}"' in text
    assert setup.fresh(writing).meeting_date is None


def test_the_next_review_comes_after_the_meeting_and_by_the_end_of_next_year(cast, writing):
    year = writing.cycle.year
    save = {"appraisal": writing, "by": cast["line_manager"], "version": writing.version}
    refused("must be after the meeting date", parts.save_dates, **save,
            meeting_date=date(year, 6, 1), next_review_date=date(year, 5, 1))  # fmt: skip
    refused(f"on or before 31 March {year + 2}", parts.save_dates, **save,
            meeting_date=date(year, 6, 1), next_review_date=date(year + 5, 1, 1))  # fmt: skip
    refused(f"on or after 1 April {year}", parts.save_dates, **save,
            meeting_date=None, next_review_date=date(year - 1, 1, 1))  # fmt: skip
    a = parts.save_dates(**save, meeting_date=date(year, 6, 1),
                         next_review_date=date(year + 1, 6, 1))  # fmt: skip
    assert setup.fresh(a).next_review_date == date(year + 1, 6, 1)


def test_an_objective_due_before_the_year_or_years_ahead_is_refused_on_the_form(
    client, cast, writing
):
    year = writing.cycle.year
    client.force_login(cast["owner"])
    for due, words in ((date(year - 1, 1, 1), f"on or after 1 April {year}"),
                       (date(year + 9, 1, 1), f"on or before 31 March {year + 2}")):  # fmt: skip
        response = client.post(url("objective-add", writing), {
            "version": writing.version, "what": "Cut waiting times", "measure": "",
            "supports": "", "due_by_0": due.day, "due_by_1": due.month, "due_by_2": due.year,
        })  # fmt: skip
        text = summary(response)
        assert words in text and "Cut waiting times" in text
    assert not writing.objectives.exists()
    parts.save_objective(appraisal=writing, by=cast["owner"], version=writing.version,
                         what="Cut waiting times", measure="", supports="",
                         due_by=date(year + 1, 9, 30))  # fmt: skip
    assert writing.objectives.get().due_by == date(year + 1, 9, 30)


def a_day_before(meeting):
    """Today, as far as the rules are concerned, the day before `meeting`."""
    return mock.patch.object(timezone, "localdate", return_value=meeting - timedelta(days=1))


def test_the_person_cannot_sign_before_the_meeting_has_taken_place(client, cast):
    a = setup.written(setup.appraisal(cast["owner"]))
    client.force_login(cast["owner"])
    with a_day_before(a.meeting_date):
        response = client.post(url("sign", a), {
            "version": a.version, "content_hash": content_hash(a), "confirm": "on"})  # fmt: skip
        text = summary(response)
        assert "You can sign once the appraisal meeting has taken place" in text
        page = client.get(url("sign", a), follow=True).content.decode()
        assert "You can sign once the appraisal meeting has taken place" in page
    assert not a.signatures.exists()
    assert setup.fresh(a).status == "awaiting_person"


def test_the_appraiser_cannot_sign_before_the_meeting_or_without_its_date(cast):
    a = setup.signed_by(setup.written(setup.appraisal(cast["owner"])), cast["owner"])
    manager = cast["line_manager"]
    with a_day_before(a.meeting_date):
        refused("You can sign once the appraisal meeting has taken place", services.sign,
                appraisal=a, by=manager, version=a.version,
                content_hash=content_hash(a))  # fmt: skip
    # A meeting date taken away after submitting (it clears the person's signature too).
    a = parts.save_dates(appraisal=a, by=manager, version=a.version, meeting_date=None,
                         next_review_date=None)  # fmt: skip
    a = setup.fresh(a)
    refused("once the date of the appraisal meeting is entered", services.sign, appraisal=a,
            by=cast["owner"], version=a.version, content_hash=content_hash(a))  # fmt: skip
    assert setup.fresh(a).status == "awaiting_person"


def test_the_appraiser_submits_only_once_the_meeting_has_taken_place(client, cast):
    a = setup.appraisal(cast["owner"])
    meeting = setup.held_on(a.cycle.year)
    held = mock.patch.object(setup, "held_on", return_value=meeting)
    with a_day_before(meeting), held, pytest.raises(ValidationError) as caught:
        setup.written(a)
    assert "You can submit your assessment once the appraisal meeting has taken place" in (
        " ".join(caught.value.messages)
    )
    assert setup.fresh(a).status == "manager_writing"


def test_a_cycle_is_not_opened_before_its_opening_date(client, cast, organisation):
    year = cycles.default_year() + 1  # next appraisal year: it starts after today
    opens = date(year, 4, 1)
    cycle = cycles.save_cycle(by=cast["hr"], name="Later", year=year, opens_on=opens,
                              closes_on=opens + timedelta(days=60),
                              units=[organisation["team"]])  # fmt: skip
    client.force_login(cast["hr"])
    page = client.get(reverse("appraisals:cycle-detail", args=[cycle.pk])).content.decode()
    when = f"{opens:%-d %B %Y}"
    assert f"This cycle opens on {when}. You can open it from that date." in page
    assert "Open the cycle</button>" not in page
    response = client.post(reverse("appraisals:cycle-open", args=[cycle.pk]), follow=True)
    assert f"This cycle opens on {when}" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == AppraisalCycle.Status.DRAFT and not cycle.appraisals.exists()
    with mock.patch.object(timezone, "localdate", return_value=opens):
        cycles.open_cycle(cycle=cycle, by=cast["hr"])
    assert AppraisalCycle.objects.get(pk=cycle.pk).status == AppraisalCycle.Status.OPEN
