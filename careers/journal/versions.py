"""Earlier versions of a journal answer: one kept a sitting, not one a save
(docs/adr/0053-journal-answer-versions.md).

The journal autosaves every few seconds as the person types, so keeping every save
would keep hundreds of near-identical texts an answer. Instead an answer remembers the
sitting that wrote it (a keyed digest of the browser session, and when that sitting
first changed it). A save that changes the answer in a new sitting first keeps the text
the last sitting left as an AnswerVersion. A new sitting is another session (another
device or browser, or signing in again), or the same one once
JOURNAL_ANSWER_SITTING_MINUTES have passed since it first changed the answer, so even a
long session keeps a version that often."""

from datetime import timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac

from ..models import AnswerVersion


def sitting_of(session_key):
    """What an answer keeps of the session saving it: a keyed digest (the session key
    itself would let anyone reading the table sign in as the person), "" without one."""
    if not session_key:
        return ""
    return salted_hmac("careers.journal.sitting", session_key, algorithm="sha256").hexdigest()[:16]


def starts_new_sitting(answer, sitting, now):
    """True if saving `answer` now from `sitting` begins a new sitting, so the text it
    holds is kept first: another session, a sitting longer than the setting, or an
    answer saved before versions were kept."""
    if answer.sitting_started_at is None or answer.sitting != sitting:
        return True
    return now - answer.sitting_started_at >= timedelta(
        minutes=settings.JOURNAL_ANSWER_SITTING_MINUTES
    )


def kept_from(answer):
    """The AnswerVersion keeping what `answer` holds now (before it is overwritten)."""
    return AnswerVersion(
        answer_id=answer.pk,
        version=answer.version,
        text=answer.text,
        scale_value=answer.scale_value,
        choice=answer.choice,
        follow_ups=list(answer.follow_ups),
        started_at=answer.sitting_started_at,
        saved_at=answer.updated_at,
    )
