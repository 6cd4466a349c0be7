"""What a person typed survives an expired session (docs/adr/0011-forms-kept-and-once.md).

Every POST form renders a signed owner token (``{% form_guard %}``) naming the
person and the page the form is on. When the form is posted after the session
has expired, KeptFormMiddleware keeps the posted fields in the new anonymous
session and sends the person to sign in, then back to that page. The view of
the page binds its form with ``kept.data(request)``: the fields come back, with
a message saying so, only to the person the token names.
"""

import hashlib
import secrets

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.http import QueryDict

from .models import FormSubmission

OWNER_FIELD = "form_owner"
ONCE_FIELD = "form_once"  # frontend.once reads it; named here so neither is kept
SALT = "frontend.kept-owner"
SESSION_KEY = "frontend.kept"
# An anonymous session holds at most this many bytes of posted text as UTF-8, field
# names included (a long journal section fits, in any script: its ten 4,000-character
# answers are 120 KB even at three bytes a letter), in at most this many fields (a
# journal section has ~40). Bytes, not characters: the session stores bytes.
MAX_BYTES = 200_000
MAX_FIELDS = 200
# A page's token outlives the session it was shown in (that is its purpose), but not
# a day: a form left open overnight is sent after signing in again, not kept.
OWNER_MAX_AGE = 24 * 60 * 60
NOT_KEPT = {"csrfmiddlewaretoken", OWNER_FIELD, ONCE_FIELD}

RESTORED = "You were signed out before this was saved. What you typed is below: check it and save."
CHOOSE_FILE_AGAIN = " Choose any file again: files are not kept."


def owner_token(request):
    """The signed token for the forms on this page: who may have their text back, and where.

    A form shown again after a POST (with its errors) keeps the page it was first shown on.
    """
    claim = {"u": request.user.pk, "p": page_of(request), "n": secrets.token_urlsafe(12)}
    return signing.dumps(claim, salt=SALT)


def page_of(request):
    if request.method == "POST":
        claim = read_owner(request.POST.get(OWNER_FIELD))
        if claim is not None:
            return claim["p"]
    return request.get_full_path()


def read_owner(token):
    """The {"u": person pk, "p": page} a token names, or None for a missing or forged one."""
    try:
        claim = signing.loads(token or "", salt=SALT, max_age=OWNER_MAX_AGE)
    except signing.BadSignature:
        return None
    return claim if isinstance(claim, dict) and {"u", "p", "n"} <= claim.keys() else None


def _first_use(claim):
    """True the first time a token keeps text, False after: each page shown keeps once.

    Without this one signed-in page view would let anonymous requests, sent again and
    again with its token, make a new session holding MAX_BYTES each time. The claim is
    a FormSubmission row (unique key; frontend.once removes them after a day, when
    the token has expired anyway).
    """
    key = hashlib.sha256(f"kept\0{claim['n']}".encode()).hexdigest()
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key, person_id=claim["u"], done=True)
    except IntegrityError:
        return False
    return True


def keep(request):
    """Keep a signed-out POST's fields in the session; answer the token's claim or None.

    Passwords are never kept; nor is anything when only the guard fields were posted,
    when the text is over the size caps, or when the token has already kept text.
    """
    claim = read_owner(request.POST.get(OWNER_FIELD))
    if claim is None:
        return None
    fields = {
        name: values
        for name, values in request.POST.lists()
        if name not in NOT_KEPT and "password" not in name
    }
    size = sum(
        _bytes(name) + sum(_bytes(value) for value in values) for name, values in fields.items()
    )
    small = size <= MAX_BYTES and len(fields) <= MAX_FIELDS
    typed = any(value.strip() for values in fields.values() for value in values)
    # The same page sending again into the session its text was kept in replaces it.
    again = request.session.get(SESSION_KEY, {}).get("token") == claim["n"]
    if small and typed and (again or _first_use(claim)):
        request.session[SESSION_KEY] = {
            "token": claim["n"],
            "owner": claim["u"],
            "page": claim["p"],
            "action": request.path,
            "fields": fields,
            "files": bool(request.FILES),
        }
    return claim


def data(request, *actions):
    """The data to bind the form that posts to one of `actions` (default: this page's path).

    On a POST to one of them: the posted data. On the page after signing in again: the
    fields kept for this person (once, with a message). Otherwise None, for an unbound form.
    """
    actions = actions or (request.path,)
    if request.method == "POST":
        return request.POST if request.path in actions else None
    kept = request.session.get(SESSION_KEY)
    if not kept or kept["page"] != request.get_full_path() or kept["action"] not in actions:
        return None
    del request.session[SESSION_KEY]
    if kept["owner"] != request.user.pk:
        return None
    messages.info(request, RESTORED + (CHOOSE_FILE_AGAIN if kept["files"] else ""))
    restored = QueryDict(mutable=True)
    for name, values in kept["fields"].items():
        restored.setlist(name, values)
    return restored


@receiver(user_logged_in)
def forget_someone_elses(sender, request, user, **kwargs):
    """Text kept for one person is dropped when someone else signs in on the same browser."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_KEY, {}).get("owner", user.pk) != user.pk:
        del session[SESSION_KEY]


def _bytes(text):
    return len(text.encode("utf-8", "surrogatepass"))
