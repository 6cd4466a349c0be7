"""Nothing typed is lost when a session expires, on every form (frontend.kept).

Every page of the access matrix is opened by each role that may open it; every POST
form on it with a box for free text is filled in, then sent after the session has
ended. Signing in again as the same person brings the text back on the same page;
signing in as someone else does not, and drops it.
"""

import secrets
from urllib.parse import unquote, urlencode

import pytest
from django.urls import reverse

from frontend import kept
from tests import test_access_matrix
from tests.forms_walk import guard_fields, post_forms, walk

pytestmark = pytest.mark.django_db

world = test_access_matrix.world  # the access matrix's cast, units and records
FORM_ENCODED = "application/x-www-form-urlencoded"


def typed(form, n):
    """Different text in each box, with characters people type (quotes, accents)."""
    return {name: f"Kept {n}.{i}: Zoe and Sian" for i, name in enumerate(form.text_names())}


def expired_post(client, form, texts):
    """Send the form as the browser would after the session ended."""
    client.logout()
    return client.post(form.action, form.data(texts))


def text_forms(client, world):
    return [(path, role, form) for path, role, form in walk(client, world) if form.text_names()]


def test_text_comes_back_to_the_same_person_and_never_to_someone_else(client, world):
    walked = set()
    for n, (path, role, form) in enumerate(text_forms(client, world)):
        assert form.has(kept.OWNER_FIELD), f"{path}: the form to {form.action} has no form guard"
        texts = typed(form, n)
        response = expired_post(client, form, texts)
        assert response.status_code == 302, form.action
        login, _, page = response["Location"].partition("?next=")
        assert login == reverse("login")
        assert unquote(page) == path, f"{form.action} sends the person back to {page}"
        client.force_login(world[role])
        html = client.get(path).content.decode()
        for text in texts.values():
            assert text in html, f"{path}: the form to {form.action} lost {text!r}"
        assert "You were signed out before this was saved" in html
        # Offered once: the page opened again shows what is saved, not the kept text.
        assert not shows(client, path, texts), path

        # Someone else signs in on the same browser: not shown to them, and dropped.
        expired_post(client, form, texts)
        client.force_login(world["line_manager" if role == "owner" else "owner"])
        assert not shows(client, path, texts), f"{path}: shown to someone else"
        client.force_login(world[role])
        assert not shows(client, path, texts), f"{path}: kept after someone else signed in"
        walked.add(form.action)
    conversation, owner = world["conversation"].pk, world["owner"].pk
    assert {
        reverse("learning:cpd-create"),
        reverse("conversation-preparation", args=[conversation]),
        reverse("conversation-note", args=[conversation]),
        reverse("objective-add", args=[owner]),
        reverse("learning:curate-create"),
        reverse("learning:cpd-evaluate", args=[world["evaluated_entry"].pk]),
        reverse("journal-section", args=[world["journal"].year, "strengths-and-challenges"]),
    } <= walked


def shows(client, path, texts):
    html = client.get(path).content.decode()
    return any(text in html for text in texts.values())


def test_an_autosave_after_the_session_ended_keeps_the_text_for_the_page(client, world):
    owner, journal = world["owner"], world["journal"]
    section = reverse("journal-section", args=[journal.year, "strengths-and-challenges"])
    client.force_login(owner)
    form = post_forms(client.get(section).content.decode(), section)[0]
    box = form.text_names()[0]
    client.logout()
    answer = client.post(
        section + "autosave/", form.data({box: "Autosaved as time ran out"}), HTTP_HX_REQUEST="1"
    )
    assert "You have been signed out" in answer.content.decode()
    client.force_login(owner)
    assert "Autosaved as time ran out" in client.get(section).content.decode()


def test_a_forged_owner_token_keeps_nothing(client, world):
    client.force_login(world["owner"])
    fields = guard_fields(client.get(reverse("learning:cpd-create")).content.decode())
    client.logout()
    client.post(
        reverse("learning:cpd-create"),
        {**fields, kept.OWNER_FIELD: fields[kept.OWNER_FIELD] + "x", "title": "Forged title"},
    )
    client.force_login(world["owner"])
    assert "Forged title" not in client.get(reverse("learning:cpd-create")).content.decode()


def test_kept_text_is_bounded_by_field_names_too(client, world):
    """Thousands of long field names with empty values keep nothing in the session."""
    client.force_login(world["owner"])
    fields = guard_fields(client.get(reverse("learning:cpd-create")).content.decode())
    client.logout()
    padding = {f"n{i}" + "x" * 1400: "" for i in range(150)}  # 210,000 characters of names
    body = urlencode({**fields, "title": "Padded", **padding})
    client.post(reverse("learning:cpd-create"), body, content_type=FORM_ENCODED)
    assert kept.SESSION_KEY not in client.session


