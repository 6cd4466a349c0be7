"""`/.well-known/security.txt` (RFC 9116): where to report a vulnerability in this
deployment of Trellis, served only when the deployer names a contact."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def security_txt(request):
    """Answer the RFC 9116 fields, or 404 while `SECURITY_CONTACT` is unset.

    `Expires` is always within a year, as the RFC asks: the file stays true for as
    long as the setting names the contact, and is recomputed on each request.
    """
    contacts = settings.SECURITY_CONTACT
    if not contacts:
        raise Http404("No security contact is configured.")
    expires = (timezone.now() + timedelta(days=364)).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
