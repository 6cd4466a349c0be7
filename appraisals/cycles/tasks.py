"""Background task of appraisal cycles (django.tasks; `manage.py run_worker` runs it)."""

from django.tasks import task

from frontend.worker import when_failed

from . import services


@task(takes_context=True)
def run_cycle(context, run_id):
    """Do one queued CycleRun (services.execute_run). A later run of the same task (its
    first worker stopped part-way, docs/adr/0022) takes the run over and finishes it:
    nothing is created twice."""
    return services.execute_run(run_id=run_id, resume=context.attempt > 1)


when_failed(run_cycle, services.run_stopped)
