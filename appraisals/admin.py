"""Appraisals in the Django admin: administrators edit the organisation's values and the
rating scale (data, issue 13), see and correct cycles, and read the runs that opened
them. Appraisals, events and signatures are changed only through the services."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from config.admin_site import FieldsNamedOnce
from frontend import forms as plain
from frontend.admin_deletes import CountedDeletes
from frontend.fields import EARLIEST, years_ahead

from .cycles import services
from .models import AppraisalCycle, CycleRun, OrganisationValue, RatingLevel

ACTIVE_INSTEAD = (
    "Untick “Active” instead: new appraisals no longer offer it, and those that used it keep it."
)


@admin.register(OrganisationValue)
class OrganisationValueAdmin(FieldsNamedOnce, CountedDeletes, admin.ModelAdmin):
    in_use_advice = ACTIVE_INSTEAD
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]


@admin.register(RatingLevel)
class RatingLevelAdmin(FieldsNamedOnce, CountedDeletes, admin.ModelAdmin):
    in_use_advice = ACTIVE_INSTEAD
    list_display = ["label", "order", "active"]
    list_editable = ["order", "active"]


class CycleAdminForm(plain.ModelForm):
    """The admin's cycle form keeps the overlap rule of services.save_cycle."""

    class Meta:
        model = AppraisalCycle
        fields = ["name", "year", "opens_on", "closes_on", "units"]

    def _plausible(self, name):
        """The form pack's date bounds (frontend.fields): 1950 to ten years ahead."""
        value = self.cleaned_data.get(name)
        latest = years_ahead(10)()
        if value and not EARLIEST <= value <= latest:
            raise ValidationError(
                f"Enter a date between {EARLIEST:%-d %B %Y} and {latest:%-d %B %Y}"
            )
        return value

    def clean_opens_on(self):
        return self._plausible("opens_on")

    def clean_closes_on(self):
        return self._plausible("closes_on")

    def clean(self):
        data = super().clean()
        opens_on, closes_on, units = (data.get(k) for k in ("opens_on", "closes_on", "units"))
        cycle = self.instance
        if cycle.pk and cycle.status != AppraisalCycle.Status.DRAFT:
            # As services.save_cycle: an open cycle's people and year are settled.
            if units is not None and {u.pk for u in units} != set(
                cycle.units.values_list("pk", flat=True)
            ):
                raise ValidationError("The units cannot change once the cycle is open")
            if data.get("year") not in (None, cycle.year):
                raise ValidationError("The appraisal year cannot change once the cycle is open")
        if opens_on and closes_on and closes_on < opens_on:
            raise ValidationError("The closing date must be on or after the opening date")
        if opens_on and closes_on and units:
            other = services.overlapping_cycle(
                opens_on=opens_on, closes_on=closes_on, units=units, exclude=self.instance
            )
            if other is not None:
                raise ValidationError(
                    f"These dates overlap the cycle “{other.name}” for some of the same people."
                )
        return data


class RunInline(admin.TabularInline):
    model = CycleRun
    fields = ["kind", "status", "requested_by", "requested_at", "total", "done", "created",
              "closed_as_left", "finished_at"]  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each run's row names its cycle (CycleRun.__str__) and who asked for it: read
        # with the runs, not a query of each for every run.
        return super().get_queryset(request).select_related("cycle", "requested_by")


@admin.register(AppraisalCycle)
class AppraisalCycleAdmin(FieldsNamedOnce, CountedDeletes, admin.ModelAdmin):
    # A cycle with appraisals is in use. Its runs (whose admin deletes none, so a cycle
    # with runs stays), downloads and figures stamp are its own and would go with it.
    goes_with_it = ("appraisals.CycleRun", "appraisals.BookletExport", "appraisals.FiguresStamp")
    in_use_advice = "A cycle whose appraisals have begun stays: it is their record."
    form = CycleAdminForm
    list_display = ["name", "year", "opens_on", "closes_on", "status"]
    list_filter = ["status", "year"]
    search_fields = ["name"]
    # A search, not every unit of the organisation in a two-pane list (issue 18).
    autocomplete_fields = ["units"]
    readonly_fields = ["status", "opened_at", "created_by", "created_at", "version"]
    inlines = [RunInline]

    def get_queryset(self, request):
        # The change page shows who created the cycle: read with it, not on its own.
        return super().get_queryset(request).select_related("created_by")

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CycleRun)
class CycleRunAdmin(admin.ModelAdmin):
    """Runs are the record of what each opening or joiners run did: read only."""

    list_display = ["cycle", "kind", "status", "requested_at", "total", "done", "created"]
    list_filter = ["kind", "status"]

    def get_queryset(self, request):
        # The page shows the run's cycle and who asked for it: read with the run.
        return super().get_queryset(request).select_related("cycle", "requested_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from .reminders import admin as reminders_admin  # noqa: E402, F401  (registers its models)
