"""Who may see and change which appraisal cycle, appraisal and booklet. Every
appraisals view asks here; deny by default (docs/adr/0004 and the issue's matrix).

- An appraisal is read by its person, their appraiser (the current line manager
  the appraisal was given to), HR for the units the person is in, and
  administrators. Nobody else: other staff, other managers and LED get a 404.
- A cycle is run by HR for units inside their scope, and by administrators.
"""

from django.db.models import Exists, OuterRef, Q, StringAgg, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from people.access import (
    _hr_scope_q,
    hr_scope_paths,
    is_administrator,
    is_hr,
    units_visible_to,
)
from people.sql import Compiled

from .models import Appraisal, AppraisalCycle


def _signed_in(user):
    return getattr(user, "is_authenticated", False)


# Cycles ----------------------------------------------------------------------


def cycles_visible_to(user):
    """Cycles `user` may see and run: HR's whose every unit lies inside their scope
    (a cycle reaching beyond it is another HR team's), all for administrators."""
    if not _signed_in(user):
        return AppraisalCycle.objects.none()
    if is_administrator(user):
        return AppraisalCycle.objects.all()
    if not is_hr(user):
        return AppraisalCycle.objects.none()
    outside = AppraisalCycle.units.through.objects.filter(
        appraisalcycle_id=OuterRef("pk")
    ).exclude(organisationunit__in=units_visible_to(user))
    return AppraisalCycle.objects.filter(~Exists(outside))


# Kept on the request's person object: the keys of the cycles visible_cycle has read for
# it. Rules asked about one of them again for the same object need not repeat the
# cycles_visible_to test inside their own SQL. Nothing is set on the cycle, so a cycle
# cached (the dashboard's figures) carries no reader, and a key changed is not trusted.
_CYCLES_SEEN = "_trellis_cycles_seen"


_UNIT_PATHS = "_trellis_unit_paths"  # on a cycle visible_cycle read: its units' paths


def _cycle_read(with_token):
    def build(pk):
        paths = (
            AppraisalCycle.units.through.objects.filter(appraisalcycle_id=OuterRef("pk"))
            .order_by()
            .values("appraisalcycle_id")
            .annotate(paths=StringAgg("organisationunit__path", delimiter=Value(" ")))
            .values("paths")
        )
        cycles = AppraisalCycle.objects.filter(pk=pk).annotate(**{_UNIT_PATHS: Subquery(paths)})
        if with_token:
            from .reports import stamp

            cycles = stamp.with_token(cycles)
        return cycles.order_by()

    return Compiled(build)


# The cycle a page opens, with its units' paths (tree paths hold no spaces), by a
# statement compiled once (people.sql.Compiled): HR's scope is then tested on those
# paths here, the rule cycles_visible_to gives in SQL, instead of building that SQL
# per request (issue 18).
_cycle = {False: _cycle_read(False), True: _cycle_read(True)}


def _inside_scope(user, paths):
    """Whether every one of `paths` (unit paths) lies inside `user`'s HR scope: at or
    below one of their HR units (people.access.units_visible_to's rule)."""
    scope = hr_scope_paths(user)
    return all(path.startswith(scope) for path in paths)


def visible_cycle(user, pk, with_token=False):
    """The cycle `pk` (an int; an AppraisalCycle) if `user` may see it
    (cycles_visible_to's rule: HR's whose every unit lies inside their scope, all for
    administrators), with its figures token read in the same query when `with_token`
    (appraisals.reports.stamp.with_token). Raises Http404 otherwise.

    The person object remembers the cycle's key, so that units_in_cycle_for and
    report_appraisals_for asked about that cycle in the same request need not test its
    units against the person's scope again in their SQL: that test, repeated in the
    overdue list's count, keys and rows, was most of its query building (issue 18,
    docs/adr/0073). Another person object is tested in full as before."""
    if not _signed_in(user) or not (is_administrator(user) or is_hr(user)):
        raise Http404("No appraisal cycle matches the given query.")
    cycle = _cycle[bool(with_token)].first_or_404(pk=pk)
    if not is_administrator(user):
        joined = getattr(cycle, _UNIT_PATHS)  # None: the cycle has no units
        # Split on each space, so a path with a space of its own (never written by the
        # tree; only by hand in the database) leaves a piece outside every scope: refused.
        paths = [] if joined is None else joined.split(" ")
        if not _inside_scope(user, paths):
            raise Http404("No appraisal cycle matches the given query.")
    seen = getattr(user, _CYCLES_SEEN, None)
    if seen is None:
        seen = set()
        setattr(user, _CYCLES_SEEN, seen)
    seen.add(cycle.pk)
    return cycle


