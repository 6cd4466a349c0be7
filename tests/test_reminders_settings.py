"""GOV.UK Notify is chosen by configuration alone: with NOTIFY_API_KEY and
NOTIFY_TEMPLATE_ID set, every email (reminders, password resets) goes through
django-gov-notify's backend and the one plain Notify template; without them, EMAIL_URL."""

from tests.test_settings import PRODUCTION, manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.MAILERS['default']['BACKEND']); "
    "print(getattr(s, 'GOVUK_NOTIFY_API_KEY', '-')); "
    "print(getattr(s, 'GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID', '-'))"
)
KEY = "trellis-11111111-2222-3333-4444-555555555555-66666666-7777-8888-9999-000000000000"
TEMPLATE = "0f0e0d0c-0b0a-4909-8807-060504030201"


def test_notify_is_the_email_backend_when_its_key_and_template_are_set():
    result = manage("shell", "-c", SHOW, **PRODUCTION, NOTIFY_API_KEY=KEY,
                    NOTIFY_TEMPLATE_ID=TEMPLATE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == [
        "django_gov_notify.backends.NotifyEmailBackend", KEY, TEMPLATE,
    ]  # fmt: skip


def test_without_notify_email_goes_by_email_url():
    result = manage("shell", "-c", SHOW, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.core.mail.backends.smtp.EmailBackend", "-", "-"]


def test_a_notify_key_without_its_template_refuses_to_start():
    result = manage("check", **PRODUCTION, NOTIFY_API_KEY=KEY)
    assert result.returncode != 0
    assert "NOTIFY_TEMPLATE_ID" in result.stderr
