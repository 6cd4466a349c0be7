from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = "NHS.UK frontend"

    def ready(self):
        from django.urls import register_converter

        from . import kept  # noqa: F401  (connects its user_logged_in receiver)
        from .parse import WholeNumberConverter

        # Before any URL module is imported: every app's urls.py uses `<num:...>`.
        register_converter(WholeNumberConverter, "num")
