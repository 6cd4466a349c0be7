"""The read audit's one hook: every view that shows a person's record to someone else
calls `shown`; `ReadAuditMiddleware` writes the read once the answer is sent.

Deferring the write to the answer means a read is recorded only when the record was
actually sent (a 2xx page, PDF, export or file), never for a refusal, an error or the
redirect after a saved form; and a page that looks up several records of one person
(a plan, then one of its objectives) writes one row, naming the last and most specific.
A PDF of a person's record is recorded the same way when it is sent, whether built on
the request or fetched once built in the background (frontend/views.py).
See docs/adr/0020-reads-recorded-no-store.md.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve

from .models import RecordView

_NOTED = "_trellis_records_shown"


def shown(request, record, owner):
    """Note that the answer to `request` shows `record`, which belongs to `owner`.

    Returns `record`, so a lookup can be wrapped: `entry = shown(request, get(...), person)`.
    Nothing is noted when the signed-in person is the owner. Writes nothing itself.
    """
    shown_keys(request, type(record), [(record.pk, owner.pk)])
    return record


def shown_keys(request, model, keys):
    """As `shown`, for many records of `model` at once, given as (record's key, owner's
    key) pairs: a file of a whole cycle names 20,000 people, and building a record and
    a person for each cost seconds where their keys are all a read needs."""
    if not request.user.is_authenticated:
        return
    noted = request.__dict__.setdefault(_NOTED, {})
    reader = request.user.pk
    for record, owner in keys:
        if owner != reader:
            noted.pop(owner, None)  # the last record noted for a person is the one written
            noted[owner] = (model, record)


def shows_others(request):
    """Whether the answer to `request` shows a record of someone other than the signed-in
    person (one noted by `shown` or `shown_keys` so far)."""
    return bool(request.__dict__.get(_NOTED))


def write_reads(request, response):
    """Write one RecordView per person whose record the answer showed (one INSERT)."""
    noted = request.__dict__.get(_NOTED)
    if not noted or not 200 <= response.status_code < 300:
        return
    kinds = {}
    path, reader = request.path[:500], request.user.pk
    RecordView.objects.bulk_create(
        RecordView(
            viewer_id=reader,
            subject_id=owner,
            content_type_id=kinds.get(model) or kinds.setdefault(model, _kind(model)),
            object_id=str(record),
            path=path,
        )
        for owner, (model, record) in noted.items()
    )


def _kind(model):
    return ContentType.objects.get_for_model(model).pk


class ReadAuditMiddleware:
    """Writes the reads `shown` noted, once the view has answered (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        write_reads(request, response)
        return response


# What the owner is told was read, by the page that showed it: its URL's full name,
# with its namespace ("appraisals:objective-edit" is not careers' "objective-edit").
# tests/test_reads_described.py visits every page that records a read and checks its
# name is here.
WHAT = {
    "person-detail": "Your staff record",
    "admin:people_person_change": "Your staff record (in the administration pages)",
    "admin:people_equalityinformation_change": (
        "Your equality monitoring answers (in the administration pages)"
    ),
    "admin:people_person_history": "The change history of your staff record",
    "admin:people_person_simple_history": "An earlier version of your staff record",
    "admin:people_person_delete": (
        "Your staff record (its delete page, in the administration pages)"
    ),
    "admin:auth_user_password_change": (
        "Your staff record (its password page, in the administration pages)"
    ),
    # careers (no namespace)
    "career-record": "Your career record",
    "conversation": "A career conversation",
    "conversation-note": "A career conversation",
    "conversation-cancel": "A career conversation",
    "conversation-preparation": "A career conversation (your manager's preparation)",
    "placement-propose": "Your Scope for Growth placement",
    "placement-respond": "Your Scope for Growth placement",
    "conversation-start": "Your career record",
    "plan": "Your development plan",
    "objective-add": "Your development plan",
    "objective-edit": "An objective in your development plan",
    "action-add": "Your development plan",
    "action-edit": "An action in your development plan",
    "progress-add": "An objective in your development plan",
    "suggestion-add": "Your development plan",
    "plan-agree": "Your development plan",
    "shared-journal": "The list of journal sections you shared",
    "shared-section": "A journal section you shared",
    # Their addresses before they moved under My team: reads recorded then keep their words.
    "shared-journal-moved": "The list of journal sections you shared",
    "shared-section-moved": "A journal section you shared",
    # learning
    "learning:cpd-team": "The list of CPD entries you shared",
    "learning:cpd-detail": "A CPD entry you shared",
    "learning:cpd-evidence": "An evidence file on a CPD entry you shared",
    # appraisals: the appraisal
    "appraisals:appraisal": "Your appraisal",
    "appraisals:start": "Your appraisal (the page that starts it)",
    "appraisals:self-assessment": "Your self-assessment in your appraisal",
    "appraisals:self-assessment-autosave": "Your self-assessment in your appraisal",
    "appraisals:manager-assessment": "Your appraiser's assessment in your appraisal",
    "appraisals:manager-assessment-autosave": "Your appraiser's assessment in your appraisal",
    "appraisals:value": "A value discussed in your appraisal",
    "appraisals:review": "A review of last year's objective in your appraisal",
    "appraisals:objective-add": "The objectives in your appraisal",
    "appraisals:objective-edit": "An objective in your appraisal",
    "appraisals:objective-remove": "An objective in your appraisal",
    "appraisals:wellbeing": "The health and well-being part of your appraisal",
    "appraisals:pay-progression": "The pay progression part of your appraisal",
    "appraisals:dates": "The dates of your appraisal",
    "appraisals:check": "Your appraisal (its check page before signing)",
    "appraisals:sign": "Your appraisal (its signing page)",
    "appraisals:reopen": "Your appraisal (its reopening page)",
    "appraisals:assign-appraiser": "Your appraisal (the page where HR names your appraiser)",
    # appraisals: the booklet
    "appraisals:appraisal-booklet": "Your appraisal booklet (on screen)",
    "appraisals:appraisal-booklet-pdf": "Your appraisal booklet (downloaded as a PDF)",
    "appraisals:appraisal-booklet-sealed": "Your sealed appraisal booklet (downloaded as a PDF)",
    "appraisals:booklet-check": "Your sealed appraisal booklet (checked by HR)",
    "appraisals:booklet-export-download": (
        "Your appraisal booklet (downloaded by HR with its unit's booklets)"
    ),
    "appraisals:cycle-esr-download": "Your appraisal's dates and outcome (exported by HR for ESR)",
    # privacy: a person's data out
    "privacy:your-data-download": (
        "Everything Trellis holds about you (downloaded by HR for a subject access request)"
    ),
    # privacy
    "privacy:erase-person": "Your staff record (its erasure page, opened by an administrator)",
}

# A PDF built in the background is fetched from one URL whatever it holds: what it
# held is told by the record it was a PDF of (frontend/views.py records it).
BACKGROUND_PDF = "download-file"
WHAT_IN_BACKGROUND_PDF = {
    "appraisal": "Your appraisal booklet (downloaded as a PDF)",
}


def what_was_read(read):
    """Plain words for what `read` (a RecordView) showed, from the page that showed it
    (its URL's namespaced name); a page not named in WHAT says the kind of record."""
    try:
        name = resolve(read.path).view_name
    except Resolver404:
        name = None
    model = read.content_type.model
    if name == BACKGROUND_PDF:
        return WHAT_IN_BACKGROUND_PDF.get(model, f"A PDF of your {read.content_type.name}")
    if name in WHAT:
        return WHAT[name]
    return f"Your {read.content_type.name}"
