"""The question bank in the admin: published versions are read-only; new
versions are made as drafts (copied from a published one), edited, published."""

from django.contrib import admin, messages
from django.utils import timezone

from config.admin_site import FieldsNamedOnce
from frontend.admin_deletes import CountedDeletes

from .journal.question_bank import copy_as_draft
from .journal.question_checks import question_rows
from .models import JournalSection, Question, QuestionBank


class PublishedIsReadOnly:
    """Nothing in a published bank may change: journals were started on it."""

    def _bank(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._bank(obj).is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._bank(obj).is_published:
            return False
        return super().has_delete_permission(request, obj)


class SectionInline(admin.TabularInline):
    model = JournalSection
    fields = ["order", "stage", "key", "title", "sensitive"]
    show_change_link = True
    extra = 0


@admin.register(QuestionBank)
class QuestionBankAdmin(FieldsNamedOnce, PublishedIsReadOnly, CountedDeletes, admin.ModelAdmin):
    list_display = ["version", "published_at", "notes"]
    inlines = [SectionInline]
    actions = ["copy_as_new_draft", "publish"]
    readonly_fields = ["version", "published_at"]

    def _bank(self, obj):
        return obj

    def has_add_permission(self, request):
        return False  # new versions start as a copy of a published one

    @admin.action(description="Copy as a new draft version")
    def copy_as_new_draft(self, request, queryset):
        for bank in queryset:
            draft = copy_as_draft(
                bank, bank_model=QuestionBank, section_model=JournalSection,
                question_model=Question,
            )  # fmt: skip
            messages.success(request, f"Created draft version {draft.version}.")

    @admin.action(description="Publish selected drafts")
    def publish(self, request, queryset):
        published = queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        messages.success(
            request, f"Published {published} version(s). New journals use the newest."
        )


class QuestionInline(admin.StackedInline):
    model = Question
    fields = [
        "order", "key", "text", "hint", "kind", "choices", "follow_ups", "marks_adjustments",
        "retired",
    ]  # fmt: skip
    extra = 0


@admin.register(JournalSection)
class JournalSectionAdmin(FieldsNamedOnce, PublishedIsReadOnly, CountedDeletes, admin.ModelAdmin):
    list_display = ["title", "bank", "stage", "order", "sensitive"]
    list_filter = ["bank"]
    inlines = [QuestionInline]
    # A published section's questions as one table (docs/adr/0090).
    change_form_template = "careers/admin/journal_section_change_form.html"

    def get_queryset(self, request):
        # Whether the section may change depends on its bank: read with the section.
        return super().get_queryset(request).select_related("bank")

    def _bank(self, obj):
        return obj.bank

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A section is added to, or moved to, a draft bank only: nothing in a published
        bank may change, journals were started on it."""
        if db_field.name == "bank":
            kwargs["queryset"] = QuestionBank.objects.filter(published_at__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        """As Django's, noting whether the section was published as read: its form may
        set another bank on it before the page is drawn."""
        section = super().get_object(request, object_id, from_field)
        if section is not None:
            section.published_as_read = section.bank.is_published
        return section

    @staticmethod
    def _published(obj):
        return obj is not None and getattr(obj, "published_as_read", obj.bank.is_published)

    def get_inlines(self, request, obj):
        """A draft's questions, to edit; none for a published section, whose questions
        the page shows as a table instead (render_change_form)."""
        return [] if self._published(obj) else super().get_inlines(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """As Django's, with a published section's questions for its table
        (`published_questions`, careers.journal.question_checks.question_rows): only
        for whoever may view questions, as the inline they replace asked."""
        inline = QuestionInline(self.model, self.admin_site)
        if self._published(obj) and inline.has_view_permission(request, obj):
            context["published_questions"] = question_rows(obj.questions.order_by("order", "pk"))
        return super().render_change_form(request, context, add, change, form_url, obj)
