"""Who may see and change what in the learning app. Views ask here; deny by default.

- The catalogue (published initiatives) is open to every signed-in person.
- A retired initiative stays readable by its URL (old plans and CPD entries
  link to it) but is never listed or offered.
- Drafts, and every curation page, are for the LED team only.
- Bookmarks belong to the person who made them.
- CPD entries and their evidence files are the person's own; their line manager
  reads an entry only while it is shared with them: a share is consent to the
  manager of the day and lapses when the line manager changes (people.consent).
  Anyone else gets a 404.
- An evaluation of learning is its author's alone to write and read. LED read
  evaluations only as results per initiative and as management information,
  without names. Whoever may open an initiative's page reads its ratings and
  short reviews there, also without names (the evaluation form says so).
"""

from django.db.models import Q
from django.http import Http404

from people.access import is_led
from people.consent import readable_by_manager
from people.models import Person
from people.sql import Compiled, keep_prefetched

from .models import (
    Bookmark,
    CPDEntry,
    Evaluation,
    Evidence,
    GrowthDirection,
    ImpactLevel,
    Initiative,
    LearningCategory,
)


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def can_curate(user):
    """LED manage the catalogue (create, edit, publish, retire, import, export)."""
    return _signed_in(user) and is_led(user)


def catalogue_for(user):
    """Initiatives `user` may find in the catalogue: the published ones."""
    if not _signed_in(user):
        return Initiative.objects.none()
    return Initiative.objects.published()


def initiatives_readable_by(user):
    """Initiatives whose page `user` may open: published and retired; drafts for LED too."""
    if not _signed_in(user):
        return Initiative.objects.none()
    if can_curate(user):
        return Initiative.objects.all()
    return Initiative.objects.exclude(status=Initiative.Status.DRAFT)


def initiatives_curated_by(user):
    """Every initiative, whatever its state, for LED; nothing for anyone else."""
    if not can_curate(user):
        return Initiative.objects.none()
    return Initiative.objects.all()


# An initiative's page, preview and form read it (category and owner with it), its
# directions and its levels in three statements compiled once (people.sql.Compiled,
# issue 18), which the page may send ahead together (`initiative_reads`).
def _shown(initiatives):
    return initiatives.select_related("category", "owner").without_search().order_by()


_initiative_shown = {
    "any": Compiled(lambda pk: _shown(Initiative.objects.filter(pk=pk))),
    "not draft": Compiled(
        lambda pk: _shown(Initiative.objects.exclude(status=Initiative.Status.DRAFT).filter(pk=pk))
    ),
}
# In each model's own order, as prefetch_related("directions", "levels") reads them.
_terms_of = {
    "directions": Compiled(lambda pk: GrowthDirection.objects.filter(initiatives=pk)),
    "levels": Compiled(lambda pk: ImpactLevel.objects.filter(initiatives=pk)),
}


def _shown_to(user):
    """Which of `_initiative_shown` `user` reads by (a key), or None: nothing."""
    if not _signed_in(user):
        return None
    return "any" if can_curate(user) else "not draft"


def _with_terms(which, pk):
    initiative = _initiative_shown[which].first_or_404(pk=pk)
    for name, terms in _terms_of.items():
        keep_prefetched(initiative, name, terms.objects(pk=pk))
    return initiative


def initiative_reads(user, pk):
    """The people.sql.Read list that `readable_initiative(user, pk)` fetches (the
    initiative, its directions, its levels), to send ahead (read_ahead); empty for a
    person who reads nothing. `curated_initiative` reads the same for LED."""
    which = _shown_to(user)
    if which is None:
        return []
    return [_initiative_shown[which].read(pk=pk), *(t.read(pk=pk) for t in _terms_of.values())]


def readable_initiative(user, pk):
    """The Initiative `pk` (an int) if `user` may open its page
    (`initiatives_readable_by`), with its category, owner, directions and levels and
    without its search columns. Raises Http404 otherwise."""
    which = _shown_to(user)
    if which is None:
        raise Http404("No initiative matches the given query.")
    return _with_terms(which, pk)


def curated_initiative(user, pk):
    """The Initiative `pk` (an int) for LED's preview and form
    (`initiatives_curated_by`), read as `readable_initiative` reads it. Raises Http404
    for anyone else and for a key that is not there."""
    if not can_curate(user):
        raise Http404("No initiative matches the given query.")
    return _with_terms("any", pk)


def bookmarks_of(user):
    """`user`'s own bookmarks, newest first."""
    if not _signed_in(user):
        return Bookmark.objects.none()
    return Bookmark.objects.filter(person=user)


