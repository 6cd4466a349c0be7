"""The apply of an ESR import, in the background (django.tasks; `manage.py run_worker`
runs it). Safe to run again after its worker stopped (services.apply)."""

from django.tasks import task

from frontend.worker import when_failed

from . import services


@task()
def apply_run(run_id):
    """Do the stored plan of one confirmed import run."""
    return services.apply(run_id=run_id)


when_failed(apply_run, services.apply_stopped)
