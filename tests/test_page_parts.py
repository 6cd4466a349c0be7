"""Parts of pages drawn by Jinja2 (frontend.page_parts, docs/adr/0072): each one a page
names exists and compiles, values print as Django's engine printed them, and a method
printed uncalled is an error rather than "<bound method …>" on the page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

from frontend.page_parts import PAGE_PARTS, MethodNotCalled, _directories

ROOT = Path(settings.BASE_DIR)
DRAWN = re.compile(r"""{%\s*drawn_by_jinja2\s+["']([^"']+)["'][^%]*%}""")


def _django_templates():
    return [
        path
        for path in ROOT.rglob("*.html")
        if "templates" in path.relative_to(ROOT).parts and ".venv" not in path.parts
    ]


def test_every_part_a_page_names_exists_and_every_part_compiles():
    named = {
        (path, name) for path in _django_templates() for name in DRAWN.findall(path.read_text())
    }
    assert {name for _, name in named} >= {"careers/team_table.html", "people/home_content.html"}
    for path, name in named:
        assert PAGE_PARTS.get_template(name), f"{path} names {name}"
    compiled = 0
    for directory in _directories():
        for path in directory.rglob("*.html"):
            PAGE_PARTS.get_template(path.relative_to(directory).as_posix())
            compiled += 1
    assert compiled >= len(named)


def test_a_part_prints_values_as_djangos_engine_does():
    """Escaped with Django's entities (an apostrophe is &#x27;), numbers localized."""
    value = '<b>O\'Neil & "Co"</b>'
    page = engines["django"].from_string(
        '{% load parts %}{% drawn_by_jinja2 "people/panels/reports.html" %}'
    )
    context = {"panel": {"context": {"count": 2, "reports": [{"url": "/x/", "full_name": value}]}}}
    html = page.render(context)
    django = engines["django"].from_string("{{ v }}").render({"v": value})
    assert f">{django}</a>, no job title recorded" in html
    assert "You line manage 2 people." in html


@pytest.mark.parametrize("grouping", [False, True])
def test_a_part_prints_numbers_as_djangos_engine_does(settings, grouping):
    """Whole numbers, negative and large, a true value, a float and a Decimal, with
    thousands grouped or not: the same text as ``{{ n }}`` in Django's engine."""
    from decimal import Decimal

    settings.USE_THOUSAND_SEPARATOR = grouping
    for value in (0, -5, 1234567, True, 1.5, Decimal("1234.50")):
        django = engines["django"].from_string("{{ n }}").render({"n": value})
        assert PAGE_PARTS.from_string("{{ n }}").render(n=value) == django, value
    large = PAGE_PARTS.from_string("{{ n }}").render(n=1234567)
    assert large == ("1,234,567" if grouping else "1234567")


def test_a_method_printed_uncalled_is_an_error_not_text_on_the_page():
    """As the consent panel's share_title() and share_again_url(), which are methods."""

    class Shared:
        def share_title(self):
            return "Your strengths"

    for uncalled in (
        "{{ record.share_title }}",
        "{{ record.share_title|lower }}",
        "{% if record.share_title %}shown{% endif %}",  # as a Page's has_other_pages
        "{% for line in record.share_title %}{{ line }}{% endfor %}",
    ):
        with pytest.raises(MethodNotCalled, match="share_title"):
            PAGE_PARTS.from_string(uncalled).render(record=Shared())
    called = PAGE_PARTS.from_string("{{ record.share_title() }}").render(record=Shared())
    assert called == "Your strengths"


@pytest.mark.django_db
def test_names_on_my_team_and_home_are_escaped(client, cast):
    manager, report = cast["line_manager"], cast["owner"]
    report.given_name, report.family_name = "<i>Siân</i>", "O'Brien"
    report.save()
    client.force_login(manager)
    for url in (reverse("my-team"), reverse("home")):
        html = client.get(url).content.decode()
        assert "&lt;i&gt;Siân&lt;/i&gt; O&#x27;Brien" in html, url
        assert "<i>Siân</i>" not in html
        assert "bound method" not in html


def test_url_in_a_part_is_the_url_tags_path(settings):
    """With no argument, one id, or several (each worked out as {% url %} does)."""
    from frontend.page_parts import url

    django = engines["django"].from_string(
        "{% url 'person-me' %} {% url 'shared-journal' 7 %} {% url 'shared-journal' 12 %} "
        "{% url 'journal-section' 2026 'strengths-and-challenges' %}"
    )
    parts = " ".join(
        [
            url("person-me"),
            url("shared-journal", 7),
            url("shared-journal", 12),
            url("journal-section", 2026, "strengths-and-challenges"),
        ]
    )
    assert (
        parts
        == django.render({})
        == (
            "/people/me/ /team/7/journal/ /team/12/journal/ "
            "/journal/2026/sections/strengths-and-challenges/"
        )
    )


