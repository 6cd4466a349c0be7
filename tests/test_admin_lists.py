"""Every admin list over a table that grows reads one page, not the whole table
(docs/adr/0054). Django's change list sorts by the admin's ordering (the model's,
plus "-pk" for a stable order) and counts the rows twice ("N results (M total)").
At 20,000 people the people list sorted every person for a page of 100: 59 ms of
its query, and 6 with an index on the names."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from config.admin_site import LIST_PER_PAGE
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
    from django.urls import reverse

    client.force_login(PersonFactory(is_staff=True, is_superuser=True))
    home = client.get(reverse("admin:index")).content.decode()
    assert 'id="nav-sidebar"' not in home
    assert reverse("admin:learning_impactlevel_changelist") in home
    app = client.get(reverse("admin:app_list", args=["learning"])).content.decode()
    assert reverse("admin:learning_impactlevel_changelist") in app
    add = client.get(reverse("admin:learning_impactlevel_add")).content.decode()
    assert 'id="nav-sidebar"' not in add
    assert f'href="{reverse("admin:index")}"' in add
