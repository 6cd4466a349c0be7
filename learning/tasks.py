"""Background tasks of the learning app (Django's built-in `django.tasks`; the
database backend queues them, `manage.py run_worker` runs them)."""

from django.tasks import task

from frontend.worker import when_failed

from . import follow_ups


@task
def send_follow_up(evaluation_id):
    """Email the person the level-3 follow-up for one evaluation (at most once)."""
    return follow_ups.send_follow_up_email(evaluation_id=evaluation_id)


# Nothing is left waiting: an email claimed and not sent is shown to LED in the admin as
# "May not have been sent", and the daily sweep queues the ones never claimed.
when_failed(send_follow_up, None)
