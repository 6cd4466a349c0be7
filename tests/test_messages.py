"""Messages are announced: every message is an NHS.UK notification banner with role="alert"
(the success variant for a confirmation), so a screen reader reads it out, and the first is
focused on load by nhsuk-frontend's script unless the page shows errors."""

from html.parser import HTMLParser

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from careers.journal import services

STRENGTHS = "strengths-and-challenges"


class _Regions(HTMLParser):
    """The text of every element with role="alert"."""

    def __init__(self):
        super().__init__()
        self.open, self.statuses = [], []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "hr", "img", "input", "link", "meta"}:
            return
        if dict(attrs).get("role") == "alert":
            self.statuses.append("")
            self.open.append(len(self.statuses) - 1)
        else:
            self.open.append(None)

    def handle_endtag(self, tag):
        if self.open and tag not in {"br", "hr", "img", "input", "link", "meta"}:
            self.open.pop()

    def handle_data(self, data):
        for index in {i for i in self.open if i is not None}:
            self.statuses[index] += data


def announced(html):
    """The text of each role="alert" region in `html`, whitespace collapsed."""
    parser = _Regions()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.statuses]


def test_every_message_is_an_alert_banner_and_only_the_first_takes_focus():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.success(request, "Changes saved.")
    messages.success(request, "Added to your CPD log.")
    messages.info(request, "You were signed out before your answers were saved.")
    html = render_to_string("includes/messages.html", request=request)

    assert announced(html) == [
        "Success Changes saved.",
        "Success Added to your CPD log.",
        "Important You were signed out before your answers were saved.",
    ]
    assert html.count('data-module="nhsuk-notification-banner"') == 3
    assert html.count("nhsuk-notification-banner--success") == 2
    # nhsuk-frontend focuses each role="alert" banner in turn; the first keeps the focus.
    assert html.count('data-disable-auto-focus="true"') == 2


@pytest.mark.django_db
def test_sharing_and_withdrawing_a_section_is_announced(client, cast):
    author = cast["owner"]
    journal = services.start_journal(person=author, year=services.appraisal_year())
    client.force_login(author)
    section = [journal.year, STRENGTHS]

    shared = client.post(reverse("journal-share", args=section), {}, follow=True)
    assert any("is now shared with your line manager" in s for s in announced(shared.text))

    private = client.post(reverse("journal-withdraw", args=section), follow=True)
    assert any("is private again" in s for s in announced(private.text))
