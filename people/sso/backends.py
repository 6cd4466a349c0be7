"""Authentication backends: passwords (with the break-glass switch) and single sign-on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from people.models import Person
from people.navigation import CompiledOnce
from people.sql import Compiled

from . import creating, matching, policy, provider


def _permissions_of(pk):
    """Django's permissions of the person `pk`: their own and their groups'."""
    return (
        Permission.objects.filter(Q(user=pk) | Q(group__user=pk))
        .values_list("content_type__app_label", "codename")
        .distinct()
        .order_by()
    )


_permissions = CompiledOnce(_permissions_of)

# The person a session names, read on every signed-in request (Django's get_user asks the
# session's backend): compiled once and prepared (people.sql.Compiled), where Django
# built the query and PostgreSQL parsed and planned it on each (docs/adr/0088).
_person = Compiled(lambda pk: Person.objects.filter(pk=pk).order_by())
_BIGINT = 2**63  # a primary key outside PostgreSQL's bigint names nobody


def _key(user_id):
    try:
        pk = Person._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    return pk if isinstance(pk, int) and -_BIGINT <= pk < _BIGINT else None


def read_person(user_id):
    """The Person whose primary key is `user_id` (an int, as Django's get_user passes
    the session's, or its digits), or None when there is none or `user_id` is no key. The read of
    ModelBackend.get_user, without its check that the person may sign in: each backend
    applies its own."""
    pk = _key(user_id)
    return None if pk is None else _person.first(pk=pk)


class LocalPasswordBackend(ModelBackend):
    """Django's password check, refusing everyone but break-glass accounts while
    LOCAL_PASSWORDS is off (`policy.password_allowed`). A session begun with a password
    ends at its next request once its person may no longer use one (Django asks
    `user_can_authenticate` again in `get_user`)."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and policy.password_allowed(user)

    def get_user(self, user_id):
        """ModelBackend's rule (the person, if they may sign in, or None), read through
        read_person."""
        user = read_person(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """Django's rule (ModelBackend): a set of "app_label.codename" for the person's
        own permissions and their groups'; all of them for a superuser; none for an
        inactive or anonymous user or for an object. Read in one query compiled once
        per process (people.navigation.CompiledOnce), where Django builds two a
        request: those cost 2 ms of the management-information dashboard's 8 at
        20,000 people (docs/adr/0047). Cached on the person for the request, as
        Django does."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            rows = _permissions.rows(user_obj.pk)
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        return user_obj._perm_cache


def _document(key):
    return provider.metadata().get(key)


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code exchange and ID-token checks, finding the person by
    `matching.match`, and making one (`creating.create`) only when no one matches and
    OIDC_CREATE_PEOPLE is on.

    Built for every request (Django's `get_user`), so it reads nothing from the
    provider until `authenticate` runs, and that only from the sign-on's return
    (`people.sso.views.callback`), which passes the nonce kept with the state. After a
    refusal, `match` holds the reason; after a sign-in, `id_token` holds the token for
    the provider's sign-out.
    """

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: _document("token_endpoint"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: _document("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: _document("jwks_uri"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.match = None
        self.id_token = ""
        self.info_asked = False

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        """None unless called by the sign-on's return with its nonce (a password
        sign-in passes through here too, and must never start a code exchange)."""
        if not nonce or not policy.sso_enabled():
            return None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def verify_token(self, token, **kwargs):
        """The library's signature and nonce checks, then the issuer and audience
        (OpenID Connect Core §3.1.3.7 items 2 and 3), which it leaves unchecked.
        Raises SuspiciousOperation."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def store_tokens(self, access_token, id_token):
        self.id_token = id_token or ""

    def get_or_create_user(self, access_token, id_token, payload):
        """The matched person, or the person made for an account no one matches when
        OIDC_CREATE_PEOPLE is on, or None (the reason in `self.match`). The ID token's
        claims are used; user info is asked for, once, only when they lack a claim
        needed (the matching claim; to make a person, the claims `creating` reads), and
        must be about the same subject (Core §5.3.2)."""
        tokens = (access_token, id_token, payload)
        claims = self.completed(dict(payload), [settings.OIDC_CLAIM_NAME], tokens)
        found = matching.match(claims)
        if found.refusal == "unknown" and policy.people_created():
            wanted = [name for name in creating.claim_names().values() if name]
            found = creating.create(self.completed(claims, wanted, tokens))
        self.match = found  # left None when user info fails: the return was not checked
        return found.person

    def completed(self, claims, wanted, tokens):
        """`claims` with user info's added (the ID token's win) when one of `wanted` is
        missing and user info was not asked for yet."""
        access_token, id_token, payload = tokens
        if all(name in claims for name in wanted) or self.info_asked:
            return claims
        if not self.OIDC_OP_USER_ENDPOINT:
            return claims
        self.info_asked = True
        info = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("user info about another subject")
        return {**info, **payload}

    def get_user(self, user_id):
        # mozilla-django-oidc's read of the person, through read_person.
        user = read_person(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
