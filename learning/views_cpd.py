"""The CPD log: record learning, attach evidence, see the year, export it. Thin views:
access.py says whose entries a person may see; services.py writes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontend import exports, kept
from frontend.parse import whole_number
from frontend.views import pdf_response
from people.audit import shown

from . import access, cpd, services
from .forms import CPDEntryForm, EvidenceForm, after_stale_edit

PAGE_SIZE = 20


def _year(request):
    year = whole_number(request.GET.get("year"), default=0)
    return year if 2000 <= year <= cpd.appraisal_year() + 1 else cpd.appraisal_year()


def _listing(entries):
    return entries.select_related("category", "initiative").prefetch_related("evidence")


def cpd_log(request):
    year = _year(request)
    mine = access.cpd_entries_of(request.user)
    entries = _listing(cpd.in_year(mine, year))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/cpd/log.html",
        {
            "summary": cpd.summary(mine, access.vocabulary("categories"), year),
            "years": cpd.years_with_entries(mine),
            "page": page,
            "year": year,
            "reports": access.reports_of(request.user),
        },
    )


def _evidence(form):
    upload = form.cleaned_data.get("evidence")
    return (upload, form.evidence_type) if upload else None


def cpd_create(request):
    initiative = None
    initiative_pk = whole_number(request.GET.get("initiative"))
    if initiative_pk is not None:
        initiative = get_object_or_404(
            access.initiatives_readable_by(request.user), pk=initiative_pk
        )
    posted = request.method == "POST"
    form = CPDEntryForm(
        kept.data(request), request.FILES if posted else None, initiative=initiative
    )
    if posted and form.is_valid():
        entry = services.record_cpd(
            person=request.user, fields=form.service_fields(), evidence=_evidence(form)
        )
        messages.success(request, "Added to your CPD log.")
        return redirect(entry)
    return render(
        request,
        "learning/cpd/form.html",
        {"form": form, "entry": None, "initiative": initiative},
    )


def cpd_edit(request, pk):
    entry = access.own_cpd_entry(request.user, pk)
    if entry is None:
        raise Http404
    posted = request.method == "POST"
    form = CPDEntryForm(kept.data(request), request.FILES if posted else None, instance=entry)
    if posted and form.is_valid():
        try:
            services.update_cpd(
                entry=entry,
                fields=form.service_fields(),
                version=form.cleaned_data["version"],
                evidence=_evidence(form),
            )
        except services.StaleEdit as stale:
            entry = stale.current
            form = after_stale_edit(request, CPDEntryForm, entry, instance=entry)
        else:
            messages.success(request, "Changes saved.")
            return redirect(entry)
    return render(
        request,
        "learning/cpd/form.html",
        {"form": form, "entry": entry, "initiative": entry.initiative},
    )


def cpd_detail(request, pk):
    entry = get_object_or_404(
        _listing(access.cpd_entries_readable_by(request.user))
        .select_related("person", "evaluation", "shared_with")
        .prefetch_related("evaluation__outcomes"),
        pk=pk,
    )
    shown(request, entry, entry.person)
    return _detail(request, entry, EvidenceForm())


def _detail(request, entry, evidence_form):
    can_edit = access.can_edit_entry(request.user, entry)
    return render(
        request,
        "learning/cpd/detail.html",
        {
            "entry": entry,
            "can_edit": can_edit,
            "evidence_form": evidence_form,
            # The evaluation is the person's own: their manager does not see it here.
            "evaluation": services.evaluation_of(entry) if can_edit else None,
            "can_evaluate": can_edit and entry.done and entry.initiative_id is not None,
            "today": timezone.localdate(),
        },
    )


@require_POST
def cpd_evidence_add(request, pk):
    entry = get_object_or_404(
        _listing(access.cpd_entries_of(request.user))
        .select_related("evaluation")
        .prefetch_related("evaluation__outcomes"),
        pk=pk,
    )
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_evidence(
            entry=entry, upload=form.cleaned_data["evidence"], content_type=form.evidence_type
        )
        messages.success(request, "File added.")
        return redirect(entry)
    return _detail(request, entry, form)


def cpd_evidence(request, pk):
    readable = access.evidence_readable_by(request.user).select_related("entry__person")
    evidence = get_object_or_404(readable, pk=pk)
    shown(request, evidence, evidence.entry.person)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def cpd_evidence_remove(request, pk):
    evidence = get_object_or_404(
        access.evidence_readable_by(request.user).filter(entry__person=request.user), pk=pk
    )
    entry = evidence.entry
    services.remove_evidence(evidence=evidence)
    messages.success(request, f"Removed ‘{evidence.name}’.")
    return redirect(entry)


def _export_entries(request):
    entries = access.cpd_entries_of(request.user)
    if "year" in request.GET:
        entries = cpd.in_year(entries, _year(request))
    # Each row says whether the entry is still shared (share_label), which asks for its
    # owner's line manager: the owner is read with the entries, not once a shared row.
    return _listing(entries).select_related("person")


def _name(request, suffix):
    year = f"-{_year(request)}" if "year" in request.GET else ""
    return f"cpd-log{year}-{timezone.localdate().isoformat()}.{suffix}"


def _filename(request, suffix):
    return f'attachment; filename="{_name(request, suffix)}"'


def cpd_export_csv(request):
    rows = cpd.export_rows(_export_entries(request))
    return exports.csv_response(rows, filename=_name(request, "csv"))


def cpd_export_pdf(request):
    whole_log = "year" not in request.GET
    return pdf_response(request, "cpd-log", year=_year(request), whole_log=whole_log)


def cpd_team(request, person_pk):
    report = get_object_or_404(access.reports_of(request.user), pk=person_pk)
    shown(request, report, report)  # the list of shared entries: one read of the person
    entries = _listing(access.shared_entries_of(request.user, report))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/cpd/team.html", {"report": report, "page": page})
