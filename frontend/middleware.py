"""The two form guards every POST form carries ({% form_guard %}): kept and once."""

from django.contrib.auth.views import redirect_to_login

from people import timeout

from . import kept, once


class KeptFormMiddleware:
    """A form posted after the session expired: keep its fields, then sign in and go back.

    Sits after CSRF and authentication and before LoginRequiredMiddleware, which would
    otherwise send the person to sign in and drop what they posted. A view marked
    login_not_required (the journal's autosave) answers a signed-out POST itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        ended = timeout.session_ended(request)  # before keep() writes to the session
        claim = kept.keep(request)
        if claim is None or not getattr(view_func, "login_required", True):
            return None
        if ended:
            timeout.note_signed_out_idle(request)  # the sign-in page says why
        return redirect_to_login(claim["p"])


class OnceFormMiddleware:
    """The same form posted twice is saved once (frontend.once).

    Sits after MessageMiddleware, so the first answer's messages can be replayed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        submission = getattr(request, "_form_once", None)
        if submission is not None:
            once.settle(request, submission, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not once.applies(request):
            return None
        outcome = once.claim(request)
        if not isinstance(outcome, once.FormSubmission):
            return outcome
        request._form_once = outcome
        return None
