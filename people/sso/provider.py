"""Where the provider's endpoints are: its discovery document, read when first needed.

OpenID Connect Discovery 1.0 §4: the document is at ISSUER/.well-known/openid-configuration
and its "issuer" must be exactly the configured issuer (§4.3), which also keeps a
multi-tenant Entra ID address (/common, /organizations) from being used by mistake. The
document is kept an hour per process; nothing is fetched at start-up, so a provider that
is down never stops Trellis starting or local sign-in working.
"""

import time

import requests
from django.conf import settings

KEEP_SECONDS = 3600
REQUIRED = ("authorization_endpoint", "token_endpoint", "jwks_uri")

_documents = {}  # issuer -> (fetched at, document)


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or is not for this issuer."""


def metadata():
    """The configured issuer's discovery document, as a dict.

    Raises ProviderUnavailable when it cannot be fetched within OIDC_TIMEOUT seconds, is
    not JSON, names another issuer or lacks an endpoint Trellis needs."""
    issuer = settings.OIDC_ISSUER
    kept = _documents.get(issuer)
    if kept and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1]
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"discovery failed: {error}") from error
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable("the discovery document names another issuer")
    missing = [key for key in REQUIRED if not document.get(key)]
    if missing:
        raise ProviderUnavailable(f"the discovery document has no {', '.join(missing)}")
    _documents[issuer] = (time.monotonic(), document)
    return document


def forget():
    """Drop the kept documents (tests; a provider that moved its endpoints)."""
    _documents.clear()