def _seen_by(cycle, user):
    """Whether visible_cycle read the cycle with `cycle`'s key for this `user` object."""
    return cycle.pk in getattr(user, _CYCLES_SEEN, ())


def can_run_cycles(user):
    """HR and administrators create and open cycles."""
    return _signed_in(user) and (is_hr(user) or is_administrator(user))


def cycle_units_for(user):
    """The units `user` may put in a cycle's scope."""
    return units_visible_to(user)


def units_in_cycle_for(user, cycle):
    """The units HR may choose within `cycle` (its figures, its ESR file, its booklets):
    the cycle's units and every unit below them, inside `user`'s HR scope; all of them
    for administrators. None for anyone who may not run cycles or see this cycle (the
    views answer 404). Ordered by place in the tree (`path`)."""
    from people.models import OrganisationUnit

    if not can_run_cycles(user):
        return OrganisationUnit.objects.none()
    below = Q(pk__in=[])
    for path in cycle.units.values_list("path", flat=True):
        below |= Q(path__startswith=path)
    units = units_visible_to(user).filter(below)
    if not _seen_by(cycle, user):
        # The cycle's visibility is tested in the same query (no units when it fails).
        units = units.filter(Exists(cycles_visible_to(user).filter(pk=cycle.pk)))
    return units.order_by("path")


# Appraisals ------------------------------------------------------------------


def appraisals_visible_to(user):
    """Appraisals `user` may read: their own, those they write as appraiser, HR's
    for people in their units, all for administrators."""
    if not _signed_in(user):
        return Appraisal.objects.none()
    appraisals = Appraisal.objects.select_related("cycle", "person", "person__unit", "appraiser")
    if is_administrator(user):
        return appraisals
    q = Q(person=user) | Q(appraiser=user)
    if is_hr(user):
        q |= _hr_scope_q(user, prefix="person__unit__")
    return appraisals.filter(q)


# The one appraisal a person or their appraiser opens (every appraisal page and the
# booklet), compiled once (people.sql.Compiled): through the ORM this five-table read
# took 1.7 ms at 2,000 people, 0.8 ms of it compiling and 0.6 ms PostgreSQL planning,
# neither repeated for a statement compiled once and prepared (issue 18).
_own_or_appraised = Compiled(
    lambda reader, pk: (
        Appraisal.objects.select_related("cycle", "person", "person__unit", "appraiser")
        .filter(Q(person=reader) | Q(appraiser=reader), pk=pk)
        .order_by()
    )
)


def visible_appraisal(user, pk):
    """The Appraisal `pk` (an int) with its cycle, person, person's unit and appraiser,
    if `user` may read it (`appraisals_visible_to`). Raises Http404 otherwise. For a
    reader who is neither HR nor an administrator (the person and their appraiser) it
    is one prepared statement; HR's scope differs from reader to reader and is read
    through `appraisals_visible_to`."""
    if _signed_in(user) and not is_hr(user) and not is_administrator(user):
        return _own_or_appraised.first_or_404(reader=user.pk, pk=pk)
    return get_object_or_404(appraisals_visible_to(user), pk=pk)


def role_in(user, appraisal):
    """ "person", "appraiser" or None: the part `user` writes in `appraisal`."""
    if user.pk == appraisal.person_id:
        return "person"
    if appraisal.appraiser_id is not None and user.pk == appraisal.appraiser_id:
        return "appraiser"
    return None


def drafts_hidden_from(appraisal, role):
    """Whose unsubmitted parts a reader in `role` ("person", "appraiser" or None for
    HR and administrators) may not read: a set of "person" and "appraiser".

    Each sees the other's after submitting (docs/adr/0027): the person's parts (their
    self-assessment, examples, reviews, objectives, well-being and training
    confirmation) until they submit their self-assessment; the appraiser's (their
    assessment, the agreed ratings and the pay progression outcome) until they submit
    theirs. `role` None is also the booklet, which everyone reads alike."""
    hidden = set()
    if appraisal.self_submitted_at is None and role != "person":
        hidden.add("person")
    if appraisal.manager_submitted_at is None and role != "appraiser":
        hidden.add("appraiser")
    return hidden


def can_reopen(user, appraisal):
    """HR for the person's units (or an administrator) reopens a complete appraisal."""
    if not (is_hr(user) or is_administrator(user)) or role_in(user, appraisal):
        return False
    return appraisals_visible_to(user).filter(pk=appraisal.pk).exists()


