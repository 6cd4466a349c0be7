"""Sharing is consent to one person: the line manager a person had when they shared.

Every record a person may share with their line manager (a journal section, a
CPD entry) inherits `SharedWithManager`, which keeps who it was shared with.
A manager reads a shared record only while they are both that person and still
the owner's line manager. After a change of line manager, earlier shares reach
nobody (neither the new manager nor the former one) until the owner shares them
again; `lapsed_shares_of` lists them for the owner's home page. See
docs/adr/0009-consent-follows-person.md.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q


class SharedWithManager(models.Model):
    """A record its owner can share with their line manager.

    A subclass says how to reach the owner (`owner_path`, a lookup such as
    "journal__person"), when it counts as shared (`shared_q`, and `is_shared`
    for one record), and gives `share_title()` and `share_again_url()` (with
    `share_related` to load what they need) for the owner's home page.
    Its share service sets `shared_with` to the owner's line manager at the
    moment of sharing, and to None when the share is withdrawn.
    """

    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The line manager it was shared with. Nobody else reads it, and they "
        "only while they are still the owner's line manager.",
    )

    owner_path = "person"
    shared_q = Q(pk__in=[])
    share_related = ()

    class Meta:
        abstract = True

    @property
    def is_shared(self):
        raise NotImplementedError

    def share_title(self):
        raise NotImplementedError

    def share_again_url(self):
        raise NotImplementedError

    @property
    def share_owner(self):
        record = self
        for step in self.owner_path.split("__"):
            record = getattr(record, step)
        return record

    def give_to_line_manager(self):
        """Note that the owner shares this with their line manager of today (the
        caller sets the record's own shared flag and saves)."""
        self.shared_with_id = self.share_owner.line_manager_id

    @property
    def share_lapsed(self):
        """Shared with someone who is no longer the owner's line manager (or with
        nobody, before the owner had one): it reaches nobody until shared again."""
        return self.is_shared and self.shared_with_id != self.share_owner.line_manager_id

    @property
    def share_label(self):
        """What the owner's own documents (CSV, PDF) say of this record's sharing."""
        if self.share_lapsed:
            return "No longer shared: your line manager changed"
        return "Shared with your line manager" if self.is_shared else "Private"


def shareable_models():
    """Every model whose records a person can share with their line manager."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SharedWithManager) and not model._meta.abstract
    ]


def readable_by_manager(model, user):
    """A Q for `model`'s records that `user` may read as the owner's line manager:
    shared, shared with `user`, and the owner is active and managed by `user`."""
    owner = model.owner_path
    return shared_with(model, user) & Q(
        **{f"{owner}__line_manager": user, f"{owner}__is_active": True}
    )


def shared_with(model, user):
    """A Q for `model`'s records shared with `user` (a Person or its key): the half of
    readable_by_manager that is the record's own, for a query that starts from the
    people `user` manages today (access.direct_reports) and so has the other half."""
    return model.shared_q & Q(shared_with=user)


def lapsed(model):
    """A Q for `model`'s shared records whose recipient is not the owner's line
    manager today."""
    manager = f"{model.owner_path}__line_manager"
    return model.shared_q & (
        Q(shared_with__isnull=True, **{f"{manager}__isnull": False})
        | Q(shared_with__isnull=False, **{f"{manager}__isnull": True})
        | (
            Q(shared_with__isnull=False, **{f"{manager}__isnull": False})
            & ~Q(shared_with=models.F(manager))
        )
    )


@dataclass(frozen=True)
class LapsedGroup:
    """Records `owner` shared with `given_to` (None: before they had a line manager)."""

    given_to: object
    records: list


def lapsed_shares_of(owner):
    """`owner`'s shares that no longer reach anyone, grouped by who they were given
    to. Every page load of home asks, so finding none is one query for all models."""
    kinds = shareable_models()
    found = [
        model.objects.filter(lapsed(model), **{model.owner_path: owner})
        .annotate(kind=models.Value(n))
        .values_list("kind", "pk")
        .order_by()
        for n, model in enumerate(kinds)
    ]
    hits = list(found[0].union(*found[1:], all=True).order_by())
    groups = {}
    for n, model in enumerate(kinds):
        pks = [pk for kind, pk in hits if kind == n]
        if not pks:
            continue
        records = model.objects.filter(pk__in=pks).select_related(
            "shared_with", *model.share_related
        )
        for record in records.order_by("pk"):
            groups.setdefault(record.shared_with_id, (record.shared_with, []))[1].append(record)
    return [LapsedGroup(given_to, records) for given_to, records in groups.values()]
