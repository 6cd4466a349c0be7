"""HR assigns an appraiser to an appraisal that has none (docs/adr/0027).

Opening a cycle makes each person's line manager their appraiser; a person with no
line manager in Trellis (the Chief Executive, appraised by the Chair) gets an
appraisal with none. HR for the person's units, or an administrator, names one here.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from appraisals.access import can_assign_appraiser

from .services import Status, check_state, check_version, event, locked

ASSIGNED = "appraiser_assigned"
NO_APPRAISER = "No appraiser yet: HR will assign one"


@transaction.atomic
def assign_appraiser(*, appraisal, by, email, version):
    """Make the active person with `email` the appraiser of `appraisal`, which has none,
    as `by` (HR for the person's units or an administrator, never its person).

    Only before the person submits (not started or preparing): what they submit goes
    to the appraiser they know of. Refused (ValidationError, nothing changed): anyone
    else (code "actor"), an appraisal with an appraiser or past preparing ("state"),
    an old `version` ("stale"), no email, nobody active with it, or the person
    themself. Returns the appraisal; an event names who assigned whom."""
    a = locked(appraisal)
    if not can_assign_appraiser(by, a):
        raise ValidationError("Only HR for the person's units can assign an appraiser",
                              code="actor")  # fmt: skip
    if a.appraiser_id is not None:
        raise ValidationError(f"{a.appraiser.full_name} is already the appraiser", code="state")
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
    a.appraiser = appraiser
    a.version += 1
    a.updated_at = timezone.now()
    a.save()
    event(a, by, ASSIGNED, a.status,
          f"{by.full_name} assigned {appraiser.full_name} as appraiser.")  # fmt: skip
    return a
