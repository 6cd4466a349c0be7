"""The uptake stamp: LED's management information (learning/insights.py) is cached
under the catalogue's three tokens, so a cached figure is never stale.

- `token` (learning/browse.py): initiatives, their directions and levels;
- `ratings_token`: evaluations (the most used initiatives' average rating);
- `uptake_token`, renewed here by signals (`connect()`, from LearningConfig.ready):
  a CPD entry or a bookmark saved or deleted; a 70/20/10 category saved or deleted;
  a person's unit or active flag changed, or a person deleted; an organisation unit
  saved or deleted; people changed in bulk (the ESR import's
  people.signals.people_changed_in_bulk).

Bulk writes that send no signals (bulk_create, queryset.update) call `uptake_changed`
themselves. Source: the appraisal figures' stamp (appraisals/reports/stamp.py,
docs/adr/0034); docs/adr/0055."""

from .browse import _new, _renew
from .models import CatalogueStamp

# Person fields the figures read (units by the person's unit; people recording).
PERSON_FIELDS = {"unit", "is_active"}


def tokens():
    """(catalogue, ratings, uptake) tokens: one primary-key lookup."""
    for found in CatalogueStamp.objects.filter(pk=1).values_list(
        "token", "ratings_token", "uptake_token"
    ):
        return found
    fresh = {"token": _new(), "ratings_token": _new(), "uptake_token": _new()}
    row = CatalogueStamp.objects.get_or_create(pk=1, defaults=fresh)[0]
    return row.token, row.ratings_token, row.uptake_token


def uptake_changed(**kwargs):
    """Give the uptake figures a new token: every cached figure is forgotten."""
    _renew("uptake_token")


def _person_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not PERSON_FIELDS & set(update_fields):
        return  # a sign-in's last_login, a password: nothing counted
    uptake_changed()


def connect():
    """Connect the signals above (called once, from LearningConfig.ready)."""
    from django.db.models.signals import post_delete, post_save

    from people.models import OrganisationUnit, Person
    from people.signals import people_changed_in_bulk

    from .models import Bookmark, CPDEntry, LearningCategory

    for sender in (CPDEntry, Bookmark, LearningCategory, OrganisationUnit):
        post_save.connect(uptake_changed, sender=sender, weak=False)
        post_delete.connect(uptake_changed, sender=sender, weak=False)
    post_save.connect(_person_saved, sender=Person, weak=False)
    post_delete.connect(uptake_changed, sender=Person, weak=False)
    people_changed_in_bulk.connect(uptake_changed, weak=False)
