"""A fixed include drawn in place (frontend.inline_includes) draws what the include drew."""

import jinja2
import pytest
from jinja2 import nodes

from frontend.components.drawing import ENVIRONMENT
from frontend.inline_includes import InlineIncludes
from frontend.page_parts import PAGE_PARTS

TEMPLATES = {
    # Whitespace control at both ends of the included template, and its last newline.
    "edges.html": "{%- if a %}[{{ a }}]{% endif -%}\n  tail {{ b }}  \n",
    "outer_edges.html": (
        "before  \n{% include 'edges.html' %}  after {% include 'edges.html' -%}\n  x\n"
    ),
    # An included template that sets a name keeps it to itself.
    "sets.html": "{% set a = 'inner' %}{{ a }}",
    "outer_sets.html": "{{ a }}/{% include 'sets.html' %}/{{ a }}",
    # Loop variables reach the included template, as they do an include; `loop` does not.
    "row.html": "<{{ item }}>",
    "outer_loop.html": "{% for item in items %}{% include 'row.html' %}{% endfor %}",
    "loop.html": "<{{ item }}:{{ loop is defined }}>",
    "outer_loop_itself.html": "{% for item in items %}{% include 'loop.html' %}{% endfor %}",
    "own_loop.html": "{% for c in item %}{{ loop.index }}{{ c }}{% endfor %}",
    "outer_own_loop.html": "{% for item in items %}{% include 'own_loop.html' %}{% endfor %}",
    # Includes within includes, and a name set around the include.
    "inner.html": "({{ b }})",
    "middle.html": "[{% include 'inner.html' %}]\n",
    "outer_nested.html": (
        "{% with b = 'w' %}{% include 'middle.html' %}{% endwith %}{% include 'middle.html' %}"
    ),
    # A template that is not there fails only if drawn.
    "outer_missing.html": "{% if a == 'never' %}{% include 'missing.html' %}{% endif %}ok",
    "outer_ignore.html": "{% include 'missing.html' ignore missing %}ok",
    # An include in an autoescape block escapes by the environment's rule.
    "markup.html": "{{ a }}",
    "outer_autoescape.html": (
        "{% autoescape false %}{% include 'markup.html' %}{% endautoescape %}"
        "{% include 'markup.html' %}"
    ),
    # `self` names the included template, not the one around it.
    "names_self.html": "{{ self is defined }}{{ super is defined }}",
    "outer_self.html": "{% block b %}{% include 'names_self.html' %}{% endblock %}",
    # A template that includes itself is left to Jinja2.
    "itself.html": "{% if n %}{{ n }}{% set n = n - 1 %}{% include 'itself.html' %}{% endif %}",
}
VALUES = {"a": "<a>", "b": "'b'", "items": ["x", "y", "z"], "n": 0}


def _environment(**options):
    options = {"autoescape": True, "keep_trailing_newline": True, "auto_reload": False, **options}
    return jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), **options)


def _includes(environment, name):
    source = environment.loader.get_source(environment, name)[0]
    return list(environment.parse(source, name).find_all(nodes.Include))


@pytest.mark.parametrize("name", sorted(n for n in TEMPLATES if n.startswith("outer_")))
def test_the_html_is_the_same_as_the_include_drew(name):
    plain, inlined = _environment(), _environment(extensions=[InlineIncludes])
    expected = plain.get_template(name).render(VALUES)
    assert inlined.get_template(name).render(VALUES) == expected


def test_only_a_template_that_sets_nothing_and_is_there_is_drawn_in_place():
    inlined = _environment(extensions=[InlineIncludes])
    assert _includes(inlined, "outer_edges.html") == []
    assert _includes(inlined, "outer_loop.html") == []
    assert _includes(inlined, "outer_nested.html") == []
    assert [i.template.value for i in _includes(inlined, "outer_sets.html")] == ["sets.html"]
    assert len(_includes(inlined, "outer_loop_itself.html")) == 1
    assert _includes(inlined, "outer_own_loop.html") == []
    assert len(_includes(inlined, "outer_autoescape.html")) == 2
    assert len(_includes(inlined, "outer_self.html")) == 1
    assert [i.template.value for i in _includes(inlined, "outer_missing.html")] == ["missing.html"]
    assert len(_includes(inlined, "outer_ignore.html")) == 1


def test_an_environment_that_reloads_templates_draws_nothing_in_place():
    reloading = _environment(extensions=[InlineIncludes], auto_reload=True)
    assert len(_includes(reloading, "outer_edges.html")) == 2


@pytest.mark.parametrize(
    "environment, name",
    [
        (ENVIRONMENT, "nhsuk/components/character_count.html"),
        (ENVIRONMENT, "nhsuk/components/input.html"),
        (PAGE_PARTS, "careers/journal_section.html"),
    ],
)
def test_trellis_fields_and_parts_draw_their_fixed_includes_in_place(environment, name):
    # What makes a field cheaper to draw: no new context for its label, hint and error.
    assert not environment.auto_reload
    assert _includes(environment, name) == []


def test_an_environment_with_its_own_delimiters_parses_the_included_template_by_them():
    delimiters = {"variable_start_string": "[[", "variable_end_string": "]]"}
    templates = {
        "row.html": "<[[ item ]]>{{ not a tag }}",
        "outer.html": "{% include 'row.html' %}",
    }

    def environment(**options):
        options = {"auto_reload": False, "autoescape": True, **delimiters, **options}
        return jinja2.Environment(loader=jinja2.DictLoader(templates), **options)

    inlined = environment(extensions=[InlineIncludes])
    expected = environment().get_template("outer.html").render(item="x")
    assert inlined.get_template("outer.html").render(item="x") == expected == "<x>{{ not a tag }}"
    assert _includes(inlined, "outer.html") == []
