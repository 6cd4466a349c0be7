"""Services of the aspirational development plan: the person owns it, their line
manager agrees it, and progress is recorded as dated updates."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from learning.access import categories
from learning.recommendations import recommend

from .conversations import STALE
from .models import DevelopmentPlan, Objective, PlanAction, ProgressUpdate

SNAPSHOT_FIELDS = ["term", "what", "why", "direction", "category", "target_date",
                   "success_measure", "support"]  # fmt: skip
FIELD_LABELS = {
    "term": "term", "what": "what", "why": "why", "direction": "growth direction",
    "category": "70/20/10 category", "target_date": "target date",
    "success_measure": "how success is measured", "support": "support needed",
    "actions": "actions",
}  # fmt: skip


def plan_for(*, person, year):
    plan, _ = DevelopmentPlan.objects.get_or_create(person=person, year=year)
    return plan


def _owner_only(plan, by):
    if plan.person_id != by.pk:
        raise PermissionError("The plan is changed only by the person who owns it.")


@transaction.atomic
def save_objective(*, plan, by, objective=None, version=None, **fields):
    """Add an objective, or change one (refused if changed since `version`)."""
    _owner_only(plan, by)
    if fields.get("target_date") and fields["target_date"] < timezone.localdate():
        raise ValidationError({"target_date": "The target date must be today or in the future"})
    if objective is None:
        objective = Objective(plan=plan, **fields)
    else:
        objective = Objective.objects.select_for_update().get(pk=objective.pk, plan=plan)
        if version is None or int(version) != objective.version:
            raise ValidationError(STALE, code="stale")
        for name, value in fields.items():
            setattr(objective, name, value)
        objective.version += 1
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def add_action(*, objective, by, text="", initiative=None):
    _owner_only(objective.plan, by)
    text = (text or "").strip() or (initiative.title if initiative else "")
    if not text:
        raise ValidationError({"text": "Enter the action"})
    action = PlanAction(objective=objective, text=text, initiative=initiative)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def record_progress(*, objective, by, status, note):
    _owner_only(objective.plan, by)
    if not note.strip():
        raise ValidationError({"note": "Describe the progress"})
    update = ProgressUpdate(objective=objective, author=by, status=status, note=note.strip())
    update.full_clean()
    update.save()
    objective.status = status
    objective.save(update_fields=["status"])
    return update


@transaction.atomic
def agree_plan(*, plan, by, review_date=None):
    """The line manager agrees the plan as it stands; later edits show as changes."""
    if plan.person.line_manager_id != by.pk:
        raise PermissionError("Only the person's line manager agrees their plan.")
    objectives = list(plan.objectives.prefetch_related("actions"))
    if not objectives:
        raise ValidationError("Add at least one objective before the plan is agreed.")
    if review_date and review_date < timezone.localdate():
        raise ValidationError({"review_date": "The review date must be today or in the future"})
    plan.status, plan.agreed_at, plan.agreed_by = DevelopmentPlan.Status.AGREED, timezone.now(), by
    plan.review_date = review_date or plan.review_date
    plan.agreed_snapshot = {str(o.pk): snapshot(o) for o in objectives}
    plan.save()
    return plan


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
    """What the person changed after the plan was agreed, objective by objective."""
    if plan.status != DevelopmentPlan.Status.AGREED:
        return []
    before, changes = dict(plan.agreed_snapshot), []
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


@dataclass(frozen=True)
class Share:
    category: object
    count: int
    percent: int


def balance(objectives):
    """The plan's 70/20/10 mix: actions by category (an initiative's own, else
    the objective's), beside the model's shares."""
    counts = {}
    for objective in objectives:
        for action in objective.actions.all():
            category_id = action.initiative.category_id if action.initiative else None
            key = category_id or objective.category_id
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return [
        Share(c, counts.get(c.pk, 0), round(100 * counts.get(c.pk, 0) / total) if total else 0)
        for c in categories()
    ]


def suggestions(*, plan, placement, objectives, limit=6):
    """Catalogue suggestions for the plan: by the placement's level now and the
    direction the person wants to grow in, leaving out what the plan holds."""
    planned = {a.initiative_id for o in objectives for a in o.actions.all() if a.initiative_id}
    person = plan.person
    level = placement.level if placement else None
    directions = [placement.target_direction] if placement else []
    return recommend(
        level=level,
        directions=directions,
        exclude_ids=planned,
        band=person.pay_band or None,
        staff_group=person.staff_group or None,
        limit=limit,
    )
