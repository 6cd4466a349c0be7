"""Erasing a person: afterwards nothing in any table of the database (history and audit
tables too) names them or holds what they wrote, and their files are gone from storage
(docs/adr/0038-erasure-and-retention.md)."""

import base64
import json
import re

import jwt
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from careers.journal import services
from careers.models import Conversation
from frontend import kept
from frontend.models import FormSubmission
from people.models import Person
from people.services import record_read
from privacy.models import Erasure
from tests.factories import EsrImportRunFactory, PersonFactory
from tests.factories_appraisals import (
    AppraisalFactory,
    SealedBookletFactory,
    SignatureFactory,
)
from tests.factories_careers import (
    AnswerFactory,
    ConversationFactory,
    ConversationNoteFactory,
    JournalFactory,
    ObjectiveFactory,
)
from tests.factories_learning import CPDEntryFactory, EvidenceFactory
from tests.factories_your_data import DataExportFactory

GIVEN, FAMILY = "Zephyrine", "Quillfeather"
EMAIL = "zephyrine.quillfeather@trellis.example"
EMPLOYEE_NUMBER, ASSIGNMENT_NUMBER = "90817263", "90817263-2"
PHRASES = {
    "journal": "marmalade lighthouse reflection",
    "earlier journal version": "periwinkle anchor first draft",
    "cpd": "cobalt hedgehog workshop",
    "conversation": "saffron trombone adjustment",
    "appraisal": "velvet glacier self assessment",
    "plan": "tangerine compass objective",
    "note elsewhere": "quartz pelican remark",
    "file removed": "lilac abacus certificate.pdf",
    "typed after signing out": "juniper kettle second thought",
}
NEEDLES = [GIVEN, FAMILY, EMAIL, EMPLOYEE_NUMBER, ASSIGNMENT_NUMBER, *PHRASES.values()]


# An ID token (a JWT): its claims are base64url-encoded JSON.
JWT = re.compile(r"eyJ[\w-]*\.(eyJ[\w-]*)\.[\w-]*")


def spelled_out(text):
    """`text` followed by the claims of every JWT in it, decoded."""
    claims = [
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        for payload in JWT.findall(text)
    ]
    return "\n".join([text, *claims])


