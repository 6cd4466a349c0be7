"""Learning views: the catalogue for everyone, curation for LED. Thin by design:
parse the request, ask access.py for what the person may see, call one service."""

from contextlib import nullcontext

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from frontend import exports, kept, parse, stale
from people.navigation import url_for
from people.sql import read_ahead

from . import access, browse, catalogue_export, imports, insights, results, services
from .disclosure import management_information
from .filters import CatalogueFilter, label_with_counts
from .forms import ImportForm, InitiativeForm, InsightsForm
from .models import Initiative, split_list

PAGE_SIZE = 20
CURATE_PAGE_SIZE = 50


def _posted(request):
    """The form data of a POST, even an empty one (so it gets its errors), or the text
    kept from an expired session (frontend.kept)."""
    return kept.data(request)


def _curator(request):
    if not access.can_curate(request.user):
        raise PermissionDenied
    return request.user


# The catalogue ------------------------------------------------------------------------


def catalogue(request):
    filterset = CatalogueFilter(
        request.GET or None, queryset=access.catalogue_for(request.user).for_cards()
    )
    found = browse.browse(filterset, request.GET.get("page"), PAGE_SIZE)
    label_with_counts(filterset, found.counts)
    filtered = any(key != "page" for key in request.GET)
    saved = access.bookmarked(request.user) & set(found.page.object_list.ids)
    return render(
        request,
        "learning/catalogue.html",
        {
            "filter": filterset,
            "form_key": found.form_key,
            "results_key": found.results_key(saved),
            # Built only where drawn: a form drawn from the cache needs none. A filtered
            # query's form is built now: the page's title says whether it has errors.
            "form": filterset.form if filtered else SimpleLazyObject(lambda: filterset.form),
            "page": found.page,
            "filtered": filtered,
            "saved": saved,
        },
    )


def initiative_detail(request, pk):
    with read_ahead(access.initiative_reads(request.user, pk)):
        return _initiative_detail(request, pk)


def _initiative_detail(request, pk):
    initiative = access.readable_initiative(request.user, pk)
    return render(
        request,
        "learning/initiative_detail.html",
        {
            "initiative": initiative,
            "saved": initiative.pk in access.bookmarked(request.user),
            "ratings": results.shared_ratings(initiative, user=request.user),
            "can_bookmark": access.can_bookmark(request.user, initiative),
            "can_curate": access.can_curate(request.user),
        },
    )


def _back(request, fallback):
    return redirect(parse.next_path(request, fallback))


@require_POST
def bookmark_add(request, pk):
    initiative = get_object_or_404(access.catalogue_for(request.user), pk=pk)
    services.bookmark(person=request.user, initiative=initiative)
    messages.success(request, f"Saved ‘{initiative.title}’. Find it in your saved list.")
    return _back(request, initiative.get_absolute_url())


@require_POST
def bookmark_remove(request, pk):
    initiative = get_object_or_404(access.initiatives_readable_by(request.user), pk=pk)
    services.remove_bookmark(person=request.user, initiative=initiative)
    messages.success(request, f"Removed ‘{initiative.title}’ from your saved list.")
    return _back(request, initiative.get_absolute_url())


def saved(request):
    bookmarks = access.bookmarks_of(request.user).select_related(
        "initiative", "initiative__category"
    )
    page = Paginator(bookmarks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/saved.html", {"page": page})


# Curation (LED) ---------------------------------------------------------------------


def curate_list(request):
    curator = _curator(request)
    status = request.GET.get("status", "")
    # Only what a row shows: an initiative's text and search columns are most of its row.
    initiatives = (
        access.initiatives_curated_by(curator)
        .select_related("category")
        .only("pk", "title", "status", "updated_at", "category__name")
    )
    if status in Initiative.Status.values:
        initiatives = initiatives.filter(status=status)
    else:
        status = ""
    initiatives = initiatives.order_by("-updated_at", "-pk")
    page = Paginator(initiatives, CURATE_PAGE_SIZE).get_page(request.GET.get("page"))
    preview = url_for("learning:curate-preview")
    rows = [(initiative, preview(initiative.pk)) for initiative in page.object_list]
    return render(
        request,
        "learning/curate/list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": Initiative.Status.choices,
        },
    )


def _reading(request, reads):
    """A GET's reads sent ahead together (people.sql.read_ahead, docs/adr/0074); a
    POST, which writes, reads each in turn."""
    return read_ahead(reads) if request.method == "GET" else nullcontext()


def curate_create(request):
    curator = _curator(request)
    with _reading(request, InitiativeForm.reads()):
        form = InitiativeForm(_posted(request), user=curator)
        if request.method == "POST" and form.is_valid():
            initiative = services.create_initiative(fields=form.service_fields(), by=curator)
            messages.success(request, "Draft saved. Check it below, then publish it.")
            return redirect("learning:curate-preview", pk=initiative.pk)
        return render(request, "learning/curate/form.html", {"form": form, "initiative": None})


def curate_edit(request, pk):
    curator = _curator(request)
    with _reading(request, [*access.initiative_reads(curator, pk), *InitiativeForm.reads()]):
        return _curate_edit(request, curator, pk)


