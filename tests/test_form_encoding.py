"""A form body declared in another encoding than UTF-8 is refused with 400 on every
URL, signed in or not (frontend/encoding.py); it once made every POST URL answer the
server's bare 500, because the error pages read the body again."""

import pytest
from django.test import Client

from tests import test_access_matrix
from tests.matrix import ANON
from tests.test_access_matrix import TABLE, all_patterns, build_path

pytestmark = pytest.mark.django_db

matrix_world = test_access_matrix.world  # the access matrix's people and records

CHARSETS = ["utf-16", "latin-1", "shift_jis"]


def _post(client, url, charset):
    client.cookies["csrftoken"] = "A" * 32
    return client.post(
        url, "a=b", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )


@pytest.mark.parametrize("role", [ANON, "owner"])
def test_every_url_refuses_a_form_in_another_encoding_with_400(matrix_world, role):
    world = matrix_world
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if role != ANON:
        client.force_login(world[role])
    routes = [r for r in all_patterns() if not r.startswith("admin/")]
    urls = [build_path(r, TABLE[r].kwargs(world)) for r in routes]
    urls += ["/admin/login/", "/no-such-page/"]
    answers = {(url, cs): _post(client, url, cs) for url in urls for cs in CHARSETS}
    wrong = {key: r.status_code for key, r in answers.items() if r.status_code != 400}
    assert wrong == {}
    page = answers[("/sign-in/", "utf-16")]
    assert "Trellis could not read what was sent" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "Content-Security-Policy" in page


def test_a_utf_8_form_still_reaches_the_page():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = _post(client, "/sign-in/", "utf-8")
    assert response.status_code == 403  # the CSRF check ran: the body was read as usual