def every_row_of_every_table():
    """Every value of every row of every table in the database, as one lower-case text,
    with what sessions hold (signed, compressed) and the ID tokens in them decoded."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    for data in Session.objects.values_list("session_data", flat=True):
        chunks.append(json.dumps(SessionStore().decode(data), ensure_ascii=False))
    return spelled_out("\n".join(chunks)).lower()


def session_of(values, *, expired=False):
    """A session in the database holding `values`."""
    session = SessionStore()
    session.update(values)
    session.create()
    if expired:
        Session.objects.filter(pk=session.session_key).update(expire_date="2020-01-01T00:00Z")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def erased_world(media):
    manager = PersonFactory(given_name="Morwenna", family_name="Ashdown")
    colleague = PersonFactory(line_manager=manager)
    person = PersonFactory(
        given_name=GIVEN, family_name=FAMILY, email=EMAIL, line_manager=manager,
        employee_number=EMPLOYEE_NUMBER, assignment_number=ASSIGNMENT_NUMBER,
    )  # fmt: skip
    person.job_title = "Ward sister"
    person.save()  # a second history copy of their staff record

    # An answer first written in one sitting, then rewritten in another: the first text
    # is kept as an earlier version (careers/journal/versions.py).
    answer = AnswerFactory(journal=JournalFactory(person=person),
                           text=PHRASES["earlier journal version"])  # fmt: skip
    services.save_answers(
        state=answer.journal.section_states.get(section=answer.question.section), by=person,
        inputs={answer.question_id: services.AnswerInput(text=PHRASES["journal"])},
        versions={answer.question_id: answer.version}, sitting="another sitting",
    )  # fmt: skip
    assert answer.earlier_versions.get().text == PHRASES["earlier journal version"]
    state = answer.journal.section_states.first()
    state.shared_at = state.journal.created_at
    state.save()  # a history copy of a journal section's state
    entry = CPDEntryFactory(person=person, learned=PHRASES["cpd"])
    evidence = EvidenceFactory(entry=entry)
    talk = ConversationFactory(person=person, manager=manager)
    talk.adjustments_notes = PHRASES["conversation"]
    talk.save()
    ConversationNoteFactory(conversation=talk, author=person, text=PHRASES["conversation"])
    ObjectiveFactory(plan__person=person, what=PHRASES["plan"])
    appraisal = AppraisalFactory(person=person, appraiser=manager,
                                 self_assessment=PHRASES["appraisal"])  # fmt: skip
    booklet = SealedBookletFactory(appraisal=appraisal)
    SignatureFactory(appraisal=appraisal, signer=person, name=f"{GIVEN} {FAMILY}")

    # In a colleague's record: a note by the person, and the manager naming them.
    theirs = ConversationFactory(person=colleague, manager=manager)
    ConversationNoteFactory(conversation=theirs, author=person, text=PHRASES["note elsewhere"])
    named = ConversationNoteFactory(
        conversation=theirs, author=manager, text=f"Cover agreed with {GIVEN} {FAMILY} today."
    )
    record_read(viewer=manager, subject=person, record=person)
    LogEntry.objects.create(
        user=manager, content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk), object_repr=str(person), action_flag=CHANGE,
        change_message=f"Changed the email of {EMAIL}",
    )  # fmt: skip
    # An ESR import's stored plan naming them, field by field; a colleague's copy of
    # their own data, whose reads list names them.
    EsrImportRunFactory(status="applied", plan={
        "new_people": [{"given_name": GIVEN, "family_name": FAMILY, "email": EMAIL}],
        "changed": [], "leavers": [], "returners": [], "new_units": [], "moved_units": [],
        "unchanged": 0, "problems": [], "scope": None,
    })  # fmt: skip
    # What Trellis keeps of their sign-ins and forms: the answer to a form they sent (its
    # message names the file they removed), their session signed in with single sign-on
    # (the ID token names them), an expired one, and a session that kept what they typed
    # after theirs had ended (frontend/kept.py).
    FormSubmission.objects.create(
        key="f" * 64, person=person, done=True, status=302, location="/learning/cpd/",
        messages=[[25, f"Removed \u2018{PHRASES['file removed']}\u2019.", ""]],
    )  # fmt: skip
    token = jwt.encode({"email": EMAIL, "name": f"{GIVEN} {FAMILY}"}, "k" * 32)
    session_of({"_auth_user_id": str(person.pk), "oidc_id_token": token})
    session_of({"_auth_user_id": str(person.pk), "oidc_id_token": token}, expired=True)
    typed = {"text": [PHRASES["typed after signing out"]]}
    session_of({kept.SESSION_KEY: {"owner": person.pk, "page": "/journal/", "token": "t",
                                   "action": "/journal/", "files": False,
                                   "fields": typed}})  # fmt: skip
    copy = DataExportFactory(person=colleague, requested_by=colleague, status="ready")
    copy.file.save("copy.zip", ContentFile(f"reads.csv: {GIVEN} {FAMILY}".encode()))
    files = [evidence.file.name, booklet.file.name, copy.file.name]
    assert all(default_storage.exists(name) for name in files)
    return {"person": person, "colleague_talk": theirs, "named": named, "files": files,
            "manager": manager}  # fmt: skip


@pytest.mark.django_db
def test_after_erasure_no_table_names_them_or_holds_what_they_wrote(client, erased_world):
    dump = every_row_of_every_table()
    assert all(needle.lower() in dump for needle in NEEDLES)  # the search can find them
    administrator = PersonFactory(administrator=True)
    client.force_login(administrator)
    person = erased_world["person"]
    url = reverse("privacy:erase-person", args=[person.pk])

    response = client.post(url, {"reason": "Erasure request ER-2026-17", "confirm": "on"})

    assert response.status_code == 302
    dump = every_row_of_every_table()
    found = [needle for needle in NEEDLES if needle.lower() in dump]
    assert found == []
    assert not any(default_storage.exists(name) for name in erased_world["files"])


@pytest.mark.django_db
def test_the_erasure_is_recorded_and_others_records_stay(client, erased_world):
    administrator = PersonFactory(administrator=True)
    client.force_login(administrator)
    person = erased_world["person"]

    client.post(reverse("privacy:erase-person", args=[person.pk]),
                {"reason": "Erasure request ER-2026-17", "confirm": "on"})  # fmt: skip

    erasure = Erasure.objects.get(person=person)
    assert (erasure.erased_by, erasure.reason) == (administrator, "Erasure request ER-2026-17")
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert person.full_name == f"Erased person {person.pk}"
    # The colleague's conversation is theirs: it stays, without the person's name or words.
    talk = Conversation.objects.get(pk=erased_world["colleague_talk"].pk)
    texts = sorted(note.text for note in talk.notes.all())
    assert texts == ["Cover agreed with [name removed] today.",
                     "Removed: its author's records were erased."]  # fmt: skip
    assert not Conversation.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_the_confirmation_needs_a_reason_and_the_tick(client, erased_world):
    client.force_login(PersonFactory(administrator=True))
    person = erased_world["person"]
    url = reverse("privacy:erase-person", args=[person.pk])

    page = client.get(url)
    response = client.post(url, {"reason": "  "})

    assert f"Erase {GIVEN} {FAMILY}" in page.text and "journals: 1" in page.text
    assert "Enter why you are erasing this person" in response.text
    assert "Confirm that you understand this cannot be undone" in response.text
    assert Person.objects.get(pk=person.pk).is_active
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_an_erasure_renews_the_figures_that_counted_the_person():
    """Erasure takes the person out of their unit by a bulk update (no post_save), so it
    says so (people_changed_in_bulk): HR's appraisal figures and LED's uptake figures
    cached under their stamps are counted afresh."""
    from appraisals.reports import stamp
    from learning import uptake_stamp
    from privacy.erasure.services import erase
    from tests.factories import OrganisationUnitFactory
    from tests.factories_appraisals import AppraisalCycleFactory

    cycle = AppraisalCycleFactory()
    person = PersonFactory(unit=OrganisationUnitFactory())
    administrator = PersonFactory(is_staff=True)
    figures, uptake = stamp.token(cycle), uptake_stamp.tokens()
    erase(person, by=administrator, reason="Asked to be forgotten")
    assert stamp.token(cycle) != figures
    assert uptake_stamp.tokens() != uptake
