"""The admin's lists in a browser: filters and page links big enough to use (WCAG 2.2
target size, static/css/admin.css), and a list past its count (docs/adr/0078)."""

import re

from django.contrib import admin
from playwright.sync_api import expect

from frontend import admin_lists
from people.models import RecordView
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.test_admin_lists import _reads


def test_an_administrator_pages_through_the_read_audit_past_its_count(page, monkeypatch):
    reads = admin.site._registry[RecordView]
    monkeypatch.setattr(admin_lists, "COUNTED_UP_TO", 50)
    monkeypatch.setattr(reads, "list_per_page", 2)
    monkeypatch.setattr(reads, "list_max_show_all", reads.list_max_show_all)
    admin_lists.settle_list(reads)  # as the site settles it, counting up to 50
    _reads(60)
    administrator = PersonFactory(is_staff=True, is_superuser=True)
    sign_in(page, administrator.email, PASSWORD)
    # Django's admin lays its tables out wider than 320 px: reflow is not asked of it.
    for path in ("/admin/", "/admin/people/person/", "/admin/learning/initiative/"):
        page.goto(path)
        accessible(page, reflow=False)
    page.goto("/admin/people/recordview/")
    accessible(page, reflow=False)
    expect(page.locator(".paginator")).to_contain_text("More than 50 record views")
    expect(page.locator(".paginator .showall")).to_have_count(0)
    page.locator(".paginator").get_by_role("button", name="2", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?p=2$"))
    page.get_by_role("link", name="Today").click()
    accessible(page, reflow=False)
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
