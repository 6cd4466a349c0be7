"""Every admin list over a table that grows reads one page, not the whole table
(docs/adr/0054). Django's change list sorts by the admin's ordering (the model's,
plus "-pk" for a stable order) and counts the rows twice ("N results (M total)").
At 20,000 people the people list sorted every person for a page of 100: 59 ms of
its query, and 6 with an index on the names."""

from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.contrib.admin import ShowFacets
from django.contrib.admin.templatetags.admin_list import pagination, search_form
from django.contrib.contenttypes.models import ContentType
from django.template import Context, engines
from django.test import RequestFactory
from django.urls import reverse

from config.admin_site import LIST_PER_PAGE
from frontend import admin_lists
from people.models import Person, RecordView
from tests.factories import PersonFactory
from tests.test_admin_choosers import FEW_ROWS

pytestmark = pytest.mark.django_db

# Lists whose table Trellis does not define, so cannot index.
NOT_OURS = {"django_tasks_database.DBTaskResult"}


def _leading_columns(model):
    """The columns that lead a B-tree index of `model`: its key, a field with an index
    or a unique one, an index's first field, a unique constraint's first field."""
    meta = model._meta
    leading = {meta.pk.column}
    for field in meta.local_fields:
        if field.db_index or field.unique:
            leading.add(field.column)
    for index in meta.indexes:
        if not index.expressions and not getattr(index, "opclasses", ()):
            leading.add(meta.get_field(index.fields[0].lstrip("-")).column)
    for constraint in meta.constraints:
        fields = getattr(constraint, "fields", ())
        if fields and getattr(constraint, "condition", None) is None:
            leading.add(meta.get_field(fields[0]).column)
    return leading


def _first_column(model, ordering):
    name = ordering[0].lstrip("-")
    if name == "pk":
        return model._meta.pk.column
    return model._meta.get_field(name).column


def test_every_admin_list_over_a_growing_table_reads_a_page_from_an_index():
    """Its first sort key leads an index, so PostgreSQL reads the page in order (later
    keys break ties in an incremental sort), it counts the rows once, and it draws a
    page of LIST_PER_PAGE rows (Django's 100 took 50 to 90 ms to draw)."""
    request = RequestFactory().get("/admin/")
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    offenders = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in FEW_ROWS or label in NOT_OURS:
            continue
        ordering = list(model_admin.get_changelist_instance(request).queryset.query.order_by)
        if _first_column(model, ordering) not in _leading_columns(model):
            offenders.append(f"{label}: sorted by {ordering}, which no index leads")
        if model_admin.show_full_result_count:
            offenders.append(f"{label}: counts every row twice (show_full_result_count)")
        if model_admin.list_per_page > LIST_PER_PAGE:
            offenders.append(f"{label}: draws {model_admin.list_per_page} rows a page")
    assert offenders == [], "\n".join(offenders)


def test_admin_pages_draw_no_side_menu_and_the_home_page_lists_the_models(client):
    """Drawing the side menu of every model on every admin page was a third of a small
    page's time (docs/adr/0054); the administration's home and each app's page still
    list what the administrator may open, and every page links home."""
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    home = client.get(reverse("admin:index")).content.decode()
    assert 'id="nav-sidebar"' not in home
    assert reverse("admin:learning_impactlevel_changelist") in home
    app = client.get(reverse("admin:app_list", args=["learning"])).content.decode()
    assert reverse("admin:learning_impactlevel_changelist") in app
    add = client.get(reverse("admin:learning_impactlevel_add")).content.decode()
    assert 'id="nav-sidebar"' not in add
    assert f'href="{reverse("admin:index")}"' in add


def test_no_admin_list_reads_its_whole_table_to_draw_a_page():
    """A growing table (the read audit, sign-ins, reminders, tasks) has millions of rows
    at a trust kept for years: no list counts past COUNTED_UP_TO rows, asks for every
    distinct date of a date hierarchy (the read audit's took 122 ms of its 163 at 20,000
    people with a year of reads), offers every distinct value of a column or counts the
    rows behind every filter's choices ("Show counts"); a former
    date hierarchy is a date filter instead (docs/adr/0078)."""
    request = RequestFactory().get("/admin/")
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    offenders = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        paginator = model_admin.get_changelist_instance(request).paginator
        if not isinstance(paginator, admin_lists.CappedCountPaginator):
            offenders.append(f"{label}: counts every row ({type(paginator).__name__})")
        # An object's history and the autocomplete count exactly (a page of 100, of 20).
        rows = model._default_manager.order_by("pk")
        if isinstance(
            model_admin.get_paginator(request, rows, 100), admin_lists.CappedCountPaginator
        ):
            offenders.append(f"{label}: its history or autocomplete stops counting")
        if model_admin.show_facets != ShowFacets.NEVER:
            offenders.append(f"{label}: offers counts of every filter's choices")
        if model_admin.date_hierarchy:
            offenders.append(f"{label}: a date hierarchy of {model_admin.date_hierarchy}")
        hierarchy = type(model_admin).date_hierarchy
        if hierarchy and hierarchy not in model_admin.list_filter:
            offenders.append(f"{label}: {hierarchy} no longer filters the list")
        every_value = [
            f for f in model_admin.list_filter if admin_lists._lists_every_value(model, f)
        ]
        if every_value and label not in admin_lists.SMALL_BY_NATURE:
            offenders.append(f"{label}: filters offering every value of {every_value}")
    assert offenders == [], "\n".join(offenders)
    # The read audit, the sign-in log and reminders sent kept a filter by date.
    for label in ("people.RecordView", "axes.AccessLog", "appraisals.ReminderSent"):
        model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label == label)
        assert type(model_admin).date_hierarchy in model_admin.list_filter


