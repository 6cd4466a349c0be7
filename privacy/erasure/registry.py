"""What erasure does with each model, where it cannot be worked out from the model.

Most of it is generic (privacy/erasure/services.py):

- every row whose foreign key to the person is `on_delete=CASCADE` exists because of
  them (a journal, a CPD entry, a reminder, a download): it is deleted, with everything
  that cascades from it, the files of every deleted row and their history copies;
- every text and JSON column of every table (history tables too) is searched for the
  person's name, email address and ESR numbers, which are replaced (scrub.py);
- the person's own row is anonymised and their history copies deleted.

A new model is covered by the first two without a line here. It needs a line only to
be deleted although its key to the person is not CASCADE (OWNED), to keep rows although
it is (KEPT), to be deleted because it contains the person's records (CONTAINING), or
to have text the person wrote in someone else's record removed (AUTHORED).
"""

# Removed first, in this order, before the CASCADE walk: (model, lookup to the person).
# A sealed booklet protects its appraisal, and an appraisal protects its person.
# A lookup may instead be a function of the person giving the queryset.


def _import_runs(person):
    """Every ESR import run not being applied: each stored plan names the people of its
    file (names, emails, units, managers), kept at most RETENTION_ESR_IMPORT_DAYS."""
    from django.apps import apps

    model = apps.get_model("people.EsrImportRun")
    return model._base_manager.exclude(status__in=["queued", "applying"])


def _copies_of_data(person):
    """Every copy of someone's data made so far: one may name the person (a read of
    their record, a copy they prepared, a conversation they held). Copies are kept
    YOUR_DATA_KEEP_DAYS days, and can be asked for again."""
    from django.apps import apps

    return apps.get_model("privacy.DataExport")._base_manager.all()


def _sessions(person):
    """The person's sessions, expired or not: signed in as them (after single sign-on
    it holds the ID token, which names them), or keeping what they typed after theirs
    ended (frontend/kept.py). A session is signed, compressed data, so each is read."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from frontend.kept import SESSION_KEY

    store, theirs = SessionStore(), []
    for key, data in Session.objects.values_list("session_key", "session_data").iterator():
        values = store.decode(data)
        kept = values.get(SESSION_KEY)
        if values.get("_auth_user_id") == str(person.pk) or (
            isinstance(kept, dict) and kept.get("owner") == person.pk
        ):
            theirs.append(key)
    return Session.objects.filter(session_key__in=theirs)


CONTAINING = [
    # HR's bulk export ZIPs that hold one of the person's booklets.
    ("appraisals.BookletExport", "items__appraisal__person"),
    ("people.EsrImportRun", _import_runs),
    ("privacy.DataExport", _copies_of_data),
    ("sessions.Session", _sessions),
]
# Of those, the files made from several people's records: removed because they may
# name the person, whoever asked for them (the erasure page says so apart).
MAY_NAME = {"appraisals.BookletExport", "people.EsrImportRun", "privacy.DataExport"}

OWNED = [
    ("appraisals.SealedBooklet", "appraisal__person"),
    ("appraisals.Appraisal", "person"),
]

# CASCADE keys to the person whose rows are kept: they record what the person did to
# others' records, not the person's own data.
KEPT = {
    ("admin.LogEntry", "user"),
}

# Text the person wrote in someone else's record: (model, key to the author, {column:
# what it becomes}). Applied to the model's history copies of those rows too.
REMOVED = "Removed: its author's records were erased."
AUTHORED = [
    ("careers.ConversationNote", "author", {"text": REMOVED}),
    ("careers.ProgressUpdate", "author", {"note": REMOVED}),
    ("careers.PlacementEvent", "actor", {"comment": ""}),
    ("careers.Conversation", "manager", {"preparation": ""}),
    ("careers.Conversation", "cancelled_by", {"cancel_reason": ""}),
    ("appraisals.AppraisalEvent", "actor", {"detail": ""}),
    ("appraisals.Signature", "signer", {"name": "Erased person", "job_title": ""}),
]
