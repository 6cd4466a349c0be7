"""Page titles (WCAG 2.2 2.4.2), built in one place (frontend/templatetags/titles.py).

Every page of the careers, learning and people apps is opened by the first of the owner,
their line manager and LED it answers; each of its POST forms is posted empty, and each field
of its GET forms (filters) is sent a value no field accepts. Every page that comes back
showing errors (an error summary, an error message, or a refusal) has a title starting
"Error:", and no page without them does. The sign-in and password pages posted empty have
error titles too. Pages about a person, opened by their line manager, name the person.
"""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.matrix_careers import ROWS as CAREERS_ROWS
from tests.matrix_learning import ROWS as LEARNING_ROWS
from tests.test_access_matrix import build_path, world  # noqa: F401 (fixture)
from tests.url_registry import PEOPLE_ROWS

ROUTES = {**CAREERS_ROWS, **LEARNING_ROWS, **PEOPLE_ROWS}
# Who walks each page: the first of these the page answers with a 200.
WALKERS = ["owner", "line_manager", "led"]
ERROR_SHOWN = re.compile(
    r'class="nhsuk-error-summary"|class="nhsuk-error-message"'
    r'|nhsuk-notification-banner__title"[^>]*>There is a problem<'
)


class _Forms(HTMLParser):
    """The action of every method="post" form on a page, but signing out; and the names of
    the fields of its method="get" forms (filters), with their actions."""

    def __init__(self):
        super().__init__()
        self.actions, self.filters, self.in_get = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = unescape(attrs.get("action") or "")
            self.in_get = (attrs.get("method") or "get").lower() == "get"
            if self.in_get:
                self.filters.append((action, set()))
            elif "sign-out" not in action:
                self.actions.append(action)
        elif tag in {"input", "select"} and self.in_get and attrs.get("name"):
            self.filters[-1][1].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get = False


def title(response):
    match = re.search(r"<title>(.*?)</title>", response.text, re.S)
    return unescape(match.group(1)) if match else ""


def forms_on(response, path):
    """The page's POST actions, and a query string for each of its GET forms' fields that
    sets the field to a value no such field accepts."""
    parser = _Forms()
    parser.feed(response.text)
    nonsense = [
        f"{action or path}?{name}=no-such-choice" for action, names in parser.filters
        for name in sorted(names)
    ]  # fmt: skip
    return [action or path for action in parser.actions], nonsense


def is_html(response):
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")


def check(response, where):
    """The page's title starts "Error:" exactly when the page shows errors; True if it does."""
    if not is_html(response):
        return False
    shown = bool(ERROR_SHOWN.search(response.text))
    assert title(response).startswith("Error:") == shown, (where, title(response))
    return shown


@pytest.mark.django_db
def test_every_error_state_reached_has_an_error_title(world):  # noqa: F811
    clients = {}
    errors_seen = []
    for route, row in ROUTES.items():
        if row.method != "get" or "<" in route and not row.kwargs(world):
            continue
        walker = next((role for role in WALKERS if row.expect.get(role) == 200), None)
        if walker is None:
            continue
        if walker not in clients:
            clients[walker] = Client()
            clients[walker].force_login(world[walker])
        client = clients[walker]
        path = build_path(route, row.kwargs(world))
        page = client.get(path)
        if not is_html(page):
            continue
        check(page, path)
        actions, filters = forms_on(page, path)
        for action in actions:
            answer = client.post(action, {}, follow=True)
            if check(answer, f"{path} → POST {action}"):
                errors_seen.append(f"{path} → {action}")
        for query in filters:
            if check(client.get(query), f"{path} → GET {query}"):
                errors_seen.append(query)
    # The walk reaches the error states the plan, conversation, journal, CPD and
    # curation forms have; it is not vacuous.
    assert len(errors_seen) >= 25, errors_seen
    assert any("/actions/" in seen for seen in errors_seen), "the plan's Add an action"
    assert any("insights/?year=" in seen for seen in errors_seen), "an unknown year"


@pytest.mark.django_db
def test_the_sign_in_and_password_pages_posted_empty_have_error_titles(client, cast):
    for path in ["/sign-in/", "/account/reset/"]:
        assert title(client.post(path, {})).startswith("Error: ")
    client.force_login(cast["owner"])
    assert title(client.post("/account/password/", {})).startswith("Error: ")


PERSON_PAGES = [
    route
    for route, row in ROUTES.items()
    if row.method == "get" and row.expect.get("line_manager") == 200
    and ("<num:person_pk>" in route or route.startswith("conversations/")
         or route == "people/<num:pk>/")
]  # fmt: skip


@pytest.mark.django_db
def test_pages_about_a_person_name_them_in_the_title(client, world):  # noqa: F811
    client.force_login(world["line_manager"])
    name = world["owner"].full_name
    assert len(PERSON_PAGES) >= 10, PERSON_PAGES
    for route in PERSON_PAGES:
        path = build_path(route, ROUTES[route].kwargs(world))
        response = client.get(path)
        assert response.status_code == 200, path
        assert name in title(response), (path, title(response))


@pytest.mark.django_db
def test_a_page_about_the_reader_does_not_name_them(client, world):  # noqa: F811
    client.force_login(world["owner"])
    path = build_path(
        "career/<num:person_pk>/plan/objectives/new/", {"person_pk": world["owner"].pk}
    )
    assert title(client.get(path)).startswith("Add an objective – Trellis")


@pytest.mark.django_db
def test_a_refusal_shown_as_a_message_gives_an_error_title_and_takes_focus(client, cast):
    from tests.factories_learning import InitiativeFactory

    published = InitiativeFactory(title="Handover skills")
    client.force_login(cast["led"])
    response = client.post(f"/learning/curate/{published.pk}/publish/", follow=True)
    assert "This initiative is already published." in response.text
    assert title(response).startswith("Error: Handover skills")
    banner = re.search(r'<div class="nhsuk-notification-banner"[^>]*>', response.text).group(0)
    assert 'role="alert"' in banner and "data-disable-auto-focus" not in banner


def test_a_lazy_value_not_yet_read_is_left_unread_and_a_read_one_still_counts():
    """The dashboard puts its figures in the context lazily, so a page whose drawn sections
    are cached never reads them: the title must not read them either."""
    from django import forms
    from django.template import Context, Template
    from django.utils.functional import SimpleLazyObject

    class Required(forms.Form):
        name = forms.CharField()

    read = []
    figures = SimpleLazyObject(lambda: read.append("figures") or {"total": 1})
    template = Template("{% load titles %}{% page_title %}Figures{% endpage_title %}")
    context = {"figures": figures, "hide_service_in_title": True}
    assert template.render(Context(context)) == "Figures"
    assert read == []

    form = SimpleLazyObject(lambda: Required(data={}))
    str(form.errors)  # read by the page before the title is drawn
    assert template.render(Context({**context, "form": form})) == "Error: Figures"
