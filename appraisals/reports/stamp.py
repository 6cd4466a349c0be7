"""A cycle's figures stamp: a token that changes whenever anything the cycle's
management information counts changes, so figures cached under it are never stale.

What renews it (signals connected by `connect()`, from appraisals/apps.py):
- an appraisal saved or deleted (unless the save names only fields the figures do not
  read): its cycle and every later one, whose "earlier cycles" table counts it;
- a person's equality answers saved or deleted: the cycles they have an appraisal in
  (the equality view counts by them);
- a Scope for Growth placement, a development plan, an objective or a plan action saved
  or deleted: the cycles of its appraisal year;
- a cycle saved or its units changed, a person's unit or active flag changed, a unit
  saved or deleted, a 70/20/10 category, impact level or growth direction saved or
  deleted: every cycle (names and the tree are shown; these changes are rare).
Bulk writes send no signals: appraisals/cycles/services.py calls `cycle_changed` after
creating a cycle's appraisals and after closing leavers', and the ESR import sends
people.signals.people_changed_in_bulk after its apply. The reader's date and scope
are part of the cache key (services.cached_figures), not of the stamp.
Source: the catalogue's stamp (learning/browse.py, docs/adr/0008); docs/adr/0034."""

import uuid

from django.db.models import OuterRef, Subquery

from .models import FiguresStamp

# Appraisal fields the figures read; a save naming none of them leaves the stamp.
COUNTED_FIELDS = {"status", "pay_progression", "manager_submitted_at", "cycle", "person"}
PERSON_FIELDS = {"unit", "is_active"}


def _new():
    return uuid.uuid4().hex


# The attribute `with_token` reads each cycle's token into.
READ_TOKEN = "figures_token"


def with_token(cycles):
    """`cycles` (a queryset of cycles) reading each one's token in the same query, so
    that `token()` then needs none: the dashboard's cycle and its key in one round trip."""
    tokens = FiguresStamp.objects.filter(pk=OuterRef("pk")).values("token")
    return cycles.annotate(**{READ_TOKEN: Subquery(tokens)})


def token(cycle):
    """`cycle`'s current token: read with the cycle (`with_token`), else one primary-key
    lookup (a row is made if missing)."""
    read = getattr(cycle, READ_TOKEN, None)
    if read is not None:
        return read
    for value in FiguresStamp.objects.filter(pk=cycle.pk).values_list("token", flat=True):
        return value
    return FiguresStamp.objects.get_or_create(cycle_id=cycle.pk, defaults={"token": _new()})[
        0
    ].token


def _renew(cycles=None):
    """A new token for each cycle in `cycles` (a queryset of cycles), or for all."""
    stamps = FiguresStamp.objects.all()
    if cycles is not None:
        stamps = stamps.filter(cycle__in=cycles)
    stamps.update(token=_new())


def cycle_changed(cycle):
    """`cycle`'s appraisals changed in bulk (no signals): renew it and later cycles."""
    from ..models import AppraisalCycle

    _renew(AppraisalCycle.objects.filter(year__gte=cycle.year))


def _cycles_of_year(year):
    from ..models import AppraisalCycle

    return AppraisalCycle.objects.filter(year__in=year if hasattr(year, "query") else [year])


def appraisal_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not COUNTED_FIELDS & set(update_fields):
        return
    from ..models import AppraisalCycle

    year = AppraisalCycle.objects.filter(pk=instance.cycle_id).values("year")
    _renew(AppraisalCycle.objects.filter(year__gte=Subquery(year)))


def cycle_saved(sender, instance, created=False, **kwargs):
    if created:
        FiguresStamp.objects.get_or_create(cycle_id=instance.pk, defaults={"token": _new()})
    _renew()


def everything_changed(sender=None, **kwargs):
    _renew()


def person_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not PERSON_FIELDS & set(update_fields):
        return
    _renew()


def equality_changed(sender, instance, **kwargs):
    from ..models import AppraisalCycle

    _renew(AppraisalCycle.objects.filter(appraisals__person_id=instance.person_id))


def placement_changed(sender, instance, **kwargs):
    _renew(_cycles_of_year(instance.year))


def plan_changed(sender, instance, **kwargs):
    _renew(_cycles_of_year(instance.year))


def objective_changed(sender, instance, **kwargs):
    from careers.models import DevelopmentPlan

    _renew(_cycles_of_year(DevelopmentPlan.objects.filter(pk=instance.plan_id).values("year")))


def action_changed(sender, instance, **kwargs):
    from careers.models import DevelopmentPlan

    plans = DevelopmentPlan.objects.filter(objectives=instance.objective_id).values("year")
    _renew(_cycles_of_year(plans))


def connect():
    """Connect the signals above (called once, from AppraisalsConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from careers.models import DevelopmentPlan, Objective, Placement, PlanAction
    from learning.models import GrowthDirection, ImpactLevel, LearningCategory
    from people.equality.models import EqualityInformation
    from people.models import OrganisationUnit, Person
    from people.signals import people_changed_in_bulk

    from ..models import Appraisal, AppraisalCycle

    def both(receiver, sender, saved=None):
        post_save.connect(saved or receiver, sender=sender, weak=False)
        post_delete.connect(receiver, sender=sender, weak=False)

    both(appraisal_saved, Appraisal)
    both(everything_changed, AppraisalCycle, saved=cycle_saved)
    m2m_changed.connect(everything_changed, sender=AppraisalCycle.units.through, weak=False)
    both(everything_changed, Person, saved=person_saved)
    for sender in (OrganisationUnit, LearningCategory, ImpactLevel, GrowthDirection):
        both(everything_changed, sender)
    both(equality_changed, EqualityInformation)
    both(placement_changed, Placement)
    both(plan_changed, DevelopmentPlan)
    both(objective_changed, Objective)
    both(action_changed, PlanAction)
    people_changed_in_bulk.connect(everything_changed, weak=False)
