"""The dry run: what an ESR extract would change, worked out in memory from the file and
two queries (world.load), never a query per row (docs/esr-import.md).

The plan is plain JSON, stored on the EsrImportRun, shown on the report page and done
as it is by applying.py. A person is matched by assignment number, then by employee
number, never by name. Every row that cannot be used is listed with its line and one
reason; the others are planned without it.
"""

from collections import Counter

from ..models import OrganisationUnit, Person
from . import checks, world

KINDS = [OrganisationUnit.Kind.ORGANISATION, OrganisationUnit.Kind.DIRECTORATE,
         OrganisationUnit.Kind.DEPARTMENT]  # fmt: skip
# What the report calls each field a row can change, in the report's order.
LABELS = {
    "given_name": "First name", "family_name": "Last name", "email": "Work email",
    "job_title": "Position title", "pay_band": "Pay band", "staff_group": "Staff group",
    "assignment_number": "Assignment number", "employee_number": "Employee number",
}  # fmt: skip
PLAIN = tuple(LABELS)


PROTECTED = ("this is you, or someone with HR, LED or administrator rights in Trellis: only "
             "an administrator's import can change their record")  # fmt: skip
# An HR import changes no one's work email: it is the account's address, so a changed
# one would let the importer reset the password and read that person's private records.
EMAIL_CHANGE = ("a change of work email: it is the address they sign in with, so only an "
                "administrator's import can change it")  # fmt: skip
IMPORTER_MANAGER = ("this would make you their line manager: only an administrator's import "
                    "can")  # fmt: skip
OUTSIDE_MANAGER = ("the supervisor is outside your HR scope: only an administrator's import "
                   "can make them a line manager here")  # fmt: skip


def kind_at(depth):
    """A new unit's kind by its level: organisation, directorate, department, then team."""
    return KINDS[depth - 1] if depth <= len(KINDS) else OrganisationUnit.Kind.TEAM


def in_scope(path, scope):
    return scope is None or (path is not None and path.startswith(tuple(scope)))


