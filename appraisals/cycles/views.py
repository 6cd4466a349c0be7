"""HR's pages for appraisal cycles: the list, creating and changing a cycle, opening it,
adding people who joined, and a run's progress. Rules in services.py, access in
appraisals/access.py: everyone but HR and administrators gets a 404."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseStopPolling

from frontend import kept, stale
from frontend.pagination import KeysFirstPaginator
from people import choosers
from people.navigation import url_for

from .. import access
from ..appraisal.models import Appraisal
from ..reports import figures, stamp
from . import presenters, services
from .forms import CycleForm, initial_for
from .models import AppraisalCycle, CycleRun


def _allowed(request):
    if not access.can_run_cycles(request.user):
        raise Http404


def _cycle(request, pk):
    _allowed(request)
    # With its figures stamp: the status counts are cached under it (presenters).
    return access.visible_cycle(request.user, pk, with_token=True)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def cycle_list(request):
    _allowed(request)
    visible = stamp.with_token(access.cycles_visible_to(request.user))
    cycles = list(visible.prefetch_related("units"))
    counts = presenters.counts_by_cycle(cycles)
    rows = [(cycle, counts[cycle.pk], presenters.total(counts[cycle.pk])) for cycle in cycles]
    return render(request, "appraisals/cycles/list.html", {"rows": rows})


def cycle_create(request):
    _allowed(request)
    units = access.cycle_units_for(request.user)
    form = CycleForm(kept.data(request), units=units, initial={"year": services.default_year()})
    if choosers.searching(request):  # a search for units: nothing is saved
        choosers.show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        try:
            cycle = services.save_cycle(by=request.user, **form.cycle_fields())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            created = f"The cycle “{cycle.name}” is created. "
            when = (f"You can open it from {services.words(cycle.opens_on)}"
                    if services.opens_later(cycle) else "Open it")  # fmt: skip
            messages.success(request, f"{created}{when} to give everyone in it an appraisal.")
            return redirect("appraisals:cycle-detail", pk=cycle.pk)
    return _form_page(request, form, "Create an appraisal cycle", "Create the cycle")


def cycle_edit(request, pk):
    cycle = _cycle(request, pk)
    units = access.cycle_units_for(request.user)
    form = CycleForm(kept.data(request), units=units, initial=initial_for(cycle))
    if choosers.searching(request):  # a search for units: nothing is saved
        choosers.show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data.get("version")
            fields = form.cycle_fields()
            services.save_cycle(by=request.user, cycle=cycle, version=version, **fields)
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                cycle.refresh_from_db()
                saved = initial_for(cycle)
                form = stale.refused(request, CycleForm, saved, version=cycle.version,
                                     units=units, initial=saved)  # fmt: skip
            else:
                _add_errors(form, error)
        else:
            messages.success(request, "The cycle is saved.")
            return redirect("appraisals:cycle-detail", pk=cycle.pk)
    return _form_page(request, form, f"Change {cycle.name}", "Save the cycle", cycle=cycle)


def _form_page(request, form, title, button, cycle=None):
    context = {"form": form, "title": title, "button": button, "cycle": cycle}
    return render(request, "appraisals/cycles/form.html", context)


def cycle_detail(request, pk):
    cycle = _cycle(request, pk)
    counts = presenters.counts_by_cycle([cycle])[cycle.pk]
    runs = list(cycle.runs.select_related("requested_by")[:20])
    appraisals = _appraisals_page(request, cycle)
    context = {
        "cycle": cycle,
        "units": cycle.units.order_by("path"),
        "counts": counts,
        "total": presenters.total(counts),
        "runs": [
            (run, presenters.progress_words(run), presenters.outcome_words(run)) for run in runs
        ],  # fmt: skip
        "year": services.year_label(cycle.year),
        "is_draft": cycle.status == AppraisalCycle.Status.DRAFT,
        "opens_later": services.opens_later(cycle),
        "is_open": cycle.status == AppraisalCycle.Status.OPEN,
        "appraisals": appraisals,
        # Those waiting for an appraiser are some of those listed: none when none is.
        "no_appraiser": _no_appraiser(request, cycle) if appraisals.paginator.count else [],
    }
    return render(request, "appraisals/cycles/detail.html", context)


APPRAISALS_PER_PAGE = 50


# What the cycle page's lists show of each appraisal: not its text, nor the rest of
# each person's row.
LISTED = ("pk", "status", "cycle", "person__given_name", "person__family_name",
          "person__email", "person__job_title", "person__unit__name",
          "appraiser__given_name", "appraiser__family_name", "appraiser__email")  # fmt: skip


def _listed(request, cycle):
    """The cycle's appraisals HR may read, with only what the lists show (LISTED)."""
    visible = access.appraisals_visible_to(request.user).filter(cycle=cycle)
    return visible.select_related(None).select_related("person__unit", "appraiser").only(*LISTED)


