"""The background task of a person's data out (django.tasks; `manage.py run_worker`
runs it). Safe to run again after its worker stopped (docs/adr/0022)."""

from django.tasks import task

from frontend.worker import when_failed

from . import archive


@task()
def build(export_id):
    """Gather, write, check and publish one person's ZIP (archive.build)."""
    return archive.build(export_id=export_id)


when_failed(build, archive.stopped)
