"""Sign-in lockouts behind a reverse proxy count each client, not the proxy."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx on the same host as gunicorn
GUESSER = "10.20.0.7"
OWNER = "10.20.0.8"


@pytest.fixture
def behind_one_proxy(monkeypatch):
    """Settings as config/settings.py builds them with AXES_PROXY_COUNT=1."""
    monkeypatch.setenv("AXES_PROXY_COUNT", "1")
    monkeypatch.setenv("ENV_FILE", "/dev/null")
    built = runpy.run_path(str(Path(settings.BASE_DIR) / "config" / "settings.py"))
    names = [name for name in built if name.startswith(("AXES_IPWARE_", "IPWARE_"))]
    with override_settings(**{name: built[name] for name in names}):
        yield


@pytest.fixture
def person(organisation):
    return PersonFactory(email="amira.khan@trellis.example", unit=organisation["team"])


def sign_in_through_proxy(client, forwarded_for, password):
    """A sign-in as the proxy passes it on: the proxy's address and the header it wrote."""
    return client.post(
        reverse("login"),
        {"username": "amira.khan@trellis.example", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_one_client_guessing_does_not_lock_out_another_behind_the_same_proxy(
    behind_one_proxy, client, person
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, GUESSER, "wrong-password")

    assert sign_in_through_proxy(client, GUESSER, PASSWORD).status_code == 429
    response = sign_in_through_proxy(client, OWNER, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_an_address_the_client_adds_to_the_header_does_not_undo_a_lockout(
    behind_one_proxy, client, person
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_through_proxy(client, GUESSER, "wrong-password")

    # The client sends its own X-Forwarded-For; the proxy appends the real address.
    for spoofed in (OWNER, "203.0.113.99", "not-an-address"):
        response = sign_in_through_proxy(client, f"{spoofed}, {GUESSER}", PASSWORD)
        assert response.status_code == 429
        assert "Too many attempts to sign in" in response.content.decode()
    assert sign_in_through_proxy(client, OWNER, PASSWORD).status_code == 302
