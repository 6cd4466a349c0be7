from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.http import HttpResponse
from django.template.loader import get_template
from django.urls import include, path
from django.utils.crypto import constant_time_compare

from people.models import OrganisationUnit, Person


def _django_user(request):
    """The signed-in person as Django itself reads them: the session from Django's own
    database store, its ModelBackend's query (`Person.objects.get`) and its check of
    the session's hash, whichever backend signed them in. Trellis reads its sessions
    and people another way (people.sessions, people.sso.backends.read_person, docs/adr/
    0088, 0089); that is Trellis's cost, timed in its pages, and the floor stays
    Django's."""
    request.session = DjangoSessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    try:
        user_id = Person._meta.pk.to_python(request.session[SESSION_KEY])
    except KeyError:
        return AnonymousUser()
    user = ModelBackend().get_user(user_id)
    kept = request.session.get(HASH_SESSION_KEY)
    if user is None or not kept or not constant_time_compare(kept, user.get_session_auth_hash()):
        return AnonymousUser()
    return user


@login_not_required
def floor(request):
    """The floor: one query and a minimal template, through the same middleware,
    without Trellis's context processors (its menu) so nothing of Trellis's own is
    timed. For a signed-in client Django still reads the session and the person, as it
    must for any page that needs sign-in: the floor reads them as Django does
    (`_django_user`), and gives the session and the person to the middleware after
    it, which would otherwise read them again (anonymously, only the session is read:
    it names nobody)."""
    request.user = _django_user(request)
    signed_in = request.user.is_authenticated
    unit = OrganisationUnit.objects.order_by("pk").first()
    return HttpResponse(
        get_template("bench/floor.html").render({"unit": unit, "signed_in": signed_in})
    )


urlpatterns = [path("bench/floor/", floor), path("", include("config.urls"))]
