"""The journal section's content, drawn by Jinja2 (careers/jinja2/careers/journal_section.html,
docs/adr/0081): the part's helpers draw what Django's tags drew, its forms carry tokens
the server accepts, and a private section's page reads no audit of its readers."""

from datetime import UTC, datetime

import pytest
from django import forms
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.journal import services
from frontend import forms as plain
from frontend.page_parts import PAGE_PARTS, crispy_field, error_summary
from people.services import record_read
from tests.forms_walk import post_forms

STRENGTHS = "strengths-and-challenges"


class _Fields(plain.Form):
    name = forms.CharField(label="Name <b>'x'</b>", help_text="As on your badge & ID")
    story = forms.CharField(label="Your story", max_length=40, widget=forms.Textarea)
    choice = forms.ChoiceField(
        label="Pick one", choices=[("a", "A & 'a'"), ("b", "B")], widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("data", [None, {"name": "", "story": "x" * 41, "choice": "zz"}])
def test_crispy_field_and_error_summary_draw_what_djangos_tags_draw(data):
    """Each kind of field, unbound and bound with an error on each, and the summary of
    those errors: the same bytes as ``|as_crispy_field`` and ``{% nhsuk_error_summary %}``."""
    form = _Fields(data)
    if data:
        assert not form.is_valid() and len(form.errors) == 3
    django = engines["django"].from_string(
        "{% load crispy_forms_tags nhsuk %}{% nhsuk_error_summary form %}|"
        "{% for field in form %}{{ field|as_crispy_field }}{% endfor %}"
    )
    drawn = str(error_summary(form)) + "|" + "".join(crispy_field(f) for f in form)
    assert drawn == django.render({"form": form})
    assert ("There is a problem" in drawn) == bool(data)


def test_crispy_field_refuses_a_form_with_a_helper_whose_settings_it_does_not_read():
    form = _Fields()
    form.helper = object()
    with pytest.raises(ValueError, match="without a crispy helper"):
        crispy_field(form["name"])


def test_a_parts_time_is_djangos_in_trellis_time_zone():
    """A read at 13:30 UTC in July shows as 14:30, as Django's engine shows it."""
    read = datetime(2026, 7, 1, 13, 30, tzinfo=UTC)
    django = engines["django"].from_string('{{ t|time:"H:i" }}')
    assert PAGE_PARTS.from_string('{{ t|time("H:i") }}').render(t=read) == "14:30"
    assert django.render({"t": read}) == "14:30"
    assert PAGE_PARTS.from_string('[{{ gone|time("H:i") }}]').render() == "[]"


@pytest.mark.django_db
def test_the_sections_forms_carry_tokens_the_server_accepts(cast):
    """With CSRF checked, as a browser is: the answers form and the sharing card's form,
    both drawn by the part, are accepted with the tokens the page gave."""
    author = cast["owner"]
    journal = services.start_journal(person=author, year=services.appraisal_year())
    state = journal.section_states.get(section__key=STRENGTHS)
    services.share_section(state=state, by=author)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(author)
    path = reverse("journal-section", args=[journal.year, STRENGTHS])
    page = browser.get(path).content.decode()
    answers, withdraw = post_forms(page, path)[0], post_forms(page, path)[1]
    assert answers.action == path and withdraw.action.endswith("/withdraw/")
    fields = {name: value for name, value, *_ in answers.fields}
    question = next(n for n in fields if n.startswith("q"))
    fields.update({question: "Typed on a checked form", "action": "save"})
    assert browser.post(path, fields).status_code == 302
    assert journal.answers.get().text == "Typed on a checked form"
    fields = {name: value for name, value, *_ in withdraw.fields}
    assert browser.post(withdraw.action, fields).status_code == 302
    state.refresh_from_db()
    assert not state.is_shared


@pytest.mark.django_db
def test_a_private_section_reads_no_audit_and_a_shared_one_lists_its_readers(client, cast):
    """The sharing card lists readers only while the section is shared: a private
    section's page asks one query fewer, and a shared one names who read it."""
    author, manager = cast["owner"], cast["line_manager"]
    journal = services.start_journal(person=author, year=services.appraisal_year())
    state = journal.section_states.get(section__key=STRENGTHS)
    client.force_login(author)
    path = reverse("journal-section", args=[journal.year, STRENGTHS])
    client.get(path)
    with CaptureQueriesContext(connection) as private:
        page = client.get(path).content.decode()
    assert "Private: only you can see this section." in page
    assert not any("people_recordview" in q["sql"] for q in private.captured_queries)

    services.share_section(state=state, by=author)
    record_read(viewer=manager, subject=author, record=state)
    client.get(path)
    with CaptureQueriesContext(connection) as shared:
        page = client.get(path).content.decode()
    assert len(shared.captured_queries) == len(private.captured_queries) + 1
    assert f"<li>{manager.full_name} on " in page
