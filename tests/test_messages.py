"""Confirmations are announced: every success message sits in a role="status" region
(the NHS.UK success notification banner), so a screen reader reads it out."""

from html.parser import HTMLParser

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from careers import services

STRENGTHS = "strengths-and-challenges"


class _Regions(HTMLParser):
    """The text of every element with role="status", and all the page's text."""

    def __init__(self):
        super().__init__()
        self.open, self.statuses = [], []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "hr", "img", "input", "link", "meta"}:
            return
        if dict(attrs).get("role") == "status":
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
    """The text of each role="status" region in `html`, whitespace collapsed."""
    parser = _Regions()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.statuses]


def test_each_success_message_is_a_status_and_other_messages_are_not():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.success(request, "Changes saved.")
    messages.success(request, "Added to your CPD log.")
    messages.info(request, "You were signed out before your answers were saved.")
    html = render_to_string("includes/messages.html", request=request)

    statuses = announced(html)
    assert [s.removeprefix("Success ") for s in statuses] == [
        "Changes saved.",
        "Added to your CPD log.",
    ]
    assert "You were signed out" in html
    assert not any("signed out" in s for s in statuses)


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
