"""Background tasks of the frontend app (django.tasks; `manage.py db_worker` runs them)."""

from django.tasks import task

from . import downloads


@task
def build_pdf(download_id):
    """Build one queued PDF download and store its file (see downloads.build)."""
    return downloads.build(download_id=download_id)