@pytest.mark.parametrize(
    "source", ["{{ panel.context.more }}", "{{ details.unit }}", "{{ a.b.c }}"]
)
def test_a_value_that_is_not_there_prints_nothing_as_in_django(source):
    context = {"panel": {"context": {}}}
    assert engines["django"].from_string(source).render(context) == ""
    assert PAGE_PARTS.from_string(source).render(context) == ""


def test_a_dicts_key_is_found_before_its_method_as_in_django():
    context = {"counts": {"items": 3, "values": 4}}
    source = "{{ counts.items }} {{ counts.values }}"
    assert engines["django"].from_string(source).render(context) == "3 4"
    assert PAGE_PARTS.from_string(source).render(context) == "3 4"


def test_a_page_value_named_url_does_not_replace_the_parts_url_helper():
    page = engines["django"].from_string(
        '{% load parts %}{% drawn_by_jinja2 "appraisals/reminders/panel.html" %}'
    )
    html = page.render({"panel": {"context": {"weekly": False}}, "url": "/somewhere/"})
    assert f'<a href="{reverse("appraisals:reminder-preferences")}">' in html


def test_url_refuses_an_id_the_url_tag_refuses():
    from django.urls import NoReverseMatch

    from frontend.page_parts import url

    for refused in (10**18, -1, True):
        with pytest.raises(NoReverseMatch):
            reverse("unit-detail", args=[refused])
        with pytest.raises(NoReverseMatch):
            url("unit-detail", refused)


def test_a_parts_date_join_yesno_and_scrolling_table_are_djangos():
    """The booklet's sections are parts: a signature made at 13:30 UTC in July shows
    as 14:30, British Summer Time, as Django's engine shows it; items joined and escaped
    with Django's entities; a wide table in the same scrolling box."""
    from datetime import UTC, datetime

    signed = datetime(2026, 7, 1, 13, 30, tzinfo=UTC)
    named = ['O\'Neil & "Co"', "<b>Ward 7</b>"]
    django = engines["django"].from_string(
        '{% load tables %}{{ t|date:"j F Y, H:i" }}|{{ n|join:", " }}|{{ b|yesno:"Yes,No" }}|'
        '{% scrolling_table "c" %}<table><caption id="c">{{ n.0 }}</caption></table>'
        "{% endscrolling_table %}"
    )
    part = PAGE_PARTS.from_string(
        '{{ t|date("j F Y, H:i") }}|{{ n|join(", ") }}|{{ b|yesno("Yes,No") }}|'
        '{% call scrolling_table("c") %}<table><caption id="c">{{ n[0] }}</caption></table>'
        "{% endcall %}"
    )
    values = {"t": signed, "n": named, "b": False}
    drawn = part.render(values)
    assert drawn == django.render(values)
    assert drawn.startswith("1 July 2026, 14:30|O&#x27;Neil &amp; &quot;Co&quot;, &lt;b&gt;")
    assert 'role="region" aria-labelledby="c" tabindex="0">' in drawn


def test_a_part_prints_nothing_for_a_date_or_text_that_is_not_there():
    """As Django's engine: a kept placement without its evidence or reason, or a date
    not given, draws the rest of the section rather than failing the booklet."""
    assert PAGE_PARTS.from_string('[{{ gone|date("j F Y") }}]').render({}) == "[]"
    kept = {"level": {"name": "Green"}, "direction": {"name": "Depth"},
            "target_level": {"name": "Blue"}, "target_direction": {"name": "Breadth"}}  # fmt: skip
    html = PAGE_PARTS.get_template("careers/booklet/placement.html").render({"placement": kept})
    assert "Green, growing in depth" in html


@pytest.mark.django_db
def test_a_list_links_each_row_as_the_url_tag_would(client, cast, organisation):
    """A unit's people, each linked to their record by a pattern worked out before the
    loop (url_for): the same address as ``{% url %}`` gives for each, on HR's page."""
    client.force_login(cast["hr"])
    page = client.get(reverse("unit-detail", args=[organisation["team"].pk])).text
    members = organisation["team"].members.filter(is_active=True)
    assert members.count() > 1
    for person in members:
        assert (
            f'<a href="{reverse("person-detail", args=[person.pk])}">{person.full_name}</a>'
            in page
        )
