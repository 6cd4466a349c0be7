"""The level-3 follow-up email: queued by a daily sweep, sent by a background task.

Sent at most once, and never while a database row is locked: the task claims the
evaluation in one short transaction (`follow_up_sending_at`), talks to the mail server
with no transaction open (bounded by EMAIL_TIMEOUT), then marks it sent. A claim with no
"sent" after it means a worker stopped part-way through sending: the email may or may
not have gone, so it is shown in the admin for a person to check, never sent again
automatically (docs/adr/0022-tasks-claims-timeouts-recovery.md)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from frontend.text import header_text, single_line

from .models import FOLLOW_UP_MAX_ATTEMPTS, Evaluation

RETRY_QUEUED_AFTER = timedelta(days=1)
MAY_NOT_HAVE_BEEN_SENT = (
    "May not have been sent: sending stopped part-way (the worker stopped). "
    "Check the mail server's log before trying again."
)


def _unsent(now):
    """Not sent, not being sent, tries left, and not queued (or queued so long ago that
    the task must have failed)."""
    return (
        Q(follow_up_sent_at__isnull=True)
        & Q(follow_up_sending_at__isnull=True)
        & Q(follow_up_attempts__lt=FOLLOW_UP_MAX_ATTEMPTS)
        & (
            Q(follow_up_queued_at__isnull=True)
            | Q(follow_up_queued_at__lt=now - RETRY_QUEUED_AFTER)
        )
    )


def enqueue_due_follow_ups(*, today=None):
    """Queue one follow-up email for each evaluation whose follow-up is due, unanswered
    and not yet sent. Safe to run as often as you like: each evaluation is claimed by a
    conditional update before its task is queued, so two runs (or two machines) never
    queue it twice, and the task itself sends at most once. Each queueing counts as a
    try: after FOLLOW_UP_MAX_ATTEMPTS an email that never went is not queued again (the
    admin shows why it failed). Returns the ids queued."""
    from .tasks import send_follow_up

    today = today or timezone.localdate()
    now = timezone.now()
    due = (
        Evaluation.objects.follow_ups_due(today)
        .filter(_unsent(now), entry__person__is_active=True)
        .order_by("follow_up_due", "pk")
        .values_list("pk", flat=True)
    )
    queued = []
    for pk in list(due):
        claimed = Evaluation.objects.filter(_unsent(now), pk=pk).update(
            follow_up_queued_at=now, follow_up_attempts=F("follow_up_attempts") + 1
        )
        if claimed:
            send_follow_up.enqueue(pk)
            queued.append(pk)
    return queued


def follow_up_message(evaluation):
    from .services import finished_on

    entry, person = evaluation.entry, evaluation.entry.person
    context = {
        "person": person,
        "initiative": evaluation.initiative,
        "entry": entry,
        "finished_on": finished_on(entry),
        "url": getattr(settings, "SITE_URL", "").rstrip("/")
        + reverse("learning:cpd-follow-up", args=[entry.pk]),
    }
    subject = f"How have you used what you learned from {evaluation.initiative.title}?"
    body = render_to_string("learning/email/follow_up.txt", context)
    return EmailMessage(header_text(subject), body, None, [person.email])


def _record_failure(evaluation_id, error_text, **changes):
    Evaluation.objects.filter(pk=evaluation_id, follow_up_sent_at__isnull=True).update(
        follow_up_failed_at=timezone.now(), follow_up_error=error_text[:300], **changes
    )


def send_follow_up_email(*, evaluation_id):
    """Send the follow-up email for one evaluation at most once. Returns True if this
    call sent it, False if there was nothing to send (already sent, answered, the
    person has left, or an earlier run stopped part-way through sending, which is
    recorded as "may not have been sent" rather than risking a second email).

    A mail server error (including no answer within EMAIL_TIMEOUT) releases the claim,
    is recorded on the evaluation (when, and the error) and raised again, so the task
    queue records it too and the daily sweep tries again."""
    claim = Evaluation.objects.filter(
        pk=evaluation_id,
        follow_up_sent_at__isnull=True,
        follow_up_sending_at__isnull=True,
        applied_at__isnull=True,
        entry__person__is_active=True,
    )
    # Autocommit: the claim is its own short transaction, committed before sending.
    if not claim.update(follow_up_sending_at=timezone.now()):
        _note_unconfirmed(evaluation_id)
        return False
    try:
        evaluation = Evaluation.objects.select_related("entry__person", "initiative").get(
            pk=evaluation_id
        )
        follow_up_message(evaluation).send()
    except Exception as error:
        _record_failure(
            evaluation_id,
            single_line(f"{type(error).__name__}: {error}"),
            follow_up_sending_at=None,
        )
        raise
    Evaluation.objects.filter(pk=evaluation_id).update(follow_up_sent_at=timezone.now())
    return True


def _note_unconfirmed(evaluation_id):
    """An earlier run claimed this email and never marked it sent: its worker stopped
    while sending. Make that visible (once) instead of sending again."""
    Evaluation.objects.filter(
        pk=evaluation_id,
        follow_up_sent_at__isnull=True,
        follow_up_sending_at__isnull=False,
    ).exclude(follow_up_error=MAY_NOT_HAVE_BEEN_SENT).update(
        follow_up_failed_at=timezone.now(), follow_up_error=MAY_NOT_HAVE_BEEN_SENT
    )
