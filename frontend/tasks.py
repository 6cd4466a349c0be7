"""Background tasks of the frontend app (django.tasks; `manage.py run_worker` runs them)."""

from django.tasks import task

from . import downloads
from .worker import when_failed


@task(takes_context=True)
def build_pdf(context, download_id):
    """Build one queued PDF download and store its file (see downloads.build). A later
    run of the same task (its first worker stopped mid-build) builds it again."""
    return downloads.build(download_id=download_id, resume=context.attempt > 1)


when_failed(build_pdf, downloads.stopped)
