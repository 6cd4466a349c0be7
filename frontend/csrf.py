"""A form refused by the CSRF check (cookies cleared, a new browser profile, a
sign-in in another tab) keeps its text like one that met an expired session
(frontend.kept), instead of ending on Django's technical 403 page.

Safe for a forged cross-site POST: text is kept only under the signed owner token
the form carries, and is offered back only to that person on their own page, as a
form to check and send again; nothing is saved.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from . import kept


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: keep the form's text and go back to its page
    (through sign-in if needed); else a plain "page expired" 403."""
    claim = kept.keep(request) if request.method == "POST" else None
    if claim is not None:
        if request.user.is_authenticated:
            return redirect(claim["p"])
        return redirect_to_login(claim["p"])
    return render(request, "403_csrf.html", status=403)