_bookmarked = Compiled(
    lambda person: Bookmark.objects.filter(person=person).order_by().values_list("initiative_id")
)


def bookmarked(user):
    """The keys of the initiatives `user` has bookmarked (a set of ints), by a query
    compiled once (people.sql.Compiled): every catalogue page asks it."""
    if not _signed_in(user):
        return set()
    return {initiative for (initiative,) in _bookmarked.rows(person=user.pk)}


def can_bookmark(user, initiative):
    return _signed_in(user) and initiative.is_published


# The vocabulary is public reference data: every signed-in person may read it.


def categories():
    return LearningCategory.objects.all()


def directions():
    return GrowthDirection.objects.all()


def levels():
    return ImpactLevel.objects.all()


_vocabulary = {
    "categories": Compiled(categories),
    "directions": Compiled(directions),
    "levels": Compiled(levels),
}


def vocabulary(name):
    """Every term of one vocabulary, in its order (a list): "categories" (70/20/10),
    "directions" or "levels" (Scope for Growth). A query compiled once
    (people.sql.Compiled), for pages that read a whole vocabulary."""
    return _vocabulary[name].objects()


def vocabulary_read(name):
    """The people.sql.Read that `vocabulary(name)` fetches, to send ahead (read_ahead)."""
    return _vocabulary[name].read()


# The CPD log -----------------------------------------------------------------------
# A person's entries and evidence are theirs; their line manager reads an entry
# (and its files) only while the person shares it. Nobody else, whatever their role.


def cpd_entries_of(user):
    """`user`'s own CPD entries: the only ones they may change."""
    if not _signed_in(user):
        return CPDEntry.objects.none()
    return _entries_of(user.pk)


def _entries_of(person_pk):
    return CPDEntry.objects.filter(person=person_pk)


_own_entry = Compiled(
    lambda person, pk: _entries_of(person).filter(pk=pk).select_related("initiative")
)


def own_cpd_entry(user, pk):
    """One of `cpd_entries_of(user)` by its key (an int), with its initiative and its
    person (`user`), or None: a query compiled once (people.sql.Compiled)."""
    if not _signed_in(user):
        return None
    entry = _own_entry.first(person=user.pk, pk=pk)
    if entry is not None:
        entry.person = user  # own entries are the user's: not read again
    return entry


def cpd_entries_readable_by(user):
    """Their own entries, and those their direct reports share with them."""
    if not _signed_in(user):
        return CPDEntry.objects.none()
    return CPDEntry.objects.filter(Q(person=user) | readable_by_manager(CPDEntry, user))


def shared_entries_of(user, person):
    """The entries `person` shares with `user` as their line manager (else nothing)."""
    if not _signed_in(user) or person.line_manager_id != user.pk or not person.is_active:
        return CPDEntry.objects.none()
    return CPDEntry.objects.filter(readable_by_manager(CPDEntry, user), person=person)


def reports_of(user):
    """People `user` may look up shared CPD for: their active direct reports."""
    if not _signed_in(user):
        return Person.objects.none()
    return Person.objects.filter(line_manager=user, is_active=True)


def evidence_readable_by(user):
    return Evidence.objects.filter(entry__in=cpd_entries_readable_by(user))


def can_edit_entry(user, entry):
    return _signed_in(user) and entry.person_id == user.pk


# Evaluation of learning --------------------------------------------------------------


def evaluable_entries_of(user):
    """`user`'s finished entries from the catalogue: the ones they may evaluate."""
    return cpd_entries_of(user).filter(initiative__isnull=False, done=True)


def evaluations_of(user):
    """`user`'s own evaluations: the only ones they may read or change one by one."""
    if not _signed_in(user):
        return Evaluation.objects.none()
    return Evaluation.objects.filter(entry__person=user)


def ratings_readable_by(user):
    """Evaluations whose rating and review `user` may read on an initiative's page (of
    initiatives they may open), never who wrote them; nothing when signed out."""
    if not _signed_in(user):
        return Evaluation.objects.none()
    return Evaluation.objects.filter(initiative__in=initiatives_readable_by(user))


def evaluations_for_results(user):
    """Every evaluation, for LED's results and management information; else nothing."""
    if not can_curate(user):
        return Evaluation.objects.none()
    return Evaluation.objects.all()


def cpd_entries_for_results(user):
    """Every CPD entry, for LED's uptake figures (counted, never listed); else nothing."""
    if not can_curate(user):
        return CPDEntry.objects.none()
    return CPDEntry.objects.all()


def bookmarks_for_results(user):
    if not can_curate(user):
        return Bookmark.objects.none()
    return Bookmark.objects.all()
