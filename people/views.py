"""People views: sign-in, home, a person's record, HR's view of units. Thin by design."""

from axes.helpers import get_client_ip_address
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from . import access, services, timeout
from .audit import shown, what_was_read
from .forms import ChangePasswordForm, ResetPasswordForm, SignInForm
from .navigation import home_panels_for, home_reads_for, next_steps_for
from .sql import read_ahead
from .sso.policy import password_allowed
from .sso.session import sign_in_context


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        """Adds signed_out_reason: why the person was signed out, if it was for being idle;
        and single sign-on's button and switches (people.sso.session.sign_in_context)."""
        return super().get_context_data(
            signed_out_reason=timeout.signed_out_reason(self.request),
            **sign_in_context(self.request),
            **kwargs,
        )


class ResetPasswordView(auth_views.PasswordResetView):
    """Send a reset link, at most a few an hour per address and per client. A
    request over the limit gets the same "Check your email" page and no email."""

    form_class = ResetPasswordForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        client = get_client_ip_address(self.request)  # as the sign-in lockout counts it
        if services.may_send_password_reset(email=form.cleaned_data["email"], client=client):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


def home(request):
    # The panels' reads go to the database together, not one after another (ADR 0074).
    with read_ahead(home_reads_for(request)):
        return render(
            request,
            "people/home.html",
            {"next_steps": next_steps_for(request), "panels": home_panels_for(request)},
        )


def person_me(request):
    # Read again with the unit and line manager the page names: one query, not two.
    return _person_page(request, access.people_visible_to(request.user).get(pk=request.user.pk))


def my_reads(request):
    """Who has looked at the signed-in person's records: any record, newest first."""
    reads = request.user.record_views.select_related("viewer", "content_type")
    page = Paginator(reads.order_by("-viewed_at", "-pk"), 50).get_page(request.GET.get("page"))
    rows = [(read, what_was_read(read)) for read in page.object_list]
    return render(request, "people/reads.html", {"page": page, "rows": rows})


def person_detail(request, pk):
    person = get_object_or_404(access.people_visible_to(request.user), pk=pk)
    return _person_page(request, person)


def _person_page(request, person):
    shown(request, person, person)
    reports = access.direct_reports(person)
    context = {
        "person": person,
        "reports": reports,
        # With passwords left to break-glass accounts, nobody else has one to change.
        "may_change_password": password_allowed(request.user),
        # Whoever loads staff from ESR corrects their own details there, not through HR:
        # the menu's rule for "Import from ESR" (people.panels), read with the roles.
        "may_import": access.is_administrator(request.user)
        or bool(access.hr_scope_paths(request.user)),
    }
    return render(request, "people/person_detail.html", context)


UNITS_A_PAGE = 50


def unit_list(request):
    """The units HR may read, in tree order, a page of UNITS_A_PAGE at a time, each
    beside the unit it sits within: three queries and a bounded page at any size
    (1,141 units on one page made it 16 times the bare page, issue 18; ADR 0042)."""
    units = access.units_visible_to(request.user).order_by("path")
    page = Paginator(units, UNITS_A_PAGE).get_page(request.GET.get("page"))
    rows = services.with_parents(page.object_list)
    return render(request, "people/unit_list.html", {"page": page, "rows": rows})


def unit_detail(request, pk):
    unit = get_object_or_404(access.units_visible_to(request.user), pk=pk)
    members = access.people_in_unit(unit).select_related("unit", "line_manager")
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "people/unit_detail.html", {"unit": unit, "page": page})


def unit_leavers(request, pk):
    """The people who have left a unit HR may read (and the units below it), each linked
    to their staff record, where HR can prepare a copy of their data."""
    unit = get_object_or_404(access.units_visible_to(request.user), pk=pk)
    leavers = access.leavers_in_unit(unit).select_related("unit")
    page = Paginator(leavers, 50).get_page(request.GET.get("page"))
    return render(request, "people/unit_leavers.html", {"unit": unit, "page": page})


@login_not_required
@never_cache
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


class ChangePasswordView(auth_views.PasswordChangeView):
    """Change your password. Too many wrong current passwords sign the person out and
    lock the account as failed sign-ins do (ChangePasswordForm)."""

    form_class = ChangePasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            logout(self.request)  # AxesMiddleware answers with the lockout page
        return super().form_invalid(form)
