"""The accessibility statement: public, linked from every page's footer, and naming where
to report a problem (the deployer's address, or the person's manager and HR team)."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_to_the_statement_and_anyone_can_read_it(client, signed_in):
    if signed_in:
        client.force_login(PersonFactory())
    start = client.get(reverse("home") if signed_in else reverse("login"))
    footer = start.content.decode().split('role="contentinfo"')[1]
    assert f'href="{reverse("accessibility")}">Accessibility statement</a>' in footer

    page = client.get(reverse("accessibility")).content.decode()
    assert "<h1>Accessibility statement for Trellis</h1>" in page
    assert "partially compliant" in page
    assert "Equality Advisory and Support Service" in page


@pytest.mark.django_db
def test_the_statement_names_the_deployers_contact_or_the_persons_managers(client, settings):
    page = client.get(reverse("accessibility")).content.decode()
    assert "tell your line manager or your HR team" in page
    assert "mailto:" not in page

    settings.ACCESSIBILITY_CONTACT = "digital.access@example.nhs.uk"
    page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:digital.access@example.nhs.uk"' in page
    assert "tell your line manager" not in page


def test_the_outage_page_keeps_the_footer_link():
    """The 503 page is rendered without a request or the database (frontend/outage.py)."""
    from django.template import loader

    html = loader.render_to_string("503.html", {"organisation_name": "X"})
    assert 'href="/accessibility/"' in html
