"""Making a Trellis person at a first sign-in, when OIDC_CREATE_PEOPLE allows it
(docs/adr/0036-single-sign-on.md).

Only for an account the matching rule found no one for (`matching.match`'s "unknown"):
an inactive person is never made again, and an email address or ESR employee number
that already belongs to someone the rule did not pick (a leaver, or a person found by
the other identifier) is refused rather than copied. The new person is active, has no
unit, no line manager and no usable password, and their change history says they were
made by their own first sign-in.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q

from frontend.text import single_line
from people.identity import STORED_EMAIL_CHARACTERS, normalise_email
from people.models import Person

from . import matching
from .matching import DIGITS, Match

logger = logging.getLogger(__name__)

# The change reason of the new person's first history record.
REASON = "Created at first sign-in with single sign-on"
NAME_LENGTH = Person._meta.get_field("given_name").max_length
NUMBER_LENGTH = Person._meta.get_field("employee_number").max_length
EMAIL_LENGTH = Person._meta.get_field("email").max_length


def claim_names():
    """Which claim carries each value of a new person: a dict of "email", "given_name",
    "family_name" and "employee_number" (an empty name: none is read). The matching
    claim (OIDC_CLAIM_NAME) carries the identifier it matches by, so the next sign-in
    finds the person made now."""
    by_email = settings.OIDC_MATCH_CLAIM == "email"
    return {
        "email": settings.OIDC_CLAIM_NAME if by_email else settings.OIDC_EMAIL_CLAIM,
        "given_name": settings.OIDC_GIVEN_NAME_CLAIM,
        "family_name": settings.OIDC_FAMILY_NAME_CLAIM,
        "employee_number": (
            settings.OIDC_EMPLOYEE_NUMBER_CLAIM if by_email else settings.OIDC_CLAIM_NAME
        ),
    }


def allowed_domains():
    """OIDC_CREATE_DOMAINS normalised as addresses are ("@" before a domain allowed);
    an empty set allows every domain."""
    return {normalise_email(domain).lstrip("@") for domain in settings.OIDC_CREATE_DOMAINS} - {""}


def text_of(claims, name):
    """The claim `name` as stripped text, or "" when absent, empty or not text."""
    value = claims.get(name) if name else None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()


def usable_email(text):
    """The normalised address, or "" when it cannot be a person's (people/identity.py)."""
    address = normalise_email(text)
    if not address or len(address) > EMAIL_LENGTH:
        return ""
    if not set(address) <= STORED_EMAIL_CHARACTERS:
        return ""
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def create(claims):
    """A new person from the provider's claims, or the reason there is none.

    In: the claims (the ID token's, completed from user info) of an account that
    `matching.match` found no one for. Out: a Match; its refusal is one of "no-email"
    (no usable email address), "unverified" (the provider says it is not verified),
    "bad-number" (an employee number that is not ESR's digits), "domain" (the address's
    domain is not in OIDC_CREATE_DOMAINS) or "taken" (someone in Trellis has the address
    or the employee number). A race with the same account's other sign-in ends in the
    person that one made."""
    names = claim_names()
    given = text_of(claims, names["email"])
    email = usable_email(given)
    if not email:
        return Match(None, "no-email", given)
    if names["email"] == "email" and claims.get("email_verified") is False:
        return Match(None, "unverified", email)
    number = text_of(claims, names["employee_number"]) or None
    if number is not None and not (DIGITS.fullmatch(number) and len(number) <= NUMBER_LENGTH):
        return Match(None, "bad-number", number)
    domains = allowed_domains()
    if domains and email.rsplit("@", 1)[1] not in domains:
        return Match(None, "domain", email)
    identity = email if settings.OIDC_MATCH_CLAIM == "email" else number
    taken = Q(email=email) | (Q(employee_number=number) if number else Q())
    if Person.objects.filter(taken).exists():
        return Match(None, "taken", identity)
    person = Person(
        email=email,
        given_name=single_line(text_of(claims, names["given_name"]))[:NAME_LENGTH],
        family_name=single_line(text_of(claims, names["family_name"]))[:NAME_LENGTH],
        employee_number=number,
        is_active=True,
    )
    person.set_unusable_password()
    person._history_user = person  # who: the person, signing in; what: REASON
    person._change_reason = REASON
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        again = matching.match(claims)
        return again if again.person else Match(None, "taken", identity)
    finally:  # for this record only, not the sign-in's own save of last_login
        del person._history_user, person._change_reason
    logger.info("Single sign-on made person %s at their first sign-in", person.pk)
    return Match(person, "", identity)