def test_kept_text_is_bounded_by_its_bytes_not_its_letters(client, world):
    """120,000 CJK letters are 360 KB stored: over the cap, though under 200,000 letters;
    the same count of plain letters fits."""
    for letter, kept_it in (("漢", False), ("a", True)):
        client.force_login(world["owner"])
        fields = guard_fields(client.get(reverse("learning:cpd-create")).content.decode())
        client.logout()
        client.post(reverse("learning:cpd-create"), {**fields, "learned": letter * 120_000})
        assert (kept.SESSION_KEY in client.session) is kept_it, letter
        client.cookies.clear()


def test_an_owner_token_from_days_ago_keeps_nothing(client, world, monkeypatch):
    client.force_login(world["owner"])
    fields = guard_fields(client.get(reverse("learning:cpd-create")).content.decode())
    client.logout()
    monkeypatch.setattr(kept, "OWNER_MAX_AGE", -1)  # every token is now too old
    client.post(reverse("learning:cpd-create"), {**fields, "title": "Typed long ago"})
    assert kept.SESSION_KEY not in client.session


def test_text_sent_after_every_cookie_was_cleared_comes_back_after_sign_in(world):
    """Cleared cookies take the CSRF cookie too: the form's text is still kept."""
    from django.test import Client

    before = Client(enforce_csrf_checks=True)
    before.force_login(world["owner"])
    fields = guard_fields(before.get(reverse("learning:cpd-create")).content.decode())
    after = Client(enforce_csrf_checks=True)  # a browser with no cookies at all
    response = after.post(
        reverse("learning:cpd-create"), {**fields, "title": "Typed, then cleared"}
    )
    assert response.status_code == 302
    assert unquote(response["Location"]).endswith("?next=/learning/cpd/new/")
    after.force_login(world["owner"])
    html = after.get(reverse("learning:cpd-create")).content.decode()
    assert "Typed, then cleared" in html


def test_a_form_refused_by_the_csrf_check_without_a_token_gets_a_plain_page(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x"})
    assert response.status_code == 403
    assert "This page has expired" in response.content.decode()


def session_table_size():
    from django.contrib.sessions.models import Session

    return sum(len(data) for data in Session.objects.values_list("session_data", flat=True))


def test_anonymous_posts_to_every_address_do_not_fill_the_session_table(client, world):
    """2.4 MB sent signed out to every address, with a genuine owner token, keeps nothing."""
    from django.test import Client

    client.force_login(world["owner"])
    fields = guard_fields(client.get(reverse("learning:cpd-create")).content.decode())
    body = urlencode({**fields, "title": secrets.token_urlsafe(1_800_000)})  # 2.4 MB
    before = session_table_size()
    for route in test_access_matrix.all_patterns():
        if not route.startswith("admin/"):
            kwargs = test_access_matrix.TABLE[route].kwargs(world)
            path = test_access_matrix.build_path(route, kwargs)
            Client().post(path, body, content_type=FORM_ENCODED)
    assert session_table_size() - before < 10_000


def test_one_page_keeps_text_once_however_often_it_is_sent_signed_out(client, world):
    """Ten browsers without cookies sending one page's token keep its text once (~150 KB)."""
    from django.test import Client

    section = reverse("journal-section", args=[world["journal"].year, "strengths-and-challenges"])
    client.force_login(world["owner"])
    form = post_forms(client.get(section).content.decode(), section)[0]
    box = form.text_names()[0]
    before = session_table_size()
    for _ in range(10):
        text = secrets.token_urlsafe(110_000)  # random: sessions are stored compressed
        Client().post(section + "autosave/", form.data({box: text}), HTTP_HX_REQUEST="1")
    assert session_table_size() - before < 2 * 150_000


def test_the_same_page_sent_again_signed_out_keeps_its_latest_text(client, world):
    """Autosave keeps saving while signed out; the text kept is the last one typed."""
    section = reverse("journal-section", args=[world["journal"].year, "strengths-and-challenges"])
    client.force_login(world["owner"])
    form = post_forms(client.get(section).content.decode(), section)[0]
    box = form.text_names()[0]
    client.logout()
    for text in ("First words", "First words and more"):
        client.post(section + "autosave/", form.data({box: text}), HTTP_HX_REQUEST="1")
    client.post(section, form.data({box: "First words and more, then Save"}))
    client.force_login(world["owner"])
    assert "First words and more, then Save" in client.get(section).content.decode()
