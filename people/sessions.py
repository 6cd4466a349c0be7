"""Sessions in the database, as Django's own store keeps them, read by a statement
compiled once and prepared (docs/adr/0089).

Every signed-in request reads its session first. Django's store builds that query with
the ORM on every request and PostgreSQL parses and plans it each time; here it is
`people.sql.Compiled`, keyed by the session's key alone, and the session's expiry is
compared in Python rather than in SQL (a compiled query can take no time of day). What
is stored, and every write, stays Django's: the same table, the same encoding, the same
keys."""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from .sql import Compiled

_session = Compiled(lambda key: Session.objects.filter(session_key=key).order_by())
_KEY_CHARS = frozenset(VALID_KEY_CHARS)
_KEY_LENGTH = Session._meta.get_field("session_key").max_length


class SessionStore(db.SessionStore):
    """Django's database session store (SESSION_ENGINE "people.sessions"), reading a
    session through `_session`."""

    def _validate_session_key(self, key):
        """Django's rule (at least 8 characters), and only what Django makes keys of
        (lower-case letters and digits) up to the column's length: any other key names
        no session and is never sent to the database. A cookie can carry a NUL, which
        PostgreSQL refuses in text, and Django's own store answered it with a 500."""
        return bool(super()._validate_session_key(key)) and (
            len(key) <= _KEY_LENGTH and _KEY_CHARS.issuperset(key)
        )

    def _get_session_from_db(self):
        """The stored Session for this store's key that has not expired, or None (and
        the key forgotten, so a new session gets a new key), as Django's store
        answers."""
        try:
            key = self.session_key
            found = _session.first(key=key) if isinstance(key, str) else None
        except SuspiciousOperation as e:
            logging.getLogger(f"django.security.{e.__class__.__name__}").warning(str(e))
            found = None
        if found is not None and found.expire_date > timezone.now():
            return found
        self._session_key = None
        return None
