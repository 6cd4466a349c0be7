"""/.well-known/security.txt tells a finder where to report a vulnerability (RFC 9116)."""

from datetime import datetime, timedelta

from django.utils import timezone


def test_security_txt_names_the_contact_and_expires_within_a_year(client, settings, db):
    settings.SECURITY_CONTACT = ["mailto:security@trust.example.nhs.uk"]
    settings.SITE_URL = "https://trellis.trust.example.nhs.uk/"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.text.splitlines())
    assert fields["Contact"] == "mailto:security@trust.example.nhs.uk"
    expires = datetime.fromisoformat(fields["Expires"])
    assert timezone.now() < expires < timezone.now() + timedelta(days=365)
    assert fields["Canonical"] == "https://trellis.trust.example.nhs.uk/.well-known/security.txt"


def test_without_a_contact_there_is_nothing_to_publish(client, settings, db):
    settings.SECURITY_CONTACT = []
    assert client.get("/.well-known/security.txt").status_code == 404
