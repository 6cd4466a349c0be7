"""A real OpenID Connect provider on loopback for the single sign-on tests.

oidc-provider-mock (authlib's provider behind Flask) runs in a thread: it publishes a
discovery document, signs RS256 ID tokens with the nonce it was sent, and shows a page
where the test picks an identity ("sub"). An identity it does not know gets the claims
{"email": sub}; `provider.user(sub, claims)` gives one other claims. A test module imports
`provider_fixture` to use the `provider` fixture.
"""

import re
from urllib.parse import urlsplit

import pytest
import requests

CLIENT_ID = "trellis-tests"
CLIENT_SECRET = "trellis-tests-secret"
PROVIDER_NAME = "Demo NHS Trust"


class Provider:
    def __init__(self, issuer):
        self.issuer = issuer

    def user(self, sub, claims):
        """The claims the provider gives `sub` from now on."""
        requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def authorise(self, authorise_url, sub):
        """Pick `sub` on the provider's page without a browser. Out: where the provider
        sends the browser back (Trellis's callback, with code and state)."""
        answer = requests.post(authorise_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        return answer.headers["Location"]


@pytest.fixture(name="provider")
def provider_fixture(settings, monkeypatch):
    """The provider running, and Trellis's settings pointing at it (single sign-on on)."""
    from oidc_provider_mock import run_server_in_thread

    from people.sso import provider as discovery

    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # loopback, plain http
    with run_server_in_thread(require_nonce=True) as server:
        issuer = f"http://localhost:{server.server_port}"
        settings.OIDC_ISSUER = issuer
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_PROVIDER_NAME = PROVIDER_NAME
        discovery.forget()
        yield Provider(issuer)
        discovery.forget()


def path_of(url):
    """The path and query of an absolute URL, for the Django test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def with_query(url, **values):
    """`url` with each named query value replaced."""
    for name, value in values.items():
        url = re.sub(rf"([?&]{name}=)[^&]*", rf"\g<1>{value}", url)
    return url