class Planner:
    """Works out one plan. `scope`: None (everyone: an administrator or the command
    line), or the paths of the HR person's scope units."""

    def __init__(self, rows, mapping, *, scope=None, requester_pk=None):
        self.rows, self.mapping, self.scope = rows, mapping, scope
        self.requester_pk = requester_pk
        self.world = world.load()
        self.problems = {}  # line → (assignment, reason, name as the row gives it)

    def refuse(self, found, reason):
        self.problems.setdefault(found.line, (found.assignment, reason, found.name))

    # Steps -------------------------------------------------------------------------

    def plan(self):
        candidates = self._candidates()
        self._duplicates(candidates)
        live = [c for c in candidates if c.line not in self.problems]
        self._match(live)
        live = [c for c in live if c.line not in self.problems]
        staying = [c for c in live if not c.leaving]
        self.moves = self._moves(staying) if self.scope is None else {}
        self._units(staying)
        staying = [c for c in staying if c.line not in self.problems]
        seen = {row.values.get("assignment_number", "").strip() for row in self.rows}
        leavers = self._leavers([c for c in live if c.leaving], seen)
        managers = self._supervisors(staying, set(leavers))
        staying = [c for c in staying if c.line not in self.problems]
        return self._result(staying, managers, leavers)

    def _candidates(self):
        statuses = self.mapping.leaver_status_set
        found = []
        for row in self.rows:
            try:
                found.append(checks.candidate(row, statuses))
            except ValueError as error:
                values = row.values
                assignment = values.get("assignment_number", "")
                name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
                self.problems[row.line] = (assignment, str(error), name)
        return found

    def _duplicates(self, candidates):
        for attribute, what in (("assignment", "duplicate assignment number"),
                                ("employee", "duplicate employee number"),
                                ("email", "duplicate work email")):  # fmt: skip
            lines = {}
            for c in candidates:
                value = getattr(c, attribute)
                if value:
                    lines.setdefault(value, []).append(c.line)
            for c in candidates:
                others = [n for n in lines.get(getattr(c, attribute), []) if n != c.line]
                if others:
                    shown = ", ".join(str(n) for n in others[:5])
                    self.refuse(c, f"{what} \u201c{getattr(c, attribute)}\u201d, also on line "
                                   f"{shown}")  # fmt: skip

    def _match(self, live):
        w = self.world
        for c in live:
            by_assignment = w.by_assignment.get(c.assignment)
            by_employee = w.by_employee.get(c.employee)
            person = by_assignment or by_employee
            if by_assignment and by_employee and by_assignment is not by_employee:
                self.refuse(
                    c,
                    f"the employee number {c.employee} belongs to another person "
                    f"in Trellis (assignment {by_employee['assignment_number']})",
                )
                continue
            holder = w.by_email.get(c.email) if c.email else None
            if person is None and _unnumbered(holder):
                # The first load: someone Trellis knew before it kept ESR numbers (typed
                # in, or made at a first sign-in) gets the file's numbers, once.
                person = holder
            if holder is not None and holder is not person:
                self.refuse(c, f"the work email {c.email} belongs to another person in Trellis")
                continue
            if person is not None and not self._person_in_scope(person):
                self.refuse(c, "outside your HR scope: this person is in a unit you do not "
                               "look after")  # fmt: skip
                continue
            if person is not None and person["pk"] == self.requester_pk and c.leaving:
                self.refuse(c, "this is you: you cannot mark yourself as a leaver")
                continue
            if person is not None and c.leaving and self._protected(person):
                self.refuse(c, PROTECTED)
                continue
            c.person = person

    def _protected(self, person):
        """True when an HR import may not change `person`: the importer themself, or
        someone holding HR, LED or administrator rights (a changed email would let the
        importer reset their password). An administrator's import may."""
        return self.scope is not None and (
            person["pk"] == self.requester_pk or person["pk"] in self.world.privileged
        )

    def _is_importer(self, manager):
        """True when an HR import would make the importer the line manager: that gives
        them the person's private records, which HR never reads."""
        return self.scope is not None and manager is not None and manager == self.requester_pk

    def _outside(self, manager):
        """True when an HR import would make someone outside its scope a line manager
        (which gives them the reports' records)."""
        person = self.world.by_pk.get(manager) if isinstance(manager, int) else None
        return person is not None and not self._person_in_scope(person)

    def _person_in_scope(self, person):
        unit = self.world.units.get(person["unit_id"])
        return in_scope(unit and unit["path"], self.scope)

    def _moves(self, staying):
        """Units the file places under another parent: a file's unit not in the tree
        whose name is that of exactly one unit, which the file does not name where it is
        now. pk → the names of its new place."""
        wanted = {c.levels[:n] for c in staying for n in range(1, len(c.levels) + 1)}
        existing = self.world.unit_by_names
        by_name = Counter(unit["name"] for unit in self.world.units.values())
        named = Counter(names[-1] for names in wanted)
        moves = {}
        for names in sorted(wanted, key=len):
            if names in existing or len(names) < 2:
                continue
            leaf = names[-1]
            if by_name[leaf] != 1 or named[leaf] != 1:
                continue
            pk = next(pk for pk, u in self.world.units.items() if u["name"] == leaf)
            now = self.world.units[pk]["names"]
            if now in wanted or names[: len(now)] == now or now[:-1] == names[:-1]:
                continue
            moves[pk] = names
        return moves

    def _future_units(self):
        """names → pk of every unit once the moves are made."""
        future = {}
        units = self.world.units
        for pk in sorted(units, key=lambda pk: units[pk]["depth"]):
            unit = units[pk]
            if pk in self.moves:
                future_names = self.moves[pk]
            else:
                parent = unit["path"][: -OrganisationUnit.steplen]
                parent_pk = self._pk_by_path.get(parent)
                base = self._future_names[parent_pk] if parent_pk else ()
                future_names = (*base, unit["name"])
            self._future_names[pk] = future_names
            future[future_names] = pk
        return future

    def _units(self, staying):
        self._pk_by_path = {u["path"]: pk for pk, u in self.world.units.items()}
        self._future_names = {}
        future = self._future_units()
        self.new_units = set()
        for names in self.moves.values():  # a unit moved under a unit that is new
            self.new_units.update(
                names[:n] for n in range(1, len(names)) if names[:n] not in future
            )
        for c in staying:
            names = c.levels
            depth = len(names)
            while depth and names[:depth] not in future:
                depth -= 1
            anchor = future.get(names[:depth]) if depth else None
            path = self.world.units[anchor]["path"] if anchor else None
            if not in_scope(path, self.scope):
                self.refuse(c, f"outside your HR scope: the unit {' > '.join(names)} is not "
                               "one you look after")  # fmt: skip
                continue
            if depth == len(names):
                c.unit = anchor
            else:
                c.unit = list(names)
                self.new_units.update(names[:n] for n in range(depth + 1, len(names) + 1))

    def _leavers(self, leaving, seen):
        """pk → line (None: not in the file) of each active person who leaves. The
        importer is never a leaver for being missing from the file (an administrator's
        own import would sign them out for good)."""
        leavers = {}
        for c in leaving:
            if c.person is not None and c.person["is_active"]:
                leavers[c.person["pk"]] = c.line
        # Everyone a full extract should list: the measure of how much a file leaves out.
        self.expected = 0
        if self.mapping.absent_are_leavers:
            for person in self.world.people:
                if (person["is_active"] and person["assignment_number"]
                        and person["pk"] != self.requester_pk
                        and not self._protected(person)
                        and self._person_in_scope(person)):  # fmt: skip
                    self.expected += 1
                    if person["assignment_number"] not in seen:
                        leavers.setdefault(person["pk"], None)
        return leavers

    def _supervisors(self, staying, leaving_pks):
        """Each staying row's line manager: None, a person's pk, or the assignment number
        of a new person. Rows whose supervisor is not usable, or who would manage
        themselves through a chain, are refused, until nothing changes."""
        w = self.world
        while True:
            usable = {c.assignment: c for c in staying if c.line not in self.problems}
            managers = {}
            for c in usable.values():
                if not c.supervisor:
                    managers[c.line] = None
                    continue
                row = usable.get(c.supervisor)
                person = w.by_assignment.get(c.supervisor)
                if row is not None:
                    managers[c.line] = row.person["pk"] if row.person else row.assignment
                elif person and person["is_active"] and person["pk"] not in leaving_pks:
                    managers[c.line] = person["pk"]
                else:
                    self.refuse(c, f"unknown supervisor: no active person has the assignment "
                                   f"number {c.supervisor}")  # fmt: skip
            if not self._loops(usable, managers):
                return managers

    def _loops(self, usable, managers):
        """Refuse the rows in a line-management loop; True if any was refused."""

        def key(c):
            return c.person["pk"] if c.person else c.assignment

        boss = {pk: p["line_manager_id"] for pk, p in self.world.by_pk.items()}
        rows_of = {}
        for c in usable.values():
            if c.line in managers:
                boss[key(c)] = managers[c.line]
                rows_of[key(c)] = c
        state, refused = {}, False
        for start in rows_of:
            chain, node = [], start
            while node is not None and node not in state:
                state[node] = start
                chain.append(node)
                node = boss.get(node)
            if node is not None and state[node] == start:  # a loop closed in this walk
                loop = chain[chain.index(node) :]
                names = " \u2192 ".join(self._label(n, rows_of) for n in [*loop, node])
                for member in loop:
                    if member in rows_of:
                        self.refuse(rows_of[member], f"a line-management loop: {names}")
                        refused = True
        return refused

    def _label(self, node, rows_of):
        if node in rows_of:
            return rows_of[node].assignment
        person = self.world.by_pk.get(node)
        return (person and person["assignment_number"]) or str(node)

    # The plan ----------------------------------------------------------------------

    def _unit_text(self, unit, *, now=False):
        if unit is None:
            return "none"
        if isinstance(unit, list):
            return " > ".join(unit)
        names = self.world.units[unit]["names"] if now else self._future_names[unit]
        return " > ".join(names)

    def _manager_text(self, manager, new_names):
        if manager is None:
            return "none"
        if isinstance(manager, str):
            return f"{new_names.get(manager, '')} ({manager})"
        person = self.world.by_pk[manager]
        name = f"{person['given_name']} {person['family_name']}".strip()
        return f"{name} ({person['assignment_number']})" if person["assignment_number"] else name

    def _result(self, staying, managers, leavers):
        w = self.world
        new_names = {c.assignment: c.name for c in staying if c.person is None}
        plan = {"new_units": [], "moved_units": [], "new_people": [], "changed": [],
                "leavers": [], "returners": [], "unchanged": 0}  # fmt: skip
        for names in sorted(self.new_units, key=lambda n: (len(n), n)):
            plan["new_units"].append({"names": list(names), "kind": kind_at(len(names))})
        for pk, names in self.moves.items():
            plan["moved_units"].append({"id": pk, "from": " > ".join(w.units[pk]["names"]),
                                        "to": list(names)})  # fmt: skip
        for c in staying:
            manager = managers[c.line]
            if self._is_importer(manager) and (
                c.person is None or manager != c.person["line_manager_id"]
            ):
                self.refuse(c, IMPORTER_MANAGER)
                continue
            if c.person is None:
                if self._outside(manager):
                    self.refuse(c, OUTSIDE_MANAGER)
                    continue
                plan["new_people"].append(self._new_person(c, manager, new_names))
                continue
            entry = self._changes(c, manager, new_names)
            if (entry["set"] or entry["returning"]) and self._protected(c.person):
                self.refuse(c, PROTECTED)
                continue
            if "line_manager" in entry["set"] and self._outside(manager):
                self.refuse(c, OUTSIDE_MANAGER)
                continue
            if "email" in entry["set"] and self.scope is not None:
                self.refuse(c, EMAIL_CHANGE)
                continue
            if entry["set"] or entry["returning"]:
                plan["changed"].append(entry)
                if entry["returning"]:
                    plan["returners"].append(
                        {
                            "line": c.line,
                            "id": c.person["pk"],
                            "name": c.name,
                            "assignment_number": c.assignment,
                        }
                    )
            else:
                plan["unchanged"] += 1
        for pk, line in leavers.items():
            person = w.by_pk[pk]
            plan["leavers"].append({
                "line": line, "id": pk, "assignment_number": person["assignment_number"],
                "name": f"{person['given_name']} {person['family_name']}".strip(),
            })  # fmt: skip
        plan["expected"] = self.expected
        plan["problems"] = [
            {"line": line, "assignment_number": assignment, "reason": reason, "name": name}
            for line, (assignment, reason, name) in sorted(self.problems.items())
        ]
        return plan

    def _new_person(self, c, manager, new_names):
        return {
            "line": c.line, "name": c.name, "assignment_number": c.assignment,
            "employee_number": c.employee, "email": c.email, "given_name": c.given_name,
            "family_name": c.family_name, "job_title": c.job_title, "pay_band": c.pay_band,
            "staff_group": c.staff_group, "unit": c.unit, "manager": manager,
            "start": c.start.isoformat() if c.start else None,
            "unit_shown": self._unit_text(c.unit),
            "manager_shown": self._manager_text(manager, new_names),
        }  # fmt: skip

    def _changes(self, c, manager, new_names):
        """What changes for the matched person of `c`: "set" (field → new value, for the
        apply) and "shown" ([label, old, new], for the report)."""
        person = c.person
        values = {**{field: getattr(c, field) for field in PLAIN if hasattr(c, field)},
                  "assignment_number": c.assignment, "employee_number": c.employee}  # fmt: skip
        set_, shown = {}, []
        for field in PLAIN:
            if (person[field] or "") != values[field]:
                set_[field] = values[field]
                shown.append([LABELS[field], _shown(field, person[field]),
                              _shown(field, values[field])])  # fmt: skip
        if c.unit != person["unit_id"]:
            set_["unit"] = c.unit
            shown.append(["Unit", self._unit_text(person["unit_id"], now=True),
                          self._unit_text(c.unit)])  # fmt: skip
        if manager != person["line_manager_id"]:
            set_["line_manager"] = manager
            shown.append(["Line manager",
                          self._manager_text(person["line_manager_id"], new_names),
                          self._manager_text(manager, new_names)])  # fmt: skip
        return {"line": c.line, "id": person["pk"], "name": c.name,
                "assignment_number": c.assignment, "set": set_, "shown": shown,
                "returning": not person["is_active"]}  # fmt: skip


# Coded fields are shown by their names, as everywhere else ("Band 8a", not "8b").
NAMES = {"pay_band": dict(Person.PayBand.choices), "staff_group": dict(Person.StaffGroup.choices)}


def _shown(field, value):
    return NAMES.get(field, {}).get(value, value or "")


def _unnumbered(person):
    """True for a person Trellis holds with neither ESR number."""
    return person is not None and not person["assignment_number"] and not person["employee_number"]


def plan(rows, mapping, *, scope=None, requester_pk=None):
    """(the plan of `rows` read through `mapping`, the digest of the world it was made
    against). `scope`: None for everyone, else the HR scope units' paths."""
    planner = Planner(rows, mapping, scope=scope, requester_pk=requester_pk)
    return planner.plan(), planner.world.digest