def _reads(n):
    viewer, subject = PersonFactory(), PersonFactory()
    kind = ContentType.objects.get_for_model(Person)
    RecordView.objects.bulk_create(
        RecordView(viewer=viewer, subject=subject, content_type=kind, object_id=str(subject.pk))
        for _ in range(n)
    )


def test_a_list_offers_no_counts_of_its_filters_choices(client):
    """Django's "Show counts" counts the rows behind every choice of every filter over
    the whole table; no list offers it, and asking for it by address draws none."""
    _reads(3)
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:people_recordview_changelist")
    for asked in ({}, {"_facets": "True"}):
        answer = client.get(url, asked)
        assert answer.status_code == 200
        page = answer.content.decode()
        assert "Show counts" not in page and "Hide counts" not in page
        assert "Today (" not in page  # a date filter's choice, without its count


@pytest.mark.parametrize(
    ("rows", "says"), [(7, "More than 5 record views"), (3, "3 record views")]
)
def test_a_list_says_more_than_where_it_stopped_counting(client, monkeypatch, rows, says):
    reads = admin.site._registry[RecordView]
    monkeypatch.setattr(admin_lists, "COUNTED_UP_TO", 5)
    monkeypatch.setattr(reads, "list_per_page", 2)
    monkeypatch.setattr(reads, "list_max_show_all", reads.list_max_show_all)
    admin_lists.settle_list(reads)  # as the site settles it, counting up to 5
    _reads(rows)
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:people_recordview_changelist")
    page = " ".join(client.get(url).content.decode().split())
    assert says in page
    assert ("More than" in page) is (rows > 5)
    assert ('class="showall"' in page) is (rows <= 5)  # never all of a list not counted
    assert 'href="?p=2"' in page  # later pages are linked, counted or not
    searched = " ".join(client.get(url, {"q": "@"}).content.decode().split())
    assert ("More than 5 results" if rows > 5 else f"{rows} results") in searched


def test_a_counted_list_draws_djangos_own_pagination_and_search():
    """Where the count is exact, Trellis's copies of the two templates draw what Django's
    own draw, byte for byte."""
    _reads(3)
    request = RequestFactory().get("/admin/people/recordview/", {"q": "@"})
    request.user = PersonFactory(is_staff=True, is_superuser=True)
    cl = admin.site._registry[RecordView].get_changelist_instance(request)
    engine = engines["django"].engine
    shipped = Path(django.__file__).parent / "contrib/admin/templates/admin"
    for name, context in (
        ("pagination.html", pagination(cl)),
        ("search_form.html", search_form(cl)),
    ):
        ours = engine.get_template(f"admin/{name}")
        djangos = engine.from_string((shipped / name).read_text())
        assert ours.render(Context(context)) == djangos.render(Context(context))


def test_select_all_past_the_count_says_more_than(client, monkeypatch):
    """An action on "all" takes every row, not the 5 counted: the admin says so."""
    from axes.models import AccessLog

    monkeypatch.setattr(admin_lists, "COUNTED_UP_TO", 5)
    monkeypatch.setattr(admin.site._registry[AccessLog], "list_per_page", 2)
    AccessLog.objects.bulk_create(
        AccessLog(username="x", ip_address="127.0.0.1", user_agent="t") for _ in range(7)
    )
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    page = " ".join(
        client.get(reverse("admin:axes_accesslog_changelist")).content.decode().split()
    )
    assert "Select all (more than 5) access logs" in page
    assert "All (more than 5) selected" in page
    assert "Select all 5" not in page and "All 5 selected" not in page


def test_a_counted_list_draws_djangos_own_actions(client, monkeypatch):
    from axes.models import AccessLog

    monkeypatch.setattr(admin.site._registry[AccessLog], "list_per_page", 2)
    AccessLog.objects.bulk_create(
        AccessLog(username="x", ip_address="127.0.0.1", user_agent="t") for _ in range(3)
    )
    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    drawn = client.get(reverse("admin:axes_accesslog_changelist")).context
    context = next(each for each in drawn if "action_form" in each).flatten()
    engine = engines["django"].engine
    shipped = Path(django.__file__).parent / "contrib/admin/templates/admin/actions.html"
    ours = engine.get_template("admin/actions.html").render(Context(context))
    assert f"Select all {AccessLog.objects.count()} access logs" in ours
    assert ours == engine.from_string(shipped.read_text()).render(Context(context))
