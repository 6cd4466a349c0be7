"""The administrator's view of people, units, HR scopes and the read audit."""

import copy

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Sum
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from config.admin_site import KnownChoiceAutocomplete, choose_known
from frontend.admin_deletes import CountedDeletes
from frontend.forms import PlainErrors

from .audit import shown
from .equality.models import VIEW_PERMISSION, EqualityInformation
from .forms import IdentityEmailField
from .models import HRScope, OrganisationUnit, Person, RecordView


class PersonChangeForm(PlainErrors, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = Person
        fields = "__all__"
        field_classes = {"email": IdentityEmailField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choose_known(self, "unit", "line_manager")  # read with the person (get_object)


class PersonCreationForm(PlainErrors, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = Person
        fields = ("email", "given_name", "family_name")
        field_classes = {"email": IdentityEmailField}


class HRScopeInline(admin.TabularInline):
    model = HRScope
    fields = ["unit"]  # named: no formset class built only to read them
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin, UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    # With the key last, the list reads a page from the name index (person_by_name)
    # instead of sorting every person; Django adds "-pk" to an ordering without it.
    ordering = ["family_name", "given_name", "pk"]
    list_display = ["email", "full_name", "job_title", "pay_band", "unit", "line_manager"]
    list_filter = ["is_active", "is_staff", "groups", "pay_band", "staff_group"]

    def lookup_allowed(self, lookup, value, request=None):
        """No filtering people by their equality monitoring answers, not even by whether
        they gave any: those answers are read only with their own permission
        (docs/adr/0033), and a filter would tell them one person at a time."""
        if lookup.startswith("equality_information"):
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_delete_permission(self, request, obj=None):
        """Nobody deletes a person here: a leaver is made inactive, and a person's
        records are removed by "Erase this person" (privacy/erasure), which keeps the
        audit of it and refuses what would break others' records."""
        return False

    search_fields = [
        "email", "given_name", "family_name", "assignment_number", "employee_number"
    ]  # fmt: skip
    autocomplete_fields = ["unit", "line_manager"]
    list_select_related = ["unit", "line_manager"]
    inlines = [HRScopeInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profile",
            {
                "fields": (
                    "given_name",
                    "family_name",
                    "job_title",
                    "pay_band",
                    "staff_group",
                    "employee_number",
                    "assignment_number",
                    "unit",
                    "line_manager",
                )
            },
        ),
        (
            "Roles",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups"),
                "description": (
                    "Everyone has the staff role, and the line manager role while they "
                    "have an active direct report. Tick LED or HR under Groups to give that "
                    "role; an HR person works with the people of the units in their HR "
                    "scopes, below. Tick Administrator only for those who run Trellis: it "
                    "opens this administration."
                ),
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined", "left_on")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "given_name", "family_name", "password1", "password2"),
            },
        ),
    )
    # When they last signed in, and the day they joined (ESR's assignment start date, or
    # when their account was made), are set by Trellis: shown, not offered to type.
    readonly_fields = ("last_login", "date_joined")
    # Adds "Erase this person" (privacy/erasure) to the page's tools.
    change_form_template = "privacy/erasure/admin_person_change_form.html"

    # The person's unit and line manager are read with the person, for their choosers.
    CHOSEN = ("unit", "line_manager")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """The roles granted by a group (LED, HR: people.roles) as a checkbox each, not
        Django's two-pane chooser, which is for picking from a long list."""
        if db_field.name == "groups" and "widget" not in kwargs:
            kwargs["widget"] = forms.CheckboxSelectMultiple
            # The roles are told in the fieldset's description. A help text would be
            # pointed at by an id Django leaves empty for a group of checkboxes.
            kwargs["help_text"] = ""
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """As Django's, without its link to add a group beside the roles: a new group
        gives no role in Trellis, and Django's pop-up cannot tick a new checkbox."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "groups" and hasattr(formfield.widget, "can_add_related"):
            formfield.widget.can_add_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.CHOSEN and "widget" not in kwargs:
            using = kwargs.get("using")
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        """A person's record opened here is a read of it, like anywhere else. As
        Django's, with the person's unit and line manager (CHOSEN) in the same read."""
        queryset = self.get_queryset(request).select_related(*self.CHOSEN)
        field = Person._meta.pk if from_field is None else Person._meta.get_field(from_field)
        try:
            person = queryset.get(**{field.name: field.to_python(object_id)})
        except (Person.DoesNotExist, ValidationError, ValueError):
            return None
        return shown(request, person, person)

    def history_view(self, request, object_id, extra_context=None):
        """The change history of a person's record is a read of it too."""
        response = super().history_view(request, object_id, extra_context)
        return self._history_shown(request, response, object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version of a person's record, as it was: a read of it."""
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return self._history_shown(request, response, object_id)

    def _history_shown(self, request, response, object_id):
        if response.status_code == 200:  # the admin found the person: object_id is theirs
            person = Person.objects.get(pk=object_id)
            shown(request, person, person)
        return response


class UnitMoveForm(PlainErrors, movenodeform_factory(OrganisationUnit)):
    def _set_ref_model_queryset(self, opts, instance):
        """As treebeard's, without reading the unit's descendants into Python to leave
        them out (1,141 rows for the top of a trust's tree): a unit and those below it
        are the units whose path starts with its own."""
        units = opts.model.objects.get_tree()
        if instance is not None and instance.pk:
            units = units.exclude(path__startswith=instance.path)
        self.fields["treebeard_ref_node"].queryset = units


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(CountedDeletes, SimpleHistoryAdmin, TreeAdmin):
    # Its people, their HR scopes (CASCADE), cycles and downloads all make it in use.
    in_use_advice = "Move its people and the units beneath it to other units first."
    form = UnitMoveForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        """treebeard's form, its "Relative to" unit chosen by a search (Django's
        autocomplete, this admin's search_fields) instead of a drop-down of every unit
        of the tree (docs/adr/0050). The autocomplete is asked as for a person's unit,
        the relation to a unit the admin already searches; a unit the move cannot take
        (the unit itself, one below it) is still refused when the form is sent."""
        form = super().get_form(request, obj, change=change, **kwargs)
        relative = copy.deepcopy(form.base_fields["treebeard_ref_node"])
        relative.widget = AutocompleteSelect(Person._meta.get_field("unit"), self.admin_site)
        relative.label_from_instance = lambda unit: f"{unit.name} ({unit.get_kind_display()})"
        relative.help_text = "Search by name. Leave it empty for a unit at the top of the tree."
        form.base_fields["treebeard_ref_node"] = relative
        return form

    def also_in_use(self, entries):
        """A unit's delete takes the units beneath it (treebeard), so they stop it."""
        beneath = entries.aggregate(n=Sum("numchild"))["n"]
        return (
            [f"Has {beneath:,} unit{'s' if beneath != 1 else ''} beneath it."] if beneath else []
        )

    list_display = ["name", "kind"]
    search_fields = ["name"]


@admin.register(RecordView)
class RecordViewAdmin(admin.ModelAdmin):
    """Read-only: the audit of reads is never edited."""

    list_display = ["viewed_at", "viewer", "subject", "content_type", "object_id"]
    list_select_related = ["viewer", "subject", "content_type"]
    search_fields = ["viewer__email", "subject__email"]
    date_hierarchy = "viewed_at"

    def get_queryset(self, request):
        # A read's page names its viewer, subject and kind of record: read with it.
        return super().get_queryset(request).select_related("viewer", "subject", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EqualityInformation)
class EqualityInformationAdmin(admin.ModelAdmin):
    """Read-only, and only with people.view_equality_information: people give and change
    their own answers on their own page (docs/adr/0033). Opening one is a read of it."""

    list_display = ["person", "updated_at"]
    list_select_related = ["person"]
    search_fields = ["person__email", "person__given_name", "person__family_name"]

    def has_module_permission(self, request):
        return request.user.has_perm(VIEW_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(VIEW_PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        found = super().get_object(request, object_id, from_field)
        return found and shown(request, found, found.person)


def _content_type_label(app_label, model):
    """ContentType's "app | model" (its app_labeled_name), from the two names."""
    try:
        found = apps.get_model(app_label, model)
    except LookupError:
        return f"{app_label} | {model}"
    return f"{found._meta.app_config.verbose_name} | {found._meta.verbose_name}"


class PermissionChoices(forms.models.ModelChoiceIterator):
    """A role's permissions to choose from, each labelled as Permission's str()
    ("app | model | name"), read as rows: the list has every permission of every model
    (330), and making a Permission and a ContentType of each, to name it, was most of
    drawing a role's page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list(
            "pk", "name", "content_type__app_label", "content_type__model"
        )
        for pk, name, app_label, model in rows:
            yield (pk, f"{_content_type_label(app_label, model)} | {name}")


class PermissionsField(forms.ModelMultipleChoiceField):
    iterator = PermissionChoices


class RoleAdmin(GroupAdmin):
    """Django's, its permissions listed from rows (PermissionChoices)."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "permissions":
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


admin.site.replace(Group, RoleAdmin)


from .esr_import.admin import EsrColumnMappingAdmin  # noqa: E402, F401 - registers it
