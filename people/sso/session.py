"""What single sign-on keeps in the session, and what the sign-in page shows of it."""

from django.conf import settings
from django.urls import reverse

from . import policy

# In a signed-in session: the provider's sign-out address, offered after signing out.
SIGN_OUT_KEY = "_trellis_provider_sign_out"


def kept_for_sign_out(request):
    """Before signing out: the provider's sign-out address of this session, or ""."""
    return request.session.get(SIGN_OUT_KEY, "")


def offer_provider_sign_out(request, address):
    """After signing out: the sign-in page offers the provider's sign-out, once."""
    if address:
        request.session[SIGN_OUT_KEY] = address


def sign_in_context(request):
    """What the sign-in page shows: the single sign-on button, the password form (unless
    passwords are for break-glass accounts only), and the provider's sign-out once."""
    signed_out = request.session.pop(SIGN_OUT_KEY, "") if not request.user.is_authenticated else ""
    return {
        "sso_enabled": policy.sso_enabled(),
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "password_form_shown": policy.passwords_for_everyone(),
        "password_action": reverse("login"),
        "provider_sign_out": signed_out,
    }
