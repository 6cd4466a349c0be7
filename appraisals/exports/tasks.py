"""Background tasks of bulk booklet exports (django.tasks; `manage.py run_worker` runs
them). Each is safe to run again after its worker stopped (docs/adr/0022)."""

from django.tasks import task

from frontend.worker import when_failed

from . import assembly, services


@task()
def build_chunk(export_id, chunk):
    """Make the booklets of one chunk of an export (services.build_chunk)."""
    return services.build_chunk(export_id=export_id, chunk=chunk)


@task()
def assemble(export_id):
    """Write, check and publish an export's ZIP (assembly.assemble)."""
    return assembly.assemble(export_id=export_id)


when_failed(build_chunk, services.chunk_stopped)
when_failed(assemble, assembly.stopped)
