"""The follow-up email goes even when a title holds a line break, and one that fails
is recorded where LED and administrators see it, and tried a bounded number of times."""

import threading
from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Evaluation, Initiative
from tests.factories_learning import CPDEntryFactory, EvaluationFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def evaluation(cast, settings):
    settings.TASKS = IMMEDIATE
    initiative = InitiativeFactory(title="Handover skills")
    entry = CPDEntryFactory(person=cast["owner"], initiative=initiative)
    return EvaluationFactory(entry=entry, follow_up_due=timezone.localdate() - timedelta(days=1))


def test_a_title_stored_with_a_line_break_still_gets_its_email(evaluation):
    # As a title imported before titles were kept on one line (Excel's Alt+Enter).
    Initiative.objects.filter(pk=evaluation.initiative_id).update(title="Handover\nskills")
    assert services.enqueue_due_follow_ups() == [evaluation.pk]
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert subject == "How have you used what you learned from Handover skills?"
    evaluation.refresh_from_db()
    assert evaluation.follow_up_sent_at is not None
    assert evaluation.follow_up_email == "Sent"


def days_later(days):
    return timezone.now() + timedelta(days=days, hours=1)


def test_a_failing_email_is_recorded_and_tried_three_times_at_most(evaluation, cast, client):
    failing = mock.patch(
        "django.core.mail.EmailMessage.send",
        side_effect=SMTPServerDisconnected("Connection unexpectedly closed"),
    )
    tries = []
    with failing:
        for day in range(6):  # the daily command, for six days
            with mock.patch("django.utils.timezone.now", return_value=days_later(day)):
                tries += services.enqueue_due_follow_ups(today=timezone.localdate())
    assert tries == [evaluation.pk] * 3
    assert mail.outbox == []
    evaluation.refresh_from_db()
    assert evaluation.follow_up_sent_at is None
    assert evaluation.follow_up_failed_at is not None
    assert evaluation.follow_up_error == ("SMTPServerDisconnected: Connection unexpectedly closed")
    assert evaluation.follow_up_email == "Not sent: failed 3 times, no more tries"

    # LED see it in the admin, and can have it tried again.
    client.force_login(cast["led"])
    page = client.get(reverse("admin:learning_evaluation_changelist"), {"follow_up": "given_up"})
    assert page.status_code == 200
    assert "Not sent: failed 3 times, no more tries" in page.text
    assert "Connection unexpectedly closed" in page.text
    assert cast["owner"].email not in page.text  # evaluations are shown without names
    client.post(
        reverse("admin:learning_evaluation_changelist"),
        {"action": "try_again", "_selected_action": [evaluation.pk]},
    )
    assert services.enqueue_due_follow_ups() == [evaluation.pk]
    assert len(mail.outbox) == 1
    assert Evaluation.objects.get(pk=evaluation.pk).follow_up_email == "Sent"


# While the mail server is slow --------------------------------------------------------

mail_server_has_it = threading.Event()
mail_server_may_answer = threading.Event()


class SlowMailServer(BaseEmailBackend):
    """Takes the message, then answers only when the test lets it."""

    def send_messages(self, messages):
        mail_server_has_it.set()
        mail_server_may_answer.wait(10)
        return len(messages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's (SQLite locks a file)"
)
def test_no_row_is_locked_while_the_email_is_being_sent(settings, cast):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.SlowMailServer"}}
    evaluation = EvaluationFactory(follow_up_due=timezone.localdate())
    mail_server_has_it.clear(), mail_server_may_answer.clear()

    def task():
        try:
            services.send_follow_up_email(evaluation_id=evaluation.pk)
        finally:
            connection.close()

    sending = threading.Thread(target=task)
    sending.start()
    try:
        assert mail_server_has_it.wait(10)
        # The person saves their evaluation meanwhile: the row is not held by the task.
        with transaction.atomic():
            row = Evaluation.objects.select_for_update(nowait=True).get(pk=evaluation.pk)
            row.review = "Saved while the email was on its way."
            row.save(update_fields=["review"])
    finally:
        mail_server_may_answer.set()
        sending.join(10)
    evaluation.refresh_from_db()
    assert evaluation.follow_up_email == "Sent"
    assert evaluation.review == "Saved while the email was on its way."


def test_an_email_a_stopped_worker_may_have_sent_is_shown_not_sent_again(evaluation, cast, client):
    # As left by a worker killed while handing the email to the mail server.
    Evaluation.objects.filter(pk=evaluation.pk).update(
        follow_up_queued_at=timezone.now(), follow_up_sending_at=timezone.now()
    )
    assert services.send_follow_up_email(evaluation_id=evaluation.pk) is False
    assert services.enqueue_due_follow_ups(today=timezone.localdate()) == []
    assert mail.outbox == []

    client.force_login(cast["led"])
    changelist = reverse("admin:learning_evaluation_changelist")
    page = client.get(changelist, {"follow_up": "failed"})
    assert "May not have been sent: check before trying again" in page.text
    assert "Check the mail server" in page.text
    # Checked, and it did not go: LED have it tried again, and it is sent once.
    client.post(changelist, {"action": "try_again", "_selected_action": [evaluation.pk]})
    assert services.enqueue_due_follow_ups() == [evaluation.pk]
    assert len(mail.outbox) == 1
