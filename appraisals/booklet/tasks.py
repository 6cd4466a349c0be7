"""Background tasks of the booklet (django.tasks; `manage.py run_worker` runs them)."""

from django.tasks import task

from frontend.worker import when_failed

from . import services


@task()
def seal_booklet(appraisal_id):
    """Render, seal and keep a complete appraisal's booklet (services.seal_now). Safe
    to run again: a sealed version is never sealed twice."""
    booklet = services.seal_now(appraisal_id=appraisal_id)
    return booklet.pk if booklet else None


when_failed(seal_booklet, services.sealing_stopped)
