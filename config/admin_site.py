"""The Trellis admin site: administrators, and the LED team for reference data.

LED members are not administrators, but they curate reference data (the
question bank; the catalogue's vocabulary). They may open the admin; model
permissions granted to the LED group decide what they see there.
"""

import types

from django.contrib.admin import AdminSite, helpers
from django.contrib.admin.options import ModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from frontend.admin_lists import settle_list
from frontend.model_choices import read_at_once
from people.access import is_led

# Rows on a page of an admin list. Django's 100 rows took 50 to 90 ms to draw at the size
# of a trust (six columns each); a page of 25, with the list's search, reads as fast
# whatever the table's size (docs/adr/0054).
LIST_PER_PAGE = 25


class TrellisAdminSite(AdminSite):
    site_header = "Trellis administration"
    site_title = "Trellis administration"
    # No side menu of every app and model on every page: drawing it, and asking each
    # model's permissions for it, was a third of a small admin page's time. The
    # administration's home lists them, and every page links to it (docs/adr/0054).
    enable_nav_sidebar = False

    def each_context(self, request):
        """As Django's, without the side menu's list of apps (`available_apps`), which
        only the side menu reads; the home page and each app's page build their own."""
        request._trellis_without_app_list = True
        try:
            return super().each_context(request)
        finally:
            del request._trellis_without_app_list

    def get_app_list(self, request, app_label=None):
        if getattr(request, "_trellis_without_app_list", False):
            return []
        return super().get_app_list(request, app_label)

    def register(self, model_or_iterable, admin_class=None, **options):
        """As Django's, and every list counts its rows once: "N results (M total)"
        counted a growing table a second time on every page; shows LIST_PER_PAGE rows a
        page (docs/adr/0054); and reads a bounded part of its table (frontend.admin_lists,
        docs/adr/0078). Applied here so the lists of other packages' models (axes, tasks)
        do the same."""
        super().register(model_or_iterable, admin_class, **options)
        for model_admin in self._registry.values():
            self._settle(model_admin)

    def replace(self, model, admin_class):
        """The model's admin replaced by an admin_class of it, in the model's place: the
        registry's order is the order of the admin's pattern of app names, which
        unregistering and registering again would change."""
        self._registry = {
            each: self._settle(admin_class(model, self)) if each is model else model_admin
            for each, model_admin in self._registry.items()
        }

    def _settle(self, model_admin):
        model_admin.show_full_result_count = False
        if not model_admin.__dict__.get("_choices_read_at_once"):
            model_admin._choices_read_at_once = True
            for name in ("formfield_for_foreignkey", "formfield_for_manytomany"):
                setattr(model_admin, name, _reading_choices_at_once(getattr(model_admin, name)))
        if type(model_admin).action_checkbox is ModelAdmin.action_checkbox:
            model_admin.action_checkbox = types.MethodType(action_checkbox, model_admin)
        model_admin.list_per_page = min(model_admin.list_per_page, LIST_PER_PAGE)
        for inline in model_admin.inlines:
            if not issubclass(inline.formset, EmptyFormOnce):
                inline.formset = type(inline.formset.__name__, (EmptyFormOnce, inline.formset), {})
        return settle_list(model_admin)  # a bounded read of the table a page (ADR 0078)

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or is_led(user))


class EmptyFormOnce:
    """A formset whose empty form, the row the admin's "Add another" copies, is built once
    a page. Django's `BaseFormSet.empty_form` builds a new form each time it is read,
    and the admin reads it five or six times an inline (its columns, media, rows): about
    a twentieth of a person's change page, sampled (docs/adr/0090). Each form is drawn
    as before."""

    @cached_property
    def empty_form(self):
        return super().empty_form


def _reading_choices_at_once(formfield_for):
    """`formfield_for` (a model admin's formfield_for_foreignkey or _manytomany), its
    drop-downs' choices read by ChoicesReadAtOnce."""

    def formfield_for_relation(db_field, request, **kwargs):
        return read_at_once(formfield_for(db_field, request, **kwargs))

    return formfield_for_relation


def action_checkbox(model_admin, obj):
    """Django's checkbox of a row of an admin list (ModelAdmin.action_checkbox), its
    HTML written out: drawn through the form renderer's templates, a page's 25 of them
    took 6 ms of its time. The same markup, attribute for attribute."""
    label = format_html(_("Select this object for an action - {}"), str(obj))
    return format_html(
        '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
        helpers.ACTION_CHECKBOX_NAME,
        str(obj.pk),
        label,
    )


class FieldsNamedOnce:
    """For a model admin without `fields` or `fieldsets`: its form's field names read
    once, not by building a form class on every page only to read them (Django builds
    one for that, then the one the page draws; simple-history's "view an old version"
    a third). Only for an admin whose fields do not depend on who asks: the names are
    kept by the admin, for each set of read-only and excluded fields."""

    def get_fields(self, request, obj=None):
        if self.fields:
            return self.fields
        key = (
            tuple(self.get_readonly_fields(request, obj)),
            tuple(self.get_exclude(request, obj) or ()),
        )
        named = self.__dict__.setdefault("_named_fields", {})
        if key not in named:
            named[key] = super().get_fields(request, obj)
        return list(named[key])


class KnownChoiceAutocomplete(AutocompleteSelect):
    """Django's search-as-you-type chooser of one related record, which reads the chosen
    record to show its name: not when `known` is that record, already read with the
    page's own (a person's unit and line manager, read with the person). `known` is
    used only while the chooser's value is its key and the chooser offers every
    record of its model, so the option drawn is the one the read would give."""

    known = None

    def optgroups(self, name, value, attr=None):
        known, remote = self.known, self.field.remote_field
        key = (
            None
            if known is None
            else getattr(known, remote.model._meta.get_field(remote.field_name).attname)
        )
        if (
            key is None
            or [str(v) for v in value] != [str(key)]
            or self.choices.queryset.query.where
        ):
            return super().optgroups(name, value, attr)
        selected_choices = {str(key)}
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance(known)
        # As Django's: the set of chosen keys is passed as "selected".
        options.append(self.create_option(name, key, label, selected_choices, len(options)))
        return [(None, options, 0)]


def choose_known(form, *names):
    """Each named chooser of `form` (a KnownChoiceAutocomplete, within the admin's
    wrapper) told the record its instance already holds for it, if it holds one."""
    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        widget = getattr(field.widget, "widget", field.widget)
        descriptor = form.instance._meta.get_field(name)
        if isinstance(widget, KnownChoiceAutocomplete) and descriptor.is_cached(form.instance):
            widget.known = descriptor.get_cached_value(form.instance)
