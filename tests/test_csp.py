"""A strict Content-Security-Policy, and templates that live within it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_pages_send_a_policy_without_inline_script_or_style(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def project_templates():
    for folder in [
        "templates",
        "people",
        "careers",
        "learning",
        "appraisals",
        "privacy",
        "frontend",
    ]:
        yield from (ROOT / folder).rglob("*.html")


# An inline script or style, or an event handler: what the policy refuses.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_no_template_has_inline_script_style_or_handlers():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in project_templates()
        for match in [INLINE.search(path.read_text())]
        if match
    ]
    assert offenders == []


# Django's list draws this style only for a list with no actions above or below it,
# which no admin of Trellis's is (tested below).
LIST_WITHOUT_ACTIONS = "<style {% csp_nonce_attr %}>"
# Apps whose templates no Trellis page draws: import_export is used for its resources
# (learning/imports.py); no admin is registered with its import or export views.
NO_PAGES = {"import_export"}


@pytest.mark.django_db
def test_every_admin_list_has_its_actions_and_no_admin_uses_import_export_views():
    from django.contrib import admin
    from import_export.admin import ImportExportMixinBase

    for model_admin in admin.site._registry.values():
        assert model_admin.actions_on_top or model_admin.actions_on_bottom, model_admin
        assert not isinstance(model_admin, ImportExportMixinBase), model_admin


def test_no_template_a_page_draws_has_inline_style_or_handlers():
    """The kind, not the case: every template name any installed app ships (Django's
    admin and the packages' pages included) resolves to a file without an inline script
    or style or an event handler, which the policy would refuse (simple-history's page
    links under a history had one: templates/simple_history/object_history_list.html is
    its copy)."""
    from django.apps import apps
    from django.template.loader import get_template

    offenders = []
    for app in apps.get_app_configs():
        if app.name in NO_PAGES:
            continue
        folder = Path(app.path) / "templates"
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            drawn = Path(get_template(name).origin.name)
            match = INLINE.search(drawn.read_text().replace(LIST_WITHOUT_ACTIONS, ""))
            if match:
                offenders.append(f"{name} ({drawn}): {match.group(0)}")
    assert offenders == []


def test_the_history_list_is_simple_historys_but_for_the_inline_style():
    import simple_history

    theirs = (
        Path(simple_history.__file__).parent / "templates/simple_history/object_history_list.html"
    )
    ours = (ROOT / "templates/simple_history/object_history_list.html").read_text()
    assert ours.startswith("{% comment %}")
    ours = ours.split("{% endcomment %}\n", 1)[1]
    style = '<p class="paginator" style="border-top: 0">'
    assert ours == theirs.read_text().replace(style, '<p class="paginator history-paginator">')
    assert (
        ".history-paginator {\n  border-top: 0;\n}" in (ROOT / "static/css/admin.css").read_text()
    )
