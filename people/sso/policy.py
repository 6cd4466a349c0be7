"""Who may use which way in: read from settings on every call, so a test can change them."""

from django.conf import settings

from people.identity import normalise_email


def sso_enabled():
    """True when an OpenID Connect provider is configured (OIDC_ISSUER)."""
    return bool(settings.OIDC_ISSUER)


def people_created():
    """True when an account no Trellis person matches makes a new person
    (OIDC_CREATE_PEOPLE, off by default; people/sso/creating.py)."""
    return sso_enabled() and settings.OIDC_CREATE_PEOPLE


def passwords_for_everyone():
    """True unless LOCAL_PASSWORDS is off (then only break-glass accounts use one)."""
    return settings.LOCAL_PASSWORDS


def is_break_glass(person):
    """True when `person`'s address is one of BREAK_GLASS_ACCOUNTS (compared normalised)."""
    listed = {normalise_email(address) for address in settings.BREAK_GLASS_ACCOUNTS}
    return normalise_email(person.email) in listed


def password_allowed(person):
    """May `person` sign in, or ask for a reset link, with a password?

    In: a Person. Out: True while LOCAL_PASSWORDS is on, else only for a break-glass
    account, so that a leaver's access goes with their organisation account
    (docs/adr/0036-single-sign-on.md)."""
    return passwords_for_everyone() or is_break_glass(person)
