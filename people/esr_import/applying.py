"""The apply: doing a stored plan (planning.py) in batches, each in its own transaction,
with the run's progress counted after each (docs/adr/0035-esr-staff-import.md).

Bulk queries throughout (a fixed number a batch, never one a row). Every change of a
person is written with its history (django-simple-history's bulk helpers, by the person
who confirmed, reason "ESR import"), a change of line manager included: the consent
rule follows from the line manager itself (people/consent.py, ADR 0009), so shares
given to the former manager lapse as they do after an edit in the admin. Safe to run
again after a stopped worker: each step sets values, or creates only what is missing.
"""

import datetime
import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from frontend.text import single_line
from people.signals import people_changed_in_bulk

from ..models import OrganisationUnit, Person
from .models import EsrImportRun

BATCH = 1000
REASON = "ESR import"


def steps(plan):
    """How many things the apply does: its progress bar's total."""
    return (len(plan["new_units"]) + len(plan["moved_units"]) + len(plan["new_people"])
            + len(plan["changed"]) + len(plan["leavers"]))  # fmt: skip


class Applier:
    def __init__(self, run):
        self.run, self.plan, self.by = run, run.plan, run.requested_by

    def tick(self, n):
        EsrImportRun.objects.filter(pk=self.run.pk).update(done=F("done") + n)

    def apply(self):
        try:
            self._apply()
        finally:  # batches already written stand, even when a later one fails
            people_changed_in_bulk.send(sender=__name__)

    def _apply(self):
        with transaction.atomic():
            self.units()
        self.created = {}  # assignment number → pk of the people made here
        for level in managers_first(self.plan["new_people"]):
            for batch in chunks(level):
                with transaction.atomic():
                    self.create(batch)
        for batch in chunks(self.plan["changed"]):
            with transaction.atomic():
                self.update(batch)
        for batch in chunks(self.plan["leavers"]):
            with transaction.atomic():
                self.leave(batch)

    # Units ---------------------------------------------------------------------------

    def units(self):
        """Create and move units (few: one at a time), shallowest first, so that each
        one's parent is in its place, new or moved, before it."""
        steps = [(len(new["names"]), 0, new) for new in self.plan["new_units"]]
        steps += [(len(move["to"]), 1, move) for move in self.plan["moved_units"]]
        for _, moving, step in sorted(steps, key=lambda s: (s[0], s[1])):
            if moving:
                self.move(step)
            else:
                self.create_unit(step)
            self._units = None
        self.tick(len(steps))

    def move(self, move):
        unit = OrganisationUnit.objects.filter(pk=move["id"]).first()
        parent_pk = self.unit_by_names().get(tuple(move["to"][:-1]))
        parent = OrganisationUnit.objects.filter(pk=parent_pk).first()
        if unit is not None and parent is not None and not unit.is_child_of(parent):
            OrganisationUnit.objects.move(unit, parent, "sorted-child")

    def create_unit(self, new):
        names = tuple(new["names"])
        found = self.unit_by_names()
        if names in found:
            return  # made by an earlier run of this apply
        fields = {"name": names[-1], "kind": new["kind"]}
        if len(names) == 1:
            OrganisationUnit.objects.add_root(fields)
        else:
            parent = OrganisationUnit.objects.get(pk=found[names[:-1]])
            OrganisationUnit.objects.add_child(parent, fields)

    _units = None

    def unit_by_names(self):
        if self._units is None:
            step = OrganisationUnit.steplen
            names_of, found = {}, {}
            for pk, path, name in OrganisationUnit.objects.order_by("depth", "path").values_list(
                "pk", "path", "name"
            ):
                names_of[path] = (*names_of.get(path[:-step], ()), name)
                found[names_of[path]] = pk
            self._units = found
        return self._units

    def unit_pk(self, unit):
        return self.unit_by_names()[tuple(unit)] if isinstance(unit, list) else unit

    # People --------------------------------------------------------------------------

    def create(self, batch):
        wanted = {p["assignment_number"] for p in batch}
        wanted |= {p["manager"] for p in batch if isinstance(p["manager"], str)}
        known = dict(Person.objects.filter(assignment_number__in=wanted).values_list(
            "assignment_number", "pk"))  # fmt: skip
        self.created.update(known)
        now = timezone.now()
        people = []
        for p in batch:
            if p["assignment_number"] in known:
                continue  # made by an earlier run of this apply
            joined = now
            if p["start"]:
                start = datetime.date.fromisoformat(p["start"])
                joined = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
            people.append(Person(
                email=p["email"], given_name=single_line(p["given_name"]),
                family_name=single_line(p["family_name"]), job_title=single_line(p["job_title"]),
                pay_band=p["pay_band"], staff_group=p["staff_group"],
                assignment_number=p["assignment_number"], employee_number=p["employee_number"],
                unit_id=self.unit_pk(p["unit"]),
                line_manager_id=self.person_pk(p["manager"]),
                password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
                date_joined=joined,
            ))  # fmt: skip
        made = bulk_create_with_history(people, Person, batch_size=BATCH, default_user=self.by,
                                        default_change_reason=REASON)  # fmt: skip
        self.created.update((person.assignment_number, person.pk) for person in made)
        self.tick(len(batch))

    def person_pk(self, manager):
        """A line manager's pk: as planned, or the person made here for a new one."""
        if isinstance(manager, str):
            if manager not in self.created:
                found = Person.objects.filter(assignment_number=manager).values_list("pk")
                self.created[manager] = found.first()[0]
            return self.created[manager]
        return manager

    def update(self, batch):
        found = Person.objects.in_bulk([entry["id"] for entry in batch])
        fields = set()
        changed = []
        for entry in batch:
            person = found.get(entry["id"])
            if person is None:
                continue
            for field, value in entry["set"].items():
                if field == "unit":
                    person.unit_id = self.unit_pk(value)
                    fields.add("unit")
                elif field == "line_manager":
                    person.line_manager_id = self.person_pk(value)
                    fields.add("line_manager")
                else:
                    setattr(person, field, single_line(value))
                    fields.add(field)
            if entry["returning"]:
                person.is_active, person.left_on = True, None
                fields.update(["is_active", "left_on"])
            changed.append(person)
        if changed and fields:
            bulk_update_with_history(
                changed,
                Person,
                sorted(fields),
                batch_size=BATCH,
                default_user=self.by,
                default_change_reason=REASON,
            )
        self.tick(len(batch))

    def leave(self, batch):
        people = list(Person.objects.filter(pk__in=[e["id"] for e in batch], is_active=True))
        today = timezone.localdate()
        for person in people:
            # The date of leaving starts the retention clock (privacy/retention).
            person.is_active, person.left_on = False, person.left_on or today
        bulk_update_with_history(
            people,
            Person,
            ["is_active", "left_on"],
            batch_size=BATCH,
            default_user=self.by,
            default_change_reason=REASON,
        )
        self.tick(len(batch))


def managers_first(people):
    """New people in levels: a new line manager is in a level before their reports'
    (a plan has no line-management loop), so each level is made with its managers."""
    by_assignment = {p["assignment_number"]: p for p in people}
    depth = {}

    def depth_of(person):
        chain = []
        while person is not None and person["assignment_number"] not in depth:
            chain.append(person)
            manager = person["manager"]
            person = by_assignment.get(manager) if isinstance(manager, str) else None
        base = depth[person["assignment_number"]] if person is not None else -1
        for n, member in enumerate(reversed(chain), start=1):
            depth[member["assignment_number"]] = base + n
        return depth

    for person in people:
        depth_of(person)
    levels = {}
    for person in people:
        levels.setdefault(depth[person["assignment_number"]], []).append(person)
    return [levels[n] for n in sorted(levels)]


def chunks(items):
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]
