"""One intended save makes one record (docs/adr/0011-forms-kept-and-once.md).

Every POST form renders a one-time token (``{% form_guard %}``). OnceFormMiddleware
claims the token, with a digest of what was posted, in a FormSubmission row whose key
is unique: the first POST goes on to its view; the same form posted again (a double
click, a resend) does not reach the view. It is answered as the first was (the same
redirect and messages) or, while the first is still being saved, waits for it.
A first POST that is not answered with a redirect (the form came back with its
errors) releases its claim, so correcting and sending again works as before.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from .kept import ONCE_FIELD
from .models import FormSubmission

# How long a second POST waits for the first to finish before saying it is still saving.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.2
KEEP_FOR = timedelta(days=1)
IGNORED = {"csrfmiddlewaretoken"}


def new_token():
    return secrets.token_urlsafe(16)


def applies(request):
    """A signed-in person's full-page POST that carries a one-time token.

    htmx requests (the journal's autosave) save again and again by design.
    """
    return (
        request.method == "POST"
        and request.user.is_authenticated
        and bool(request.POST.get(ONCE_FIELD))
        and not request.headers.get("HX-Request")
    )


def key_of(request):
    """The same person sending the same form, shown once, with the same fields and files."""
    digest = hashlib.sha256()
    for part in (str(request.user.pk), request.path):
        digest.update(part.encode() + b"\0")
    for name, values in sorted(request.POST.lists()):
        if name not in IGNORED:
            digest.update(repr((name, values)).encode())
    for name, uploads in sorted(request.FILES.lists()):
        digest.update(repr((name, [(f.name, f.size) for f in uploads])).encode())
    return digest.hexdigest()


def claim(request):
    """Claim this POST: a FormSubmission for the first, else the answer to give the second."""
    key = key_of(request)
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with transaction.atomic():
                return FormSubmission.objects.create(key=key, person=request.user)
        except IntegrityError:
            first = FormSubmission.objects.filter(key=key).first()
        if first is not None and first.done:
            return replay(request, first)
        if time.monotonic() >= deadline:
            return render(request, "frontend/still_saving.html", status=409)
        time.sleep(POLL_SECONDS)


def settle(request, submission, response):
    """Record a redirect as the answer to every resend; release the claim otherwise."""
    if response.status_code in (301, 302, 303, 307, 308):
        queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
        submission.done = True
        submission.status = response.status_code
        submission.location = response["Location"]
        submission.messages = [[m.level, str(m.message), m.extra_tags or ""] for m in queued]
        submission.save(update_fields=["done", "status", "location", "messages"])
    else:
        submission.delete()


def replay(request, first):
    """The first answer again; its messages once, if the browser has not shown them yet."""
    storage = getattr(request, "_messages", None)
    waiting = {(m.level, str(m.message)) for m in getattr(storage, "_loaded_messages", [])}
    for level, text, tags in first.messages:
        if (level, text) not in waiting:
            messages.add_message(request, level, text, extra_tags=tags)
    response = redirect(first.location)
    response.status_code = first.status
    return response
