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
    return sorted(access.hr_units(user).values_list("path", flat=True))


def runs_visible_to(user):
    """The import runs `user` asked for, while they may still import: a run is its
    requester's alone (it lists people in their scope)."""
    if not can_import(user):
        return EsrImportRun.objects.none()
    return EsrImportRun.objects.filter(requested_by=user)
