"""The people and units an import compares a file with, loaded in two queries, and the
digest of them that tells whether anything changed since a dry run."""

import hashlib
from dataclasses import dataclass

from django.db.models import Q

from ..models import OrganisationUnit, Person

PERSON_FIELDS = (
    "pk", "assignment_number", "employee_number", "email", "given_name", "family_name",
    "job_title", "pay_band", "staff_group", "unit_id", "line_manager_id", "is_active",
)  # fmt: skip
UNIT_FIELDS = ("pk", "path", "name", "depth")


@dataclass
class World:
    people: list  # dicts of PERSON_FIELDS
    units: dict  # pk → {"path", "name", "depth", "names": tuple of names from the root}
    digest: str
    # People holding HR, LED or administrator rights (a group, a permission, staff or
    # superuser status): only an administrator's import may change them.
    privileged: frozenset = frozenset()

    def __post_init__(self):
        self.by_assignment = {p["assignment_number"]: p for p in self.people
                              if p["assignment_number"]}  # fmt: skip
        self.by_employee = {p["employee_number"]: p for p in self.people if p["employee_number"]}
        self.by_email = {p["email"]: p for p in self.people}
        self.by_pk = {p["pk"]: p for p in self.people}
        self.unit_by_names = {unit["names"]: pk for pk, unit in self.units.items()}


def load():
    """Every person and unit as the import sees them, and their digest."""
    people = list(Person.objects.order_by("pk").values(*PERSON_FIELDS))
    rows = OrganisationUnit.objects.order_by("depth", "path").values_list(*UNIT_FIELDS)
    by_path, units = {}, {}
    step = OrganisationUnit.steplen
    for pk, path, name, depth in rows:
        parent = by_path.get(path[:-step], ())
        names = (*parent, name)
        by_path[path] = names
        units[pk] = {"path": path, "name": name, "depth": depth, "names": names}
    digest = hashlib.sha256()
    for person in people:
        digest.update(repr(tuple(person[f] for f in PERSON_FIELDS)).encode())
    for pk in sorted(units):
        digest.update(repr((pk, units[pk]["path"], units[pk]["name"])).encode())
    privileged = frozenset(Person.objects.filter(
        Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False)
        | Q(user_permissions__isnull=False)
    ).values_list("pk", flat=True))  # fmt: skip
    digest.update(repr(sorted(privileged)).encode())  # a role given since: stale too
    return World(people, units, digest.hexdigest(), privileged)
