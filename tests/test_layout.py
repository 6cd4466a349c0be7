"""The layout every page shares: header, menu and footer (frontend/jinja2/layout/, drawn by
frontend/templatetags/layout.py, docs/adr/0069)."""

import re

import pytest
from django.core.handlers.wsgi import get_script_name
from django.test import Client
from django.test.client import ClientHandler
from django.urls import get_script_prefix, reverse, set_script_prefix

from people import navigation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_header_names_the_person_and_its_sign_out_form_works_with_csrf_checked():
    """The sign-out button's form carries a CSRF token the server accepts."""
    person = PersonFactory(given_name="Amara", family_name="O'Neill")
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    html = client.get(reverse("journal-home")).content.decode()
    assert f'href="{reverse("person-me")}">Amara O&#x27;Neill</a>' in html
    form = re.search(
        r'<form class="nhsuk-header__account-form" action="([^"]+)"(.*?)</form>', html, re.S
    )
    assert form.group(1) == reverse("logout")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    response = client.post(form.group(1), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # signed out


def test_the_menu_marks_the_section_the_page_is_in():
    client = Client()
    client.force_login(PersonFactory())
    html = client.get(reverse("journal-home")).content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', html)
    assert current == [reverse("journal-home")]
    assert (
        '<strong class="nhsuk-header__navigation-item-current-fallback">Your journal</strong>'
        in html
    )


def test_a_signed_out_page_has_no_account_links_and_sets_no_csrf_cookie():
    """Only a form asks for a CSRF token, and asking sets the cookie."""
    client = Client()
    response = client.get(reverse("accessibility"))
    html = response.content.decode()
    assert "nhsuk-header__account" not in html
    assert "Sign out" not in html
    assert "csrftoken" not in response.cookies
    assert f'href="{reverse("accessibility")}">Accessibility statement</a>' in html
    assert reverse("privacy:your-data") not in html


def test_links_worked_out_once_follow_the_script_prefix():
    """Trellis served under a path (SCRIPT_NAME) links under it: a kept link is kept per
    script prefix."""
    assert navigation.link("home") == "/"
    previous = get_script_prefix()
    set_script_prefix("/trellis/")
    try:
        assert navigation.link("home") == "/trellis/"
        assert navigation.url_for("person-detail")(7) == "/trellis/people/7/"
    finally:
        set_script_prefix(previous)
    assert navigation.link("home") == "/"


class _ServedUnderAPath(ClientHandler):
    """The test client's handler, setting the script prefix from SCRIPT_NAME as Django's
    WSGI handler does for gunicorn (the test client's own sets none)."""

    def __call__(self, environ):
        set_script_prefix(get_script_name(environ))
        return super().__call__(environ)


def test_a_page_served_under_a_path_links_under_it_and_the_next_page_does_not():
    """The links a page draws follow its own request's script prefix, read once at its
    view (people.navigation.UrlScopeMiddleware): a page served under /trellis/ links
    there, and the next request, served at the root, links at the
    root again; after a request no prefix is left for code outside one."""
    client = Client()
    client.handler = _ServedUnderAPath()
    client.force_login(PersonFactory(given_name="Ffion"))

    def links(script_name):
        answer = client.get("/", SCRIPT_NAME=script_name)
        assert answer.status_code == 200
        # The menu marks Home as the page, under the prefix too.
        home = re.search(r'<a [^>]*aria-current="page"[^>]*>', answer.content.decode())
        assert home and f'href="{script_name}/"' in home.group(0), home
        # Static files aside: their storage keeps the STATIC_URL of the first request
        # it served (Django's), a process serving one prefix; the test above sees them.
        found = re.findall(r'(?:href|src|action)="(/[^"]*)"', answer.content.decode())
        return {link for link in found if "/static/" not in link}

    try:
        under = links("/trellis")
        assert {"/trellis/", "/trellis/people/me/", "/trellis/journal/"} <= under
        assert all(link.startswith("/trellis/") for link in under), sorted(under)
        root = links("")
        assert {"/", "/people/me/", "/journal/"} <= root
        assert not any(link.startswith("/trellis/") for link in root), sorted(root)
        assert navigation.url_scope()[1] == "/"
        assert navigation.link("home") == "/"
    finally:
        set_script_prefix("/")


def test_the_layouts_files_are_where_static_says_and_follow_its_settings(settings):
    """Each file the layout names (stylesheet, scripts, icons) is at the URL Django's
    {% static %} gives, kept per script prefix and per static settings."""
    from django.templatetags.static import static

    from frontend.templatetags.layout import layout_static

    def files(html):
        return re.findall(r'(?:href|src)="([^"]*/(?:css|js|vendor)/[^"]+)"', html)

    client = Client()
    client.force_login(PersonFactory())
    names = [
        "vendor/nhsuk-frontend/assets/images/favicon.ico",
        "css/trellis.css",
        "js/init.js",
        "js/htmx-errors.js",
        "js/body-start.js",
        "js/timeout-warning.js",
    ]
    html = client.get(reverse("journal-home")).content.decode()
    assert set(files(html)) >= {static(name) for name in names}
    settings.STATIC_URL = "/assets/"
    moved = files(client.get(reverse("journal-home")).content.decode())
    assert "/assets/css/trellis.css" in moved
    assert all(url.startswith("/assets/") for url in moved)
    previous = get_script_prefix()
    set_script_prefix("/trellis/")
    try:
        settings.STATIC_URL = "static/"  # relative: under the script prefix
        assert layout_static("css/trellis.css") == "/trellis/static/css/trellis.css"
        assert layout_static("css/trellis.css") == static("css/trellis.css")
    finally:
        set_script_prefix(previous)
