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


def test_no_template_has_inline_script_style_or_handlers():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE
    )
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in project_templates()
        for match in [inline.search(path.read_text())]
        if match
    ]
    assert offenders == []