def _curate_edit(request, curator, pk):
    # Its directions and levels read with it: the form's initial choices (model_to_dict).
    initiative = access.curated_initiative(curator, pk)
    form = InitiativeForm(_posted(request), instance=initiative, user=curator)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(
                initiative=initiative,
                fields=form.service_fields(),
                expected_version=form.cleaned_data.get("version"),
                by=curator,
            )
        except services.StaleEdit as stale:
            form = _stale_form(request, stale.current)
        else:
            messages.success(request, "Changes saved.")
            return redirect("learning:curate-preview", pk=initiative.pk)
    return render(request, "learning/curate/form.html", {"form": form, "initiative": initiative})


def _stale_form(request, current):
    """The person's answers kept, over the version saved now, each one that differs
    from it marked (frontend.stale): saving again replaces the other change."""
    saved = {name: getattr(current, name) for name in InitiativeForm._meta.fields}
    saved.update(pay_bands=split_list(current.pay_bands),
                 professions=split_list(current.professions))  # fmt: skip
    return stale.refused(request, InitiativeForm, saved, version=current.version,
                         instance=current, user=request.user)  # fmt: skip


def curate_preview(request, pk):
    curator = _curator(request)
    with read_ahead(access.initiative_reads(curator, pk)):
        initiative = access.curated_initiative(curator, pk)
    return render(
        request,
        "learning/curate/preview.html",
        {"initiative": initiative, "changes": services.changes_of(initiative)},
    )


@require_POST
def curate_publish(request, pk):
    return _transition(request, pk, services.publish, "Published. Staff can now find it.")


@require_POST
def curate_retire(request, pk):
    return _transition(
        request, pk, services.retire, "Retired. It is no longer listed or recommended."
    )


def _transition(request, pk, service, done):
    curator = _curator(request)
    initiative = get_object_or_404(access.initiatives_curated_by(curator), pk=pk)
    try:
        service(initiative=initiative, by=curator)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("learning:curate-preview", pk=initiative.pk)


def curate_import(request):
    curator = _curator(request)
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = imports.import_file(upload=form.cleaned_data["file"], by=curator)
        if outcome.ok:
            messages.success(
                request,
                f"Imported {outcome.created} new draft{'s' if outcome.created != 1 else ''} "
                f"and updated {outcome.updated}. Nothing else changed.",
            )
            return redirect(reverse("learning:curate-list") + "?status=draft")
        count = len(outcome.problems)
        form.add_error(
            "file",
            f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was "
            "imported. Fix them and upload the file again",
        )
    return render(request, "learning/curate/import.html", {"form": form, "outcome": outcome})


def curate_export(request):
    curator = _curator(request)
    return exports.attachment(
        catalogue_export.catalogue_file("csv", user=curator),
        kind="csv",
        filename=f"learning-catalogue-{timezone.localdate().isoformat()}.csv",
    )


def curate_export_xlsx(request):
    curator = _curator(request)
    return exports.attachment(
        catalogue_export.catalogue_file("xlsx", user=curator),
        kind="xlsx",
        filename=f"learning-catalogue-{timezone.localdate().isoformat()}.xlsx",
    )


# Results and management information (LED) ---------------------------------------------


@management_information
def curate_results(request, pk):
    curator = _curator(request)
    # The page names the initiative and counts its uptake: nothing else of its row.
    initiative = get_object_or_404(access.initiatives_curated_by(curator).only("title"), pk=pk)
    return render(
        request,
        "learning/curate/results.html",
        {"initiative": initiative, "results": results.for_initiative(initiative, user=curator)},
    )


def curate_results_csv(request, pk):
    curator = _curator(request)
    initiative = get_object_or_404(access.initiatives_curated_by(curator), pk=pk)
    header, rows = results.export_rows(initiative, user=curator)
    stamp = timezone.localdate().isoformat()
    return exports.csv_response(
        [header, *rows], filename=f"initiative-{initiative.pk}-evaluations-{stamp}.csv"
    )


def curate_results_xlsx(request, pk):
    curator = _curator(request)
    initiative = get_object_or_404(access.initiatives_curated_by(curator), pk=pk)
    header, rows = results.export_rows(initiative, user=curator)
    stamp = timezone.localdate().isoformat()
    return exports.xlsx_response(
        [("Evaluations", header, rows)],
        filename=f"initiative-{initiative.pk}-evaluations-{stamp}.xlsx",
    )


@management_information
def curate_insights(request):
    curator = _curator(request)
    form = InsightsForm(request.GET or None, years=insights.years())
    year = form.cleaned_data["year"] if form.is_valid() else None
    unit = insights.chosen_unit(request.GET.get("unit"))
    return render(
        request,
        "learning/curate/insights.html",
        {"form": form, "mi": insights.management_information(user=curator, year=year, unit=unit)},
    )


@management_information
def curate_insights_csv(request):
    curator = _curator(request)
    form = InsightsForm(request.GET or None, years=insights.years())
    if form.is_bound and not form.is_valid():
        # The page shows what is wrong with the year, in its error summary.
        return redirect(reverse("learning:curate-insights") + "?" + request.GET.urlencode())
    year = form.cleaned_data["year"] if form.is_bound else None
    period = f"{year}-{year + 1}" if year is not None else "all-years"
    return exports.csv_response(
        insights.export_rows(user=curator, year=year),
        filename=f"learning-uptake-{period}-{timezone.localdate().isoformat()}.csv",
    )
