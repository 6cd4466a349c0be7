"""Who may import staff from ESR, and which runs they see. Deny by default: anyone else
gets a 404, as if there were no such page (docs/esr-import.md)."""

from .. import access
from .models import EsrImportRun


def can_import(user):
    """Administrators, and HR with at least one unit in their scope."""
    if access.is_administrator(user):
        return True
    return access.is_hr(user) and access.hr_units(user).exists()


def scope_of(user):
    """None (everyone) for an administrator; else the paths of the HR scope's units,
    sorted, each covering the units below it."""
    if access.is_administrator(user):
        return None
    return list(access.hr_scope_paths(user))  # sorted, read with the roles


def runs_visible_to(user):
    """The import runs `user` asked for, while they may still import and their scope is
    the one the run was checked for: a run is its requester's alone, and it lists the
    people of that scope (HR moved to other units no longer reads the old ones')."""
    if not can_import(user):
        return EsrImportRun.objects.none()
    return EsrImportRun.objects.filter(requested_by=user, plan__scope=scope_of(user))
