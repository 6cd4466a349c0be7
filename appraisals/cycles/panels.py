"""Navigation this topic adds, and the hook that moves appraisals to a new line manager
(registered in AppConfig.ready())."""

from uuid import UUID

from django.db.models.signals import post_save, pre_save

from people.navigation import NavItem, covering, link, register_nav

from .. import access

_BEFORE = "_appraisals_line_manager_before"


def nav(request):
    """HR and administrators see "Appraisal cycles"; nobody else does."""
    if access.can_run_cycles(request.user):
        # HR's work on one appraisal (/appraisals/<pk>/…), a whole cycle's booklets
        # (/appraisals/exports/…, /appraisals/booklets/…) is in this section.
        covers = (
            covering("appraisals:yours"),
            covering("appraisals:booklet-export", UUID(int=0), segments=2),
            covering("appraisals:booklet-check", segments=2),
        )
        return [NavItem("Appraisal cycles", link("appraisals:cycle-list"), order=70,
                        covers=covers)]  # fmt: skip
    return []


def remember_line_manager(sender, instance, raw=False, update_fields=None, **kwargs):
    """Note the line manager a Person had before this save (one query, and only when
    the save may change it: signing in saves last_login alone)."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "line_manager" not in update_fields:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("line_manager_id", flat=True)
    setattr(instance, _BEFORE, before.first())


def follow_line_manager(sender, instance, created=False, raw=False, **kwargs):
    """After a Person's line manager changed (the admin, the shell, an import: every
    path that saves the person), move their open appraisals to the new manager."""
    if raw or created or not hasattr(instance, _BEFORE):
        return
    before = getattr(instance, _BEFORE)
    delattr(instance, _BEFORE)
    if before == instance.line_manager_id:
        return
    from .services import move_to_new_appraiser

    old = sender.objects.filter(pk=before).first() if before else None
    move_to_new_appraiser(person=instance, old_manager=old, new_manager=instance.line_manager)


def register():
    """Register this topic's navigation item and the line-manager hook."""
    from people.models import Person

    register_nav(nav)
    from ..reports import panels as reports  # HR's management information on the home page

    reports.register()
    from ..exports import panels as exports_panels  # HR's booklet exports

    exports_panels.register()
    pre_save.connect(remember_line_manager, sender=Person, dispatch_uid="appraisals-lm-before")
    post_save.connect(follow_line_manager, sender=Person, dispatch_uid="appraisals-lm-after")
