"""Single sign-on pages: going to the provider, coming back, the break-glass sign-in,
and the pages that say plainly why a sign-in did not happen."""

import logging
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from people.views import SignInView

from . import policy, provider
from .backends import OrganisationAccountBackend
from .session import SIGN_OUT_KEY

logger = logging.getLogger(__name__)

BACKEND = "people.sso.backends.OrganisationAccountBackend"
# What the refusal page says for each reason, and the status it answers with.
STATUS = {
    "unknown": 403,
    "inactive": 403,
    "no-claim": 403,
    "unverified": 403,
    "no-email": 403,
    "bad-number": 403,
    "domain": 403,
    "taken": 403,
    "cancelled": 403,
    "expired": 400,
    "failed": 400,
    "unreachable": 502,
}


def refused(request, reason, identity=""):
    """The plain page for a sign-in that did not happen. In: the reason (a STATUS key)
    and the identity looked for. Out: the page, with STATUS[reason]."""
    context = {
        "reason": reason,
        "identity": identity,
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "by_email": settings.OIDC_MATCH_CLAIM == "email",
    }
    return render(request, "people/sso/refused.html", context, status=STATUS[reason])


@method_decorator(login_not_required, name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    """ "Sign in with <organisation>": to the provider, with a fresh state, nonce and PKCE
    challenge kept in the session (mozilla-django-oidc). 404 when single sign-on is off."""

    def __init__(self, **kwargs):
        # The library reads the provider's address here; it is read in `get` instead.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        if not policy.sso_enabled():
            raise Http404
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.metadata()["authorization_endpoint"]
        except provider.ProviderUnavailable:
            logger.exception("Single sign-on: the provider's discovery document failed")
            return refused(request, "unreachable")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@login_not_required
@require_GET
def callback(request):
    """The provider sends the browser back here. The state must be one this browser's
    session was given within OIDC_SIGN_IN_SECONDS, and is used once (its nonce with it),
    so a changed, old or replayed answer is refused; then the code is exchanged and the
    person found (OrganisationAccountBackend). Every failure is a plain page."""
    if not policy.sso_enabled():
        raise Http404
    states = request.session.get("oidc_states")
    entry = None
    if isinstance(states, dict):
        entry = states.pop(request.GET.get("state", ""), None)
        request.session["oidc_states"] = states  # used once, whatever happens next
    if request.GET.get("error"):
        return refused(request, "cancelled")
    if not isinstance(entry, dict) or not request.GET.get("code"):
        return refused(request, "failed")
    if time.time() - entry.get("added_on", 0) > settings.OIDC_SIGN_IN_SECONDS:
        return refused(request, "expired")
    backend = OrganisationAccountBackend()
    try:
        person = backend.authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except (requests.ConnectionError, requests.Timeout, provider.ProviderUnavailable):
        logger.exception("Single sign-on: the provider did not answer")
        return refused(request, "unreachable")
    except (SuspiciousOperation, requests.RequestException, jwt.InvalidTokenError, ValueError):
        logger.warning("Single sign-on refused an answer", exc_info=True)
        return refused(request, "failed")
    if person is None:
        match = backend.match
        logger.info("Single sign-on refused: %s", match.refusal if match else "no match")
        return (
            refused(request, match.refusal, match.identity)
            if match
            else refused(request, "failed")
        )
    login(request, person, backend=BACKEND)
    request.session[SIGN_OUT_KEY] = provider_sign_out_url(request, backend.id_token)
    return HttpResponseRedirect(
        request.session.pop("oidc_login_next", None) or resolve_url(settings.LOGIN_REDIRECT_URL)
    )


def provider_sign_out_url(request, id_token):
    """The provider's sign-out address (OpenID Connect RP-Initiated Logout 1.0 §2), coming
    back to Trellis's sign-in page, or "" when the provider has none."""
    try:
        endpoint = provider.metadata().get("end_session_endpoint")
    except provider.ProviderUnavailable:
        return ""
    if not endpoint:
        return ""
    query = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


@method_decorator(
    [login_not_required, sensitive_post_parameters(), never_cache], name="dispatch"
)  # as LoginView's own dispatch is
class BreakGlassSignInView(SignInView):
    """The password form for break-glass administrators while LOCAL_PASSWORDS is off
    (404 otherwise). Anyone else's password is refused here as a wrong one, so the page
    does not say who is break-glass; axes counts failures as on the sign-in page."""

    def dispatch(self, request, *args, **kwargs):
        if policy.passwords_for_everyone():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            password_form_shown=True, break_glass=True, password_action=self.request.path
        )
        return context