def _appraisals_page(request, cycle):
    """One page of the cycle's appraisals HR may read, by name: one query for the page's
    keys, one for its rows (person, unit and appraiser joined in), one to count them.
    Each row: (appraisal, status tag, its link, its booklet's link)."""
    ordered = _listed(request, cycle).order_by("person__family_name", "person__given_name", "pk")
    paginator = KeysFirstPaginator(ordered, APPRAISALS_PER_PAGE)
    # Counting a trust's appraisals with the reader's scope read every one (21 ms at
    # 20,000 people): the count is kept under the cycle's figures stamp, which every
    # appraisal made, deleted or closed and every person moved renews, and the
    # reader's scope (reports/figures.py; docs/adr/0057).
    key = f"{figures.cache_key(user=request.user, cycle=cycle)}:listed"
    paginator.count = cache.get(key)
    if paginator.count is None:
        paginator.count = ordered.count()
        cache.set(key, paginator.count, figures.SECONDS)
    page = paginator.get_page(request.GET.get("page"))
    link, booklet = url_for("appraisals:appraisal"), url_for("appraisals:appraisal-booklet")
    page.rows = [(a, presenters.status_tag(a), link(a.pk), booklet(a.pk))
                 for a in page.object_list]  # fmt: skip
    return page


def _no_appraiser(request, cycle):
    """The cycle's appraisals HR may read that have no appraiser yet (people with no
    line manager in Trellis, such as the Chief Executive) and can still be given one:
    one query, the first 50 by name, each as (appraisal, link to assign one)."""
    waiting = [Appraisal.Status.NOT_STARTED, Appraisal.Status.PREPARING]
    found = (
        _listed(request, cycle)
        .filter(appraiser__isnull=True, status__in=waiting)
        .order_by("person__family_name", "person__given_name", "pk")[:APPRAISALS_PER_PAGE]
    )
    assign = url_for("appraisals:assign-appraiser")
    return [(a, assign(a.pk)) for a in found]


def _run_response(request, cycle, action):
    try:
        run = action(cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("appraisals:cycle-detail", pk=cycle.pk)
    if run.status == CycleRun.Status.DONE:
        report = messages.success if run.created or run.closed_as_left else messages.info
        report(request, presenters.outcome_words(run))
        return redirect("appraisals:cycle-detail", pk=cycle.pk)
    return redirect("appraisals:cycle-run", pk=cycle.pk, run_pk=run.pk)


@require_POST
def cycle_open(request, pk):
    return _run_response(request, _cycle(request, pk), services.open_cycle)


@require_POST
def cycle_joiners(request, pk):
    return _run_response(request, _cycle(request, pk), services.add_joiners)


def run_progress(request, pk, run_pk):
    """How a run is getting on; the page updates itself (htmx polls it, asking only for
    a change: 204 while none, 286 to stop once it is finished), as the PDF download's."""
    _allowed(request)
    run = get_object_or_404(
        access.runs_visible_to(request.user).select_related("cycle"), pk=run_pk, cycle_id=pk
    )
    finished = run.status in (CycleRun.Status.DONE, CycleRun.Status.FAILED)
    context = {
        "run": run,
        "cycle": run.cycle,
        "finished": finished,
        "words": presenters.progress_words(run),
        "outcome": presenters.outcome_words(run),
        "percent": presenters.percent_done(run),
        "seen": f"{run.status}-{run.done}",
    }
    if not request.htmx:
        return render(request, "appraisals/cycles/run.html", context)
    if request.GET.get("seen") == context["seen"]:
        return HttpResponse(status=204)
    response = render(request, "appraisals/cycles/_run_status.html", context)
    if finished:
        response.status_code = HttpResponseStopPolling.status_code
    return response