def can_assign_appraiser(user, appraisal):
    """HR for the person's units (or an administrator), never its person, names the
    appraiser of an appraisal that has none (appraisals/appraisal/appraiser.py)."""
    return can_reopen(user, appraisal)


def booklets_visible_to(user):
    """Appraisals whose booklet `user` may read and download: the person, their
    appraiser and HR for their units (`appraisals_visible_to`), as
    `can_download_booklet` decides for one appraisal."""
    return appraisals_visible_to(user)


def can_download_booklet(user, appraisal):
    """The person, their appraiser and HR for their units (seen through
    `appraisals_visible_to`); the caller has already scoped `appraisal`."""
    return booklets_visible_to(user).filter(pk=appraisal.pk).exists()


# Cycles topic: the runs that create appraisals -------------------------------


def runs_visible_to(user):
    """The runs (opening, adding joiners) of the cycles `user` may see."""
    from .models import CycleRun

    return CycleRun.objects.filter(cycle__in=cycles_visible_to(user))


# The booklet -------------------------------------------------------------------


def sealed_booklets_visible_to(user):
    """Sealed booklets of the appraisals `user` may read (appraisals_visible_to)."""
    from .models import SealedBooklet

    return SealedBooklet.objects.filter(appraisal__in=appraisals_visible_to(user))


def can_check_booklets(user):
    """HR and administrators check whether a booklet file is intact (the check page)."""
    return _signed_in(user) and (is_hr(user) or is_administrator(user))


# Reminders ----------------------------------------------------------------------


def require_reminder_preferences(user):
    """Every signed-in person chooses how they get their own reminders, and nobody
    else's (the page has no person in its URL). Raises PermissionDenied otherwise."""
    from django.core.exceptions import PermissionDenied

    if not _signed_in(user):
        raise PermissionDenied


# Management information (appraisals/reports) -----------------------------------
# Figures for one cycle and one unit within it: HR for units inside their scope (and
# only cycles wholly inside it, as cycles_visible_to decides), administrators
# everywhere. Everyone else, and HR asking about another team's unit, gets a 404.


def can_read_reports(user):
    """HR and administrators read management information; nobody else."""
    return _signed_in(user) and (is_hr(user) or is_administrator(user))


def report_cycles_for(user):
    """The cycles whose management information `user` may read."""
    if not can_read_reports(user):
        return AppraisalCycle.objects.none()
    return cycles_visible_to(user)


def report_appraisals_for(user, *cycles):
    """The appraisals of those of `cycles` whose management information `user` may read
    (report_cycles_for), with person, unit, cycle and appraiser joined in; the caller
    narrows them to a unit that units_in_cycle_for allows.

    Every appraisal of such a cycle is HR's to count: a cycle HR may read has every
    unit inside their scope (cycles_visible_to), and people are counted in the cycle's
    units only. So no per-row test of the reader (their own appraisal, those they
    write, their units) is needed: that OR across joins made PostgreSQL join every
    person and unit before counting (docs/adr/0047)."""
    if not can_read_reports(user):
        return Appraisal.objects.none()
    appraisals = Appraisal.objects.select_related("cycle", "person", "person__unit", "appraiser")
    if cycles and all(_seen_by(cycle, user) for cycle in cycles):
        # Each was read through visible_cycle for this user in this request.
        return appraisals.filter(cycle_id__in=[cycle.pk for cycle in cycles])
    readable = report_cycles_for(user).filter(pk__in=[c.pk for c in cycles])
    return appraisals.filter(cycle__in=readable)


def exports_visible_to(user):
    """Booklet exports `user` may follow and download: the ones they asked for, while
    they may still read that cycle and unit (HR who moved team no longer can), until
    they expire (the clean-up may not have run yet). Everyone else's, whoever they are,
    is a 404."""
    from .models import BookletExport

    if not can_run_cycles(user):
        return BookletExport.objects.none()
    return BookletExport.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()),
        requested_by=user,
        cycle__in=cycles_visible_to(user),
        unit__in=units_visible_to(user),
    )


# The equality view (appraisals/reports/equality_views.py, docs/adr/0033) ----------------


def can_read_equality(user):
    """Management-information readers who also hold the equality permission of their own
    (people.view_equality_information); line managers, LED and staff never do."""
    from people.equality.models import VIEW_PERMISSION

    return can_read_reports(user) and user.has_perm(VIEW_PERMISSION)
