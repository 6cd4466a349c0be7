"""Evaluation of learning: a rating, a review and answers against the learning outcomes
once finished (Kirkpatrick levels 1 and 2); a follow-up about three months later (level
3) on the home page and by email through the task queue, sent once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Evaluation, OutcomeAnswer
from learning.tasks import send_follow_up
from tests.factories_learning import (
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
    OutcomeAnswerFactory,
)

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def staff(cast, client):
    client.force_login(cast["owner"])
    return cast["owner"]


@pytest.fixture
def entry(staff):
    """Finished ten days ago, from an initiative with two learning outcomes."""
    initiative = InitiativeFactory(
        title="Handover skills",
        learning_outcomes="Run a safe handover\n\nSpot a deteriorating patient early\n",
    )
    today = timezone.localdate()
    return CPDEntryFactory(
        person=staff,
        initiative=initiative,
        started_on=today - timedelta(days=12),
        ended_on=today - timedelta(days=10),
        done=True,
    )


def url(name, entry):
    return reverse(f"learning:{name}", args=[entry.pk])


def answers(**changes):
    data = {
        "rating": "4",
        "review": "Practical, with good examples.",
        "outcome_1": "fully",
        "outcome_1_note": "Use SBAR every time.",
        "outcome_2": "partly",
        "outcome_2_note": "",
        "version": "0",  # no evaluation yet
    }
    data.update(changes)
    return data


# Levels 1 and 2 ----------------------------------------------------------------------


def test_it_offers_evaluation_once_finished_learning_from_the_catalogue(client, entry):
    page = client.get(entry.get_absolute_url()).text
    assert "Evaluate this learning" in page
    form = client.get(url("cpd-evaluate", entry)).text
    assert "Learning outcome 1: Run a safe handover" in form
    assert "Learning outcome 2: Spot a deteriorating patient early" in form
    assert "Learning outcome 3" not in form  # blank lines are not outcomes


def test_it_records_a_rating_review_and_outcome_answers(client, entry):
    response = client.post(url("cpd-evaluate", entry), answers(), follow=True)
    assert "Your evaluation is saved" in response.text
    evaluation = Evaluation.objects.get(entry=entry)
    assert (evaluation.rating, evaluation.initiative) == (4, entry.initiative)
    assert evaluation.review == "Practical, with good examples."
    assert evaluation.follow_up_due == entry.ended_on + timedelta(days=90)
    assert [(a.outcome, a.achieved, a.note) for a in evaluation.outcomes.all()] == [
        ("Run a safe handover", "fully", "Use SBAR every time."),
        ("Spot a deteriorating patient early", "partly", ""),
    ]
    assert "4 out of 5" in response.text
    assert "We will ask you from" in response.text


def test_changing_an_evaluation_replaces_the_answers(client, entry):
    client.post(url("cpd-evaluate", entry), answers())
    form = client.get(url("cpd-evaluate", entry)).text
    assert "Use SBAR every time." in form  # the earlier answers are filled in
    response = client.post(
        url("cpd-evaluate", entry), answers(rating="2", outcome_2="not", version="1")
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(entry=entry)
    assert evaluation.rating == 2
    assert list(evaluation.outcomes.values_list("achieved", flat=True)) == ["fully", "not"]
    assert OutcomeAnswer.objects.count() == 2


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"rating": ""}, "Select a rating from 1 to 5"),
        ({"rating": "9"}, "Select a rating from 1 to 5"),
        ({"rating": "five"}, "Select a rating from 1 to 5"),
        ({"outcome_2": ""}, "Select whether you achieved learning outcome 2"),
        ({"outcome_1": "maybe"}, "Select whether you achieved learning outcome 1"),
        ({"review": "x" * 501}, "Review must be 500 characters or fewer"),
        ({"outcome_1_note": "y" * 501}, "outcome 1 must be 500 characters or fewer"),
    ],
)
def test_bad_answers_get_a_clear_error_and_keep_the_text(client, entry, changes, message):
    data = answers(**changes)
    response = client.post(url("cpd-evaluate", entry), data)
    assert response.status_code == 200
    page = response.text
    assert "nhsuk-error-summary" in page and message in page
    assert "<title>Error:" in page
    # What the person typed is kept.
    assert data["review"] in page and data["outcome_1_note"] in page
    assert not Evaluation.objects.exists()


def test_an_initiative_without_outcomes_asks_for_the_rating_only(client, entry):
    entry.initiative.learning_outcomes = ""
    entry.initiative.save()
    response = client.post(url("cpd-evaluate", entry), {"rating": "5", "version": "0"})
    assert response.status_code == 302
    assert Evaluation.objects.get(entry=entry).outcomes.count() == 0


def test_only_finished_learning_from_the_catalogue_can_be_evaluated(client, staff, entry):
    unfinished = CPDEntryFactory(person=staff, initiative=entry.initiative, done=False)
    free_text = CPDEntryFactory(person=staff)
    for other in (unfinished, free_text):
        assert client.get(url("cpd-evaluate", other)).status_code == 404
        assert client.post(url("cpd-evaluate", other), answers()).status_code == 404
    assert (
        "mark this entry as finished to evaluate it"
        in client.get(unfinished.get_absolute_url()).text
    )
    with pytest.raises(services.NotAllowed):
        services.evaluate(entry=unfinished, rating=3, review="", answers=[], version=0)


def test_it_is_the_persons_own_even_when_the_entry_is_shared(client, cast, entry):
    services.update_cpd(entry=entry, fields={"shared_with_manager": True}, version=entry.version)
    client.post(url("cpd-evaluate", entry), answers())
    for role in ("line_manager", "other_staff", "led", "hr"):
        client.force_login(cast[role])
        assert client.get(url("cpd-evaluate", entry)).status_code == 404
        assert client.post(url("cpd-evaluate", entry), answers(rating="1")).status_code == 404
        assert client.get(url("cpd-follow-up", entry)).status_code == 404
    client.force_login(cast["line_manager"])
    shared = client.get(entry.get_absolute_url()).text
    assert "Your evaluation" not in shared and "Practical, with good examples." not in shared
    assert Evaluation.objects.get().rating == 4


# Level 3: the follow-up ---------------------------------------------------------------


def test_the_follow_up_records_how_it_was_applied(client, entry):
    evaluation = EvaluationFactory(entry=entry)
    response = client.post(
        url("cpd-follow-up", entry),
        {
            "applied_level": "often",
            "applied": "I run every handover with SBAR now.",
            "version": "1",
        },
        follow=True,
    )
    assert "Your answer is saved" in response.text
    evaluation.refresh_from_db()
    assert evaluation.applied_level == "often" and evaluation.followed_up
    assert "I run every handover with SBAR now." in response.text


@pytest.mark.parametrize(
    "data, message",
    [
        ({"applied": "Some text"}, "Select whether you have used what you learned"),
        ({"applied_level": "always", "applied": "x"}, "Select whether you have used"),
        ({"applied_level": "often"}, "Enter how you have applied it"),
        ({"applied_level": "often", "applied": "z" * 3001}, "3,000 characters or fewer"),
    ],
)
def test_follow_up_errors_are_clear_and_keep_the_text(client, entry, data, message):
    EvaluationFactory(entry=entry)
    response = client.post(url("cpd-follow-up", entry), data)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.text and message in response.text
    if data.get("applied"):
        assert data["applied"] in response.text
    assert not Evaluation.objects.get().followed_up


def test_there_is_no_follow_up_before_an_evaluation(client, entry):
    assert client.get(url("cpd-follow-up", entry)).status_code == 404


def test_new_dates_move_a_follow_up_not_yet_sent(entry):
    evaluation = EvaluationFactory(entry=entry)
    services.update_cpd(entry=entry, fields={"ended_on": entry.started_on}, version=1)
    evaluation.refresh_from_db()
    assert evaluation.follow_up_due == entry.started_on + timedelta(days=90)


# The home page ------------------------------------------------------------------------


def home(client):
    return client.get(reverse("home")).text


def test_home_asks_to_evaluate_recently_finished_learning(client, entry):
    assert "Evaluate ‘Handover skills’" in home(client)
    client.post(url("cpd-evaluate", entry), answers())
    assert "Evaluate ‘Handover skills’" not in home(client)
    assert "how you have used what you learned" not in home(client)  # not due yet


def test_home_shows_the_follow_up_when_due_until_answered(client, entry):
    evaluation = EvaluationFactory(entry=entry, follow_up_due=timezone.localdate())
    page = home(client)
    assert "Tell us how you have used what you learned from ‘Handover skills’" in page
    assert url("cpd-follow-up", entry) in page
    services.record_follow_up(
        evaluation=evaluation, applied_level="sometimes", applied="Yes", version=1
    )
    assert "how you have used what you learned" not in home(client)


def test_home_leaves_out_other_peoples_learning(client, cast, entry):
    EvaluationFactory(entry=entry, follow_up_due=timezone.localdate())
    client.force_login(cast["line_manager"])
    assert "Handover skills" not in home(client)


# The email, through the task queue -----------------------------------------------------


def due_evaluation(entry, **kwargs):
    return EvaluationFactory(
        entry=entry, follow_up_due=timezone.localdate() - timedelta(days=1), **kwargs
    )


def test_a_due_follow_up_is_emailed_once(settings, entry):
    settings.TASKS = IMMEDIATE
    settings.SITE_URL = "https://trellis.example.nhs.uk"
    evaluation = due_evaluation(entry)
    EvaluationFactory(follow_up_due=timezone.localdate() + timedelta(days=1))  # not yet due

    assert services.enqueue_due_follow_ups(today=timezone.localdate()) == [evaluation.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [entry.person.email]
    assert "Handover skills" in message.subject
    assert f"https://trellis.example.nhs.uk{url('cpd-follow-up', entry)}" in message.body
    evaluation.refresh_from_db()
    assert evaluation.follow_up_sent_at is not None

    # Again, and again through the command: nothing more is sent.
    assert services.enqueue_due_follow_ups(today=timezone.localdate()) == []
    call_command("send_learning_follow_ups")
    assert len(mail.outbox) == 1


def test_the_task_itself_sends_at_most_once(entry):
    evaluation = due_evaluation(entry)
    assert send_follow_up.call(evaluation.pk) is True
    assert send_follow_up.call(evaluation.pk) is False
    assert send_follow_up.call(999_999) is False
    assert len(mail.outbox) == 1


def test_answered_follow_ups_and_leavers_are_not_emailed(settings, entry, staff):
    settings.TASKS = IMMEDIATE
    due_evaluation(entry, applied_at=timezone.now(), applied_level="often", applied="Yes")
    leaver_entry = CPDEntryFactory(initiative=entry.initiative, person__is_active=False)
    due_evaluation(leaver_entry)
    assert services.enqueue_due_follow_ups(today=timezone.localdate()) == []
    assert mail.outbox == []


def test_the_command_queues_tasks_in_the_database_once(entry):
    """With the project's database backend the command only queues: a worker sends."""
    from django_tasks_db.models import DBTaskResult

    evaluation = due_evaluation(entry)
    call_command("send_learning_follow_ups")
    call_command("send_learning_follow_ups")
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    evaluation.refresh_from_db()
    assert evaluation.follow_up_queued_at is not None and evaluation.follow_up_sent_at is None


def test_a_follow_up_queued_long_ago_but_never_sent_is_queued_again(settings, entry):
    settings.TASKS = IMMEDIATE
    due_evaluation(entry, follow_up_queued_at=timezone.now() - timedelta(days=2))
    assert len(services.enqueue_due_follow_ups()) == 1
    assert len(mail.outbox) == 1


def test_the_command_takes_a_date_and_refuses_a_bad_one(settings, entry, capsys):
    settings.TASKS = IMMEDIATE
    EvaluationFactory(entry=entry)  # due 80 days from now
    call_command("send_learning_follow_ups", "--today", timezone.localdate().isoformat())
    assert mail.outbox == []
    later = entry.ended_on + timedelta(days=90)
    call_command("send_learning_follow_ups", "--today", later.isoformat())
    assert len(mail.outbox) == 1
    assert "Queued 1 follow-up email." in capsys.readouterr().out
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_learning_follow_ups", "--today", "31/05/2026")


def test_outcome_answer_factory_builds_a_consistent_evaluation():
    answer = OutcomeAnswerFactory()
    assert answer.evaluation.initiative == answer.evaluation.entry.initiative
