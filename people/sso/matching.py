"""Which Trellis person an organisation account is: one rule, by one configured claim."""

import re
from dataclasses import dataclass

from django.conf import settings

from people.identity import normalise_email
from people.models import Person

DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Match:
    """The outcome: `person` when signed in; otherwise `refusal` says why, one of
    "no-claim" (the provider sent no value), "unverified" (the provider says the email is
    not verified), "unknown" (no Trellis person has it) or "inactive" (the person is not
    active); when a person would be made (OIDC_CREATE_PEOPLE), one of
    `creating.create`'s. `identity` is the value looked for, to show the person on a
    refusal."""

    person: Person | None
    refusal: str
    identity: str


def match(claims, by=None, claim=None):
    """The person the claims stand for, never a new one.

    In: the provider's claims (the ID token's, completed from user info); `by` is
    OIDC_MATCH_CLAIM ("email" or "employee_number") and `claim` OIDC_CLAIM_NAME unless
    given. Out: a Match. An email is normalised as every typed address is
    (people/identity.py, docs/adr/0018) and matched exactly; an employee number is
    matched exactly as text (ESR's, leading zeros kept) and only when it is digits.
    """
    by = by or settings.OIDC_MATCH_CLAIM
    claim = claim or settings.OIDC_CLAIM_NAME
    value = claims.get(claim)
    if isinstance(value, bool) or not isinstance(value, str | int):
        return Match(None, "no-claim", "")
    text = str(value).strip()
    if not text:
        return Match(None, "no-claim", "")
    if by == "email":
        if claim == "email" and claims.get("email_verified") is False:
            return Match(None, "unverified", text)
        identity = normalise_email(text)
        person = Person.objects.filter(email=identity).first()
    else:
        identity = text
        found = DIGITS.fullmatch(text)
        person = Person.objects.filter(employee_number=text).first() if found else None
    if person is None:
        return Match(None, "unknown", identity)
    if not person.is_active:
        return Match(None, "inactive", identity)
    return Match(person, "", identity)
