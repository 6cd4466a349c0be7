"""One way a typed email address becomes an identity.

Every place that compares or stores a person's email address goes through
`normalise_email`: the sign-in lookup (`PersonManager.get_by_natural_key`), the
lockout key (`people.auth.lockout_username`), password reset, the admin's forms,
`create_user` and `Person.save`. Because the stored value is already normalised,
lookups are exact (`email=normalise_email(typed)`), never `iexact`: a database's
own case rules differ (SQLite folds ASCII only; PostgreSQL's UPPER() maps the
dotless "ı" to "I"), and a lookup that folds differently from the lockout key lets
a look-alike spelling sign in as someone while counting its failures elsewhere.

Sources:
- Unicode Standard §3.13 (D145, compatibility caseless matching) and Unicode
  TR #36 §2.10 / UTS #39: compare identifiers after compatibility normalisation
  (NFKC) and full case folding, so that full-width "ｉｓｌａ", "ISLA", "ſ" and
  the Kelvin sign "K" are the same letters as their plain forms.
- RFC 5321 §2.4: the local part (before "@") is case-sensitive in principle.
  An organisation's own directory never issues two addresses that differ only
  by case, and mail systems in use (NHSmail, Exchange) ignore case, so folding
  is safe here, and it is what people expect when they type.

What folding does not merge stays distinct on purpose: the dotless "ı" folds to
itself (only Turkish rules fold "I" to it), so "ısla@…" is not "isla@…". Such a
spelling can never match an account, because stored addresses are plain ASCII
(`validate_directory_email`, and a database constraint on Person), and at sign-in
it fails and is locked out under its own key, like any unknown address.
"""

import unicodedata

from django.core.exceptions import ValidationError

# What a normalised, stored address may contain: RFC 5322 "atext", dots and "@",
# with letters in lower case only. The Person table's check constraint says the same.
STORED_EMAIL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-@")
STORED_EMAIL_PATTERN = r"^[-a-z0-9!#$%&'*+/=?^_`{|}~.@]+$"


def normalise_email(text):
    """The identity an email address typed or imported stands for.

    In: any text (None is taken as ""). Out: the text stripped of surrounding
    white space, NFKC-normalised, case-folded and normalised again (which makes
    the result stable: normalising it again changes nothing). "ß" becomes "ss".
    """
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    return unicodedata.normalize("NFKC", text.casefold()).strip()


def validate_directory_email(value):
    """Refuse an address that cannot be stored for a person.

    In: an address as typed. Raises ValidationError unless its normalised form is
    plain ASCII letters, digits and the symbols an address may use, so that two
    accounts can never differ only by look-alike letters.
    """
    if not set(normalise_email(value)) <= STORED_EMAIL_CHARACTERS:
        raise ValidationError(
            "Enter an email address using only the letters a to z, numbers and "
            "symbols such as . - _ and @",
            code="not_plain",
        )
