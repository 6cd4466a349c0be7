"""A person's data out, who has read their records, erasure and retention (UK GDPR)."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Data protection"

    def ready(self):
        from .retention import schedule

        schedule.register()  # the retention rules, daily from the worker
