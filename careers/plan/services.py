"""Services of the aspirational development plan.

The person and their line manager write it together (seed 001: "Creation of an
aspirational development plan is a collaborative exercise"): either of them adds
and changes objectives and actions, each change kept in the history with its
author, and both agree it. A change after agreement needs both to agree again
(docs/adr/0014-plan-together.md). Progress is the person's, as dated updates.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from learning import uptake_stamp
from learning.access import categories, vocabulary
from learning.models import CatalogueStamp
from learning.recommendations import recommend
from people.models import Person
from people.sql import Compiled

from .. import access, team
from ..conversation.services import STALE
from ..models import (
    DevelopmentPlan,
    Objective,
    Placement,
    PlanAction,
    PlanAgreement,
    ProgressUpdate,
)

SNAPSHOT_FIELDS = ["term", "what", "why", "direction", "category", "target_date",
                   "success_measure", "support"]  # fmt: skip
FIELD_LABELS = {
    "term": "term", "what": "what", "why": "why", "direction": "growth direction",
    "category": "70/20/10 category", "target_date": "target date",
    "success_measure": "how success is measured", "support": "support needed",
    "actions": "actions",
}  # fmt: skip
REVIEW_DATE = "_review_date"  # the snapshot's key for the review date
PLACEMENT_FIRST = "Agree the Scope for Growth placement before you agree the plan"
NO_OBJECTIVES = "Add at least one objective before you agree the plan"


_plan_of = Compiled(
    lambda person, year: DevelopmentPlan.objects.filter(person=person, year=year).order_by()[:1]
)


def existing_plan(person_pk, year):
    """The person's plan for `year`, or None (nothing is made): a query compiled once
    (people.sql.Compiled)."""
    return _plan_of.first(person=person_pk, year=year)


def existing_plan_read(person_pk, year):
    """The people.sql.Read `existing_plan` fetches, to send ahead (read_ahead)."""
    return _plan_of.read(person=person_pk, year=year)


def plan_for(*, person, year):
    """The person's plan for `year` (a DevelopmentPlan, made when there is none), its
    `person` the Person given, so what the plan reads of them is not read again."""
    plan = existing_plan(person.pk, year)
    if plan is None:
        plan, _ = DevelopmentPlan.objects.get_or_create(person=person, year=year)
    plan.person = person
    return plan


def _editor(plan, by):
    if not access.can_change_plan(by, plan.person):
        raise PermissionError("Only the person and their line manager change the plan.")


def _changed(plan, by):
    """Note a change to what the plan says: agreements given to it no longer count."""
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    plan.version += 1
    if plan.status == DevelopmentPlan.Status.AGREED:
        plan.status = DevelopmentPlan.Status.CHANGED
    plan._history_user = by
    plan.save(update_fields=["version", "status"])


def _same(obj, fields):
    return all(getattr(obj, name) == value for name, value in fields.items())


@transaction.atomic
def save_objective(*, plan, by, objective=None, version=None, **fields):
    """Add an objective, or change one, by the person or their line manager.

    A change is refused (ValidationError code "stale") when the objective changed
    since `version`, the version the editor's page showed; a repeat of the saved
    text is not a change. Returns the objective.
    """
    _editor(plan, by)
    if fields.get("target_date") and fields["target_date"] < timezone.localdate():
        raise ValidationError({"target_date": "The target date must be today or in the future"})
    if objective is None:
        objective = Objective(plan=plan, **fields)
    else:
        objective = Objective.objects.select_for_update().get(pk=objective.pk, plan=plan)
        if _same(objective, fields):
            return objective
        if version is None or int(version) != objective.version:
            raise ValidationError(STALE, code="stale")
        for name, value in fields.items():
            setattr(objective, name, value)
        objective.version += 1
    objective.full_clean()
    objective._history_user = by
    objective.save()
    _changed(plan, by)
    return objective


@transaction.atomic
def add_action(*, objective, by, text="", initiative=None):
    """Add an action (typed, or an initiative from the catalogue) to an objective."""
    _editor(objective.plan, by)
    text = (text or "").strip() or (initiative.title if initiative else "")
    if not text:
        raise ValidationError({"text": "Enter the action"})
    action = PlanAction(objective=objective, text=text, initiative=initiative)
    action.full_clean()
    action._history_user = by
    action.save()
    _changed(objective.plan, by)
    return action


@transaction.atomic
def change_action(*, action, by, version, text):
    """Change an action's words; refused (code "stale") if changed since `version`."""
    plan = action.objective.plan
    _editor(plan, by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the action"})
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    if action.text == text:
        return action
    if version is None or int(version) != action.version:
        raise ValidationError(STALE, code="stale")
    action.text, action.version = text, action.version + 1
    action.full_clean()
    action._history_user = by
    action.save()
    _changed(plan, by)
    return action


@transaction.atomic
def record_progress(*, objective, by, status, note):
    if not access.can_record_progress(by, objective.plan.person):
        raise PermissionError("Progress is recorded by the person whose plan it is.")
    if not note.strip():
        raise ValidationError({"note": "Describe the progress"})
    update = ProgressUpdate(objective=objective, author=by, status=status, note=note.strip())
    update.full_clean()
    update.save()
    objective.status = status
    objective._history_user = by
    objective.save(update_fields=["status"])
    return update


@dataclass(frozen=True)
class AgreementState:
    """Who has agreed the plan as it stands now."""

    person: object  # the PlanAgreement of the person, or None
    manager: object  # the PlanAgreement of their current line manager, or None
    manager_person: object

    @property
    def both(self):
        return bool(self.person and self.manager)


def awaiting_agreement_of(user, year):
    """This year's plans (the person's own, their active reports') that the other of the
    two has agreed as they stand and `user` (the person, or their line manager) has
    not: one query. In: a Person and a year (int); out: a QuerySet of DevelopmentPlan.

    The other's agreement is a scalar subquery per plan: written as EXISTS, PostgreSQL
    merged every agreed plan of the year with the agreements before narrowing to the
    team (912 rows read for a team of 4 at 20,000 people; docs/adr/0048)."""
    at_version = PlanAgreement.objects.filter(
        plan=OuterRef("pk"), plan_version=OuterRef("version")
    )
    others = Subquery(at_version.exclude(agreed_by=user).order_by().values("pk")[:1])
    return (
        DevelopmentPlan.objects.filter(year=year)
        .filter(person__in=team.self_and_reports(user))
        .annotate(others_agreement=others)
        .filter(others_agreement__isnull=False)
        .exclude(Exists(at_version.filter(agreed_by=user)))
        .select_related("person")
    )


_agreements = Compiled(
    lambda plan, version: PlanAgreement.objects.filter(plan=plan, plan_version=version)
)


def agreement_state(plan):
    """The agreements given to the plan's current version (one query). Who agreed is
    known by key: the person or their line manager, read with the plan's person."""
    person = plan.person
    agreements = _agreements.objects(plan=plan.pk, version=plan.version)
    current = {a.agreed_by_id: a for a in agreements}
    return AgreementState(
        person=current.get(person.pk),
        manager=current.get(person.line_manager_id) if person.line_manager_id else None,
        manager_person=person.line_manager,
    )


@transaction.atomic
def agree_plan(*, plan, by, version=None, review_date=None):
    """The person or their line manager agrees the plan as it stands.

    Refused, in this order: before this year's Scope for Growth placement is
    agreed (code "placement_first": seed 001 agrees the placement "before moving
    to thinking through what actions are needed"); with no objectives; when the
    page showed an older `version` or sent none (code "stale"); with no review date. A new
    review date is a change the other person agrees to. The plan is agreed once
    both have agreed the same version.
    """
    plan = DevelopmentPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if not access.can_change_plan(by, plan.person):
        raise PermissionError("Only the person and their line manager agree the plan.")
    placement = Placement.objects.filter(person=plan.person, year=plan.year).first()
    if placement is None or placement.status != Placement.Status.AGREED:
        raise ValidationError(PLACEMENT_FIRST, code="placement_first")
    objectives = list(plan.objectives.prefetch_related("actions"))
    if not objectives:
        raise ValidationError(NO_OBJECTIVES, code="no_objectives")
    if version is None or int(version) != plan.version:
        raise ValidationError(STALE, code="stale")
    if not (review_date or plan.review_date):
        raise ValidationError({"review_date": "Enter review date"})
    if review_date and review_date < timezone.localdate():
        raise ValidationError({"review_date": "The review date must be today or in the future"})
    if review_date and review_date != plan.review_date:
        plan.review_date, plan.version = review_date, plan.version + 1
        if plan.status == DevelopmentPlan.Status.AGREED:
            plan.status = DevelopmentPlan.Status.CHANGED
    PlanAgreement.objects.get_or_create(plan=plan, agreed_by=by, plan_version=plan.version)
    if agreement_state(plan).both:
        plan.status, plan.agreed_at = DevelopmentPlan.Status.AGREED, timezone.now()
        plan.agreed_snapshot = {str(o.pk): snapshot(o) for o in objectives}
        plan.agreed_snapshot[REVIEW_DATE] = _plain(plan.review_date)
    plan._history_user = by
    plan.save()
    return plan


@dataclass(frozen=True)
class SavedNow:
    by: object  # who saved the newer version, from the history
    at: object


def saved_now(current):
    """Who saved the version saved now, and when, for a refused stale edit to say
    beside the answers marked where they differ (frontend.stale)."""
    latest = current.history.select_related("history_user").first()
    if latest is None:
        return SavedNow(None, None)
    return SavedNow(latest.history_user, latest.history_date)


def snapshot(objective):
    data = {name: _plain(getattr(objective, name)) for name in SNAPSHOT_FIELDS}
    data["actions"] = [a.text for a in objective.actions.all()]
    return data


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


@dataclass(frozen=True)
class Change:
    objective: str
    kind: str  # "added", "changed" or "removed"
    fields: tuple = ()


def changes_since_agreement(plan, objectives):
    """What changed after the plan was last agreed, objective by objective."""
    if plan.status != DevelopmentPlan.Status.CHANGED:
        return []
    before, changes = dict(plan.agreed_snapshot), []
    if before.pop(REVIEW_DATE, None) != _plain(plan.review_date):
        changes.append(Change("Review date", "changed"))
    for objective in objectives:
        old = before.pop(str(objective.pk), None)
        if old is None:
            changes.append(Change(objective.what, "added"))
            continue
        new = snapshot(objective)
        changed = tuple(FIELD_LABELS[k] for k in new if new[k] != old.get(k))
        if changed:
            changes.append(Change(objective.what, "changed", changed))
    changes.extend(Change(old["what"], "removed") for old in before.values())
    return changes


def _page_objectives(plan):
    # Whole rows, as the separate reads of initiatives were: leaving out the initiative's
    # text (.defer through the join) cost more to build than the text cost to read.
    actions = PlanAction.objects.select_related("initiative__category")
    return (
        Objective.objects.filter(plan=plan)
        .select_related("direction", "category")
        .prefetch_related(Prefetch("actions", queryset=actions), "updates")
        .annotate(**catalogue_stamp())
    )


_page_objectives_compiled = Compiled(_page_objectives)


def page_objectives(plan):
    """The plan's objectives as its page shows them (a list): their direction and
    category, actions (each with its initiative and the initiative's category, in the
    same query), progress updates, and the catalogue's stamp for suggestions(). Three
    queries, at any size of plan; the first compiled once (people.sql.Compiled)."""
    objectives = _page_objectives_compiled.objects(plan=plan.pk)
    for objective in objectives:
        objective.plan = plan  # as plan.objectives would give them
    return objectives


@dataclass(frozen=True)
class Authors:
    added_by: object  # a Person, or None when the history does not say
    changed_by: object  # None until changed after it was added
    changed_at: object


def with_authors(objectives):
    """Set `.authors` on each objective and its actions: who added it and who
    last changed it, read from their history (one query in all, none with no rows)."""
    actions = [a for o in objectives for a in o.actions.all()]
    history, people = {}, {}
    for kind, pk, at, user_id, given_name, family_name, email in _history_rows(
        (("o", Objective, objectives), ("a", PlanAction, actions))
    ):
        user = None
        if user_id is not None:
            user = people.get(user_id) or people.setdefault(user_id, Person(
                pk=user_id, given_name=given_name, family_name=family_name, email=email
            ))  # fmt: skip
        history.setdefault((kind, pk), []).append((user, _aware(at)))
    for kind, rows in (("o", objectives), ("a", actions)):
        for row in rows:
            first, *later = history.get((kind, row.pk)) or [(None, None)]
            last = later[-1] if later else (None, None)
            row.authors = Authors(first[0], last[0], last[1])
    return objectives


def _history_rows(parts):
    """(kind, row key, history date, author's key and names) of each history record of
    the rows, oldest first: both histories in one statement, and only what Authors
    holds (their copies of every column are not shown). Written as SQL: built by the
    ORM as a union of two values() queries it cost four times as much to put together
    as to run. In: (kind, model, rows) pairs; kind is a fixed literal, not user input."""
    selects, params = [], []
    people = connection.ops.quote_name(Person._meta.db_table)
    for kind, model, rows in parts:
        if not rows:
            continue
        table = connection.ops.quote_name(model.history.model._meta.db_table)
        marks = ", ".join(["%s"] * len(rows))
        selects.append(
            f"SELECT '{kind}', h.id, h.history_date, p.id, p.given_name, p.family_name, "
            f"p.email FROM {table} h LEFT JOIN {people} p ON p.id = h.history_user_id "
            f"WHERE h.id IN ({marks})"
        )
        params += [row.pk for row in rows]
    if not selects:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects) + " ORDER BY 3", params)
        return cursor.fetchall()


