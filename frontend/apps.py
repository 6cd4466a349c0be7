from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = "NHS.UK frontend"

    def ready(self):
        from django.tasks.signals import task_finished
        from django.urls import register_converter

        from . import (
            kept,  # noqa: F401  (connects its user_logged_in receiver)
            worker,
        )

        # A failed task settles the record it was working on (frontend/worker.py).
        task_finished.connect(worker.on_task_finished, dispatch_uid="trellis-settle-failed")
        from .parse import WholeNumberConverter

        # Before any URL module is imported: every app's urls.py uses `<num:...>`.
        register_converter(WholeNumberConverter, "num")
