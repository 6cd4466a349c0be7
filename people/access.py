"""Who may see which people and units. Every people view asks here; deny by default."""

from functools import cache

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q

from .models import HRScope, OrganisationUnit, Person
from .roles import GROUP_ROLES, Role
from .sql import Read, fetch

_ROLES_CACHE = "_trellis_roles"
_HR_PATHS_CACHE = "_trellis_hr_paths"
_FLAGS_CACHE = "_trellis_reader_flags"
# Yes-or-no questions other apps ask of every reader, answered by the reader's one round
# trip (register_reader_flag): {tag: (SQL of an EXISTS subquery, its parameters)}.
_reader_flags = {}


def roles_of(user):
    """The set of roles `user` holds, worked out once per request object. The same
    round trip reads the paths of their HR units (`hr_scope_paths`) and Django's
    permissions (`user.has_perm`), so a page asking all three reads the reader once."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    reader = _reader(user.pk)
    roles = {Role.STAFF}
    roles.update(GROUP_ROLES[name] for name in reader["g"] if name in GROUP_ROLES)
    if reader["m"]:
        roles.add(Role.LINE_MANAGER)
    if user.is_staff:
        roles.add(Role.ADMINISTRATOR)
    cached = frozenset(roles)
    setattr(user, _ROLES_CACHE, cached)
    setattr(user, _FLAGS_CACHE, reader["f"])
    if not hasattr(user, _HR_PATHS_CACHE):
        paths = sorted(reader["h"]) if Role.HR in cached else []
        setattr(user, _HR_PATHS_CACHE, tuple(paths))
    # Django's own cache of the person's permissions (ModelBackend and the backends
    # built on it read `_perm_cache`); a superuser's are all, and Django reads them.
    if user.is_active and not user.is_superuser and not hasattr(user, "_perm_cache"):
        user._perm_cache = set(reader["p"])
    return cached


def roles_reads(user):
    """The read `roles_of(user)` will make (a list of one people.sql.Read), to send ahead
    with a page's own reads (people.sql.read_ahead): every page's menu asks the roles,
    and sent with the page's first reads they cost no round trip of their own. Empty
    when they are read already for this request object, or nobody is signed in."""
    if not getattr(user, "is_authenticated", False) or hasattr(user, _ROLES_CACHE):
        return []
    return [_reader_read(user.pk)]


def register_reader_flag(tag, sql, params=None):
    """Ask `sql` of every signed-in reader in the same round trip as their roles: a
    SELECT for an EXISTS test, naming the reader's key %(pk)s and its own `params` (a
    dict of named parameters, their names unique to it). `reader_flag(user, tag)` (tag:
    a str) then answers whether it found a row. For an app's AppConfig.ready(), before
    the first request; raises ValueError for a tag that is not an identifier, or a tag
    or parameter name already taken."""
    params = params or {}
    taken = {"pk", "yes"} | {name for _, (_, p) in _reader_flags.items() for name in p}
    if not tag.isidentifier() or tag in _reader_flags or taken & set(params):
        raise ValueError(f"Reader flag {tag!r} or one of its parameters is already taken.")
    _reader_flags[tag] = (sql, dict(params))
    _reader_sql.cache_clear()


def reader_flag(user, tag):
    """Whether the question registered as `tag` (register_reader_flag) found a row for
    `user`: False for nobody signed in. Read with the roles, once per request object."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles_of(user)
    return tag in getattr(user, _FLAGS_CACHE, ())


def _reader_read(pk):
    params = {"pk": pk, "yes": True}
    for _, flag_params in _reader_flags.values():
        params.update(flag_params)
    return Read(_reader_sql(), params)


@cache
def _reader_sql():
    """One query of tagged rows: g (a group's name), m (manages someone active), h (an
    HR unit's path), p (a permission, "app_label.codename", Django's rule: the
    person's own and their groups'), f (a registered flag's tag, when its test finds a
    row: register_reader_flag)."""
    q = connection.ops.quote_name
    memberships = q(Person.groups.through._meta.db_table)
    own = q(Person.user_permissions.through._meta.db_table)
    granted = q(Group.permissions.through._meta.db_table)
    return (
        f"SELECT 'g', g.{q('name')}, NULL FROM {memberships} m"
        f" JOIN {q(Group._meta.db_table)} g ON g.{q('id')} = m.{q('group_id')}"
        f" WHERE m.{q('person_id')} = %(pk)s"
        f" UNION ALL SELECT 'm', NULL, NULL WHERE EXISTS (SELECT 1"
        f" FROM {q(Person._meta.db_table)} r"
        f" WHERE r.{q('line_manager_id')} = %(pk)s AND r.{q('is_active')} = %(yes)s)"
        f" UNION ALL SELECT 'h', u.{q('path')}, NULL FROM {q(HRScope._meta.db_table)} s"
        f" JOIN {q(OrganisationUnit._meta.db_table)} u ON u.{q('id')} = s.{q('unit_id')}"
        f" WHERE s.{q('person_id')} = %(pk)s"
        f" UNION ALL SELECT 'p', t.{q('app_label')}, p.{q('codename')}"
        f" FROM {q(Permission._meta.db_table)} p"
        f" JOIN {q(ContentType._meta.db_table)} t ON t.{q('id')} = p.{q('content_type_id')}"
        f" WHERE p.{q('id')} IN (SELECT o.{q('permission_id')} FROM {own} o"
        f" WHERE o.{q('person_id')} = %(pk)s"
        f" UNION SELECT a.{q('permission_id')} FROM {granted} a"
        f" JOIN {memberships} b ON b.{q('group_id')} = a.{q('group_id')}"
        f" WHERE b.{q('person_id')} = %(pk)s)"
    ) + "".join(
        f" UNION ALL SELECT 'f', '{tag}', NULL WHERE EXISTS ({sql})"
        for tag, (sql, _) in sorted(_reader_flags.items())
    )


def _reader(pk):
    """{"g": group names, "m": manages someone active, "h": HR unit paths, "p":
    permissions} of the person `pk`, in one round trip. Every page asks (the menu, the
    access rules), so this is plain SQL: the ORM queries it replaces (four) cost
    several times more to build than to run (docs/adr/0048, 0052)."""
    rows = fetch(_reader_read(pk))
    return {
        "g": [a for kind, a, _ in rows if kind == "g"],
        "m": any(kind == "m" for kind, _, _ in rows),
        "h": [a for kind, a, _ in rows if kind == "h"],
        "p": {f"{a}.{b}" for kind, a, b in rows if kind == "p"},
        "f": frozenset(a for kind, a, _ in rows if kind == "f"),
    }


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


def hr_scope_paths(user):
    """The tree paths of `user`'s HR units, sorted (empty unless they are HR): read
    with their roles (`roles_of`), once per request object, since every scoped rule on
    a page asks for them."""
    if not getattr(user, "is_authenticated", False):
        return ()
    roles_of(user)
    cached = getattr(user, _HR_PATHS_CACHE, None)
    if cached is None:  # roles given to the object some other way
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
