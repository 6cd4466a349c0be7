from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "frontend"
    verbose_name = "NHS.UK frontend"

    def ready(self):
        from . import kept  # noqa: F401  (connects its user_logged_in receiver)
