"""Who may see which people and units. Every people view asks here; deny by default."""

from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q

from .models import OrganisationUnit, Person
from .roles import GROUP_ROLES, Role

_ROLES_CACHE = "_trellis_roles"


def roles_of(user):
    """The set of roles `user` holds, worked out once per request object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    roles = {Role.STAFF}
    groups, manages = _memberships(user.pk)
    roles.update(GROUP_ROLES[name] for name in groups if name in GROUP_ROLES)
    if manages:
        roles.add(Role.LINE_MANAGER)
    if user.is_staff:
        roles.add(Role.ADMINISTRATOR)
    cached = frozenset(roles)
    setattr(user, _ROLES_CACHE, cached)
    return cached


def _roles_sql():
    q = connection.ops.quote_name
    memberships = Person.groups.through._meta
    return (
        f"SELECT g.{q('name')} FROM {q(memberships.db_table)} m"
        f" JOIN {q(Group._meta.db_table)} g ON g.{q('id')} = m.{q('group_id')}"
        f" WHERE m.{q('person_id')} = %s"
        f" UNION ALL SELECT NULL WHERE EXISTS (SELECT 1 FROM {q(Person._meta.db_table)} r"
        f" WHERE r.{q('line_manager_id')} = %s AND r.{q('is_active')} = %s)"
    )


def _memberships(pk):
    """(the person's group names, whether they manage anyone active), in one round
    trip. Every page asks (the menu, the access rules), so this is plain SQL: the
    two ORM queries it replaces cost several times more to build than to run."""
    with connection.cursor() as cursor:
        cursor.execute(_roles_sql(), [pk, pk, True])
        names = [name for (name,) in cursor.fetchall()]
    return [n for n in names if n is not None], None in names


def is_hr(user):
    return Role.HR in roles_of(user)


def is_led(user):
    return Role.LED in roles_of(user)


def is_line_manager(user):
    return Role.LINE_MANAGER in roles_of(user)


def is_administrator(user):
    return Role.ADMINISTRATOR in roles_of(user)


def direct_reports(user):
    """The active people `user` line manages directly."""
    return Person.objects.filter(line_manager=user, is_active=True).select_related("unit")


def people_in_unit(unit):
    """Everyone in `unit` and every unit below it: one prefix query, any depth."""
    return Person.objects.filter(unit__path__startswith=unit.path, is_active=True)


def leavers_in_unit(unit):
    """The people who have left `unit` or a unit below it (not active, with the unit
    they left), for HR answering a former member of staff (a subject access request).
    An erased person has no unit, so is never here."""
    return Person.objects.filter(unit__path__startswith=unit.path, is_active=False)


def hr_units(user):
    """The top units of `user`'s HR scope (empty unless they are HR)."""
    if not is_hr(user):
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(pk__in=user.hr_scopes.values("unit"))


_HR_PATHS_CACHE = "_trellis_hr_paths"


def hr_scope_paths(user):
    """The tree paths of `user`'s HR units, sorted: one query per request object, as
    `roles_of` (every scoped rule on a page asks for them)."""
    cached = getattr(user, _HR_PATHS_CACHE, None)
    if cached is None:
        cached = tuple(hr_units(user).order_by("path").values_list("path", flat=True))
        setattr(user, _HR_PATHS_CACHE, cached)
    return cached


def _hr_scope_q(user, prefix):
    """A Q for anything whose unit (reached by `prefix`) lies in `user`'s HR scope."""
    paths = hr_scope_paths(user)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def units_visible_to(user):
    """Units whose member list `user` may read: HR's scope, or all for administrators."""
    if is_administrator(user):
        return OrganisationUnit.objects.all()
    return OrganisationUnit.objects.filter(_hr_scope_q(user, prefix=""))


def people_visible_to(user):
    """People whose record `user` may read: themself, their reports, HR scope, or all."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    people = Person.objects.select_related("unit", "line_manager")
    if is_administrator(user):
        return people
    q = Q(pk=user.pk) | Q(line_manager=user)
    if is_hr(user):
        q |= _hr_scope_q(user, prefix="unit__")
    return people.filter(q)


def can_view_person(user, person):
    return people_visible_to(user).filter(pk=person.pk).exists()