def _aware(value):
    """A history date read by SQL, as the ORM would give it (SQLite gives it naive, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


@dataclass(frozen=True)
class Share:
    category: object
    count: int
    percent: int


# Cached under the catalogue's stamp (docs/adr/0062).
SUGGESTIONS_PREFIX = "careers:plan-suggestions"
CATEGORIES_PREFIX = "careers:plan-categories"
SUGGESTIONS_SECONDS = 60 * 60


def balance(objectives, stamp=None):
    """The plan's 70/20/10 mix: actions by category (an initiative's own, else
    the objective's), beside the model's shares. stamp: as suggestions() takes it;
    with it, the categories are those cached under its uptake token, which every
    category saved or deleted renews (no query when found)."""
    counts = {}
    for objective in objectives:
        for action in objective.actions.all():
            category_id = action.initiative.category_id if action.initiative else None
            key = category_id or objective.category_id
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return [
        Share(c, counts.get(c.pk, 0), round(100 * counts.get(c.pk, 0) / total) if total else 0)
        for c in (_stamped_categories(stamp[1]) if stamp else vocabulary("categories"))
    ]


def _stamped_categories(uptake_token):
    key = f"{CATEGORIES_PREFIX}:{uptake_token}"
    found = cache.get(key)
    if found is None:
        found = list(categories())
        cache.set(key, found, SUGGESTIONS_SECONDS)
    return found


def catalogue_stamp():
    """Annotations reading the catalogue's token and uptake token (learning/browse.py,
    learning/uptake_stamp.py), under which suggestions() are cached: the plan page
    reads them with its objectives rather than by a query of their own."""
    row = CatalogueStamp.objects.filter(pk=1)
    return {
        "catalogue_token": Subquery(row.values("token")[:1]),
        "uptake_token": Subquery(row.values("uptake_token")[:1]),
    }


def page_stamp(objectives):
    """The catalogue's (token, uptake token) as read with the objectives of
    page_objectives(), or None (no objectives; no stamp row yet)."""
    if not objectives or objectives[0].catalogue_token is None:
        return None
    return objectives[0].catalogue_token, objectives[0].uptake_token


def suggestions(*, plan, placement, objectives, limit=6, categories=None, stamp=None):
    """Catalogue suggestions for the plan: by the placement's level now and the
    direction the person wants to grow in, leaving out what the plan holds.
    categories: the 70/20/10 categories when already read (as balance() reads
    them). stamp: the catalogue's (token, uptake token) when already read (as the
    plan page reads them with its objectives, catalogue_stamp()).

    The chosen initiatives are cached under the stamp and every term of the choice,
    so a cached choice is the one recommend() would make now, row for row: the token
    changes with every initiative, its levels and directions; the uptake token with
    every bookmark (the ranking counts them) and category (docs/adr/0062). Found in
    the cache: no query. Not found: two queries with the categories, three without
    (learning.recommendations). One more when the stamp is not given."""
    planned = {a.initiative_id for o in objectives for a in o.actions.all() if a.initiative_id}
    person = plan.person
    categories = list(_categories() if categories is None else categories)
    if not stamp:
        token, _, uptake = uptake_stamp.tokens()
        stamp = (token, uptake)
    key = _suggestions_key(stamp, placement, planned, person, limit, categories)
    chosen = cache.get(key)
    if chosen is None:
        chosen = recommend(
            level=placement.level.slug if placement else None,
            directions=[placement.target_direction.slug] if placement else [],
            exclude_ids=planned,
            band=person.pay_band or None,
            staff_group=person.staff_group or None,
            limit=limit,
            categories=categories,
        )
        cache.set(key, chosen, SUGGESTIONS_SECONDS)
    # The categories given, as recommend() sets them: shown without reading them again.
    by_pk = {c.pk: c for c in categories}
    for initiative in chosen:
        initiative.category = by_pk[initiative.category_id]
    return chosen


_categories = categories  # suggestions() takes a `categories` of its own


def _suggestions_key(stamp, placement, planned, person, limit, categories):
    """Every term recommend() chooses by. The level and direction by key and slug:
    the ranking matches the slug, and tags by key."""
    terms = (
        tuple(stamp),
        (placement.level_id, placement.level.slug) if placement else None,
        (placement.target_direction_id, placement.target_direction.slug) if placement else None,
        sorted(planned),
        person.pay_band or None,
        person.staff_group or None,
        limit,
        [(c.pk, c.slug, c.share_percent) for c in categories],
    )
    digest = hashlib.sha256(repr(terms).encode()).hexdigest()
    return f"{SUGGESTIONS_PREFIX}:{digest}"
