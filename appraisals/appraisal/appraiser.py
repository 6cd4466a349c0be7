"""HR assigns an appraiser to an appraisal that has none (docs/adr/0027), or changes
the one HR assigned.

Opening a cycle makes each person's line manager their appraiser; a person with no
line manager in Trellis (the Chief Executive, appraised by the Chair) gets an
appraisal with none. HR for the person's units, or an administrator, names one here,
and may name another until the person submits. A line manager stays the appraiser
of their reports: changing it is changing the line manager (cycles/services.py).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from appraisals.access import can_assign_appraiser

from .services import Status, check_state, check_version, event, locked

ASSIGNED = "appraiser_assigned"
NO_APPRAISER = "No appraiser yet: HR will assign one"


def can_be_named(appraisal):
    """True while HR may name the appraiser of `appraisal`: before the person submits,
    and either there is none or the person has no line manager (so HR named it)."""
    return appraisal.status in (Status.NOT_STARTED, Status.PREPARING) and (
        appraisal.appraiser_id is None or appraisal.person.line_manager_id is None
    )


@transaction.atomic
def assign_appraiser(*, appraisal, by, email, version):
    """Make the active person with `email` the appraiser of `appraisal`, as `by` (HR
    for the person's units or an administrator, never its person): one that has none,
    or whose person has no line manager (HR named the appraiser: a change).

    Only before the person submits (not started or preparing): what they submit goes
    to the appraiser they know of. Refused (ValidationError, nothing changed): anyone
    else (code "actor"), an appraisal whose line manager appraises, or past preparing
    ("state"), an old `version` ("stale"), no email, nobody active with it, the
    appraiser already, or the person themself. A change removes the former
    appraiser's draft assessment, as a new line manager's does. Returns the
    appraisal; an event names who assigned whom."""
    a = locked(appraisal)
    if not can_assign_appraiser(by, a):
        raise ValidationError("Only HR for the person's units can assign an appraiser",
                              code="actor")  # fmt: skip
    if a.appraiser_id is not None and a.person.line_manager_id is not None:
        raise ValidationError(
            f"{a.appraiser.full_name} is already the appraiser, as "
            f"{a.person.full_name}'s line manager",
            code="state",
        )
    check_state(a, [Status.NOT_STARTED, Status.PREPARING],
                "An appraiser can be assigned only before the self-assessment is "
                "submitted")  # fmt: skip
    check_version(a, version)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": "Enter the email address of the appraiser"})
    appraiser = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if appraiser is None:
        raise ValidationError(
            {"email": "Enter the email address of someone who can sign in to Trellis"}
        )
    if appraiser.pk == a.person_id:
        raise ValidationError({"email": f"{a.person.full_name} cannot appraise themselves"})
    if appraiser.pk == a.appraiser_id:
        raise ValidationError({"email": f"{appraiser.full_name} is already the appraiser"})
    former = a.appraiser
    words = f"{by.full_name} assigned {appraiser.full_name} as appraiser."
    if former is not None:
        words = (f"{by.full_name} changed the appraiser from {former.full_name} to "
                 f"{appraiser.full_name}.")  # fmt: skip
        if a.manager_assessment:
            # The former appraiser's words are theirs: the new one writes their own.
            a.manager_assessment = ""
            words += f" {former.full_name}'s draft assessment was removed."
    a.appraiser = appraiser
    a.version += 1
    a.updated_at = timezone.now()
    a.save()
    event(a, by, ASSIGNED, a.status, words)
    return a
