"""Who may see and change what in the learning app. Views ask here; deny by default.

- The catalogue (published initiatives) is open to every signed-in person.
- A retired initiative stays readable by its URL (old plans and CPD entries
  link to it) but is never listed or offered.
- Drafts, and every curation page, are for the LED team only.
- Bookmarks belong to the person who made them.
"""

from people.access import is_led

from .models import Bookmark, GrowthDirection, ImpactLevel, Initiative, LearningCategory


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


def bookmarks_of(user):
    """`user`'s own bookmarks, newest first."""
    if not _signed_in(user):
        return Bookmark.objects.none()
    return Bookmark.objects.filter(person=user)


def can_bookmark(user, initiative):
    return _signed_in(user) and initiative.is_published


# The vocabulary is public reference data: every signed-in person may read it.


def categories():
    return LearningCategory.objects.all()


def directions():
    return GrowthDirection.objects.all()


def levels():
    return ImpactLevel.objects.all()
