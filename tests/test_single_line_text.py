"""A title, a name, an action: single-line text stays on one line, however it arrives
(a form, the admin, the catalogue import), so nothing built from it later breaks (an
email subject with a line break is refused by Python's email package). Every form and
every model is walked, so a new one is checked without editing this file."""

import csv
import importlib
import io

import openpyxl
import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from frontend.text import SingleLineCharField, header_text, single_line
from learning import imports
from learning.models import Initiative
from people.models import OrganisationUnit
from tests.factories import PersonFactory
from tests.factories_learning import vocabulary
from tests.test_architecture import APPS, ROOT, python_files

pytestmark = pytest.mark.django_db

TYPED = "Leading with\r\ncompassion\n\tday 2"
ONE_LINE = "Leading with compassion day 2"
SINGLE_LINE_INPUTS = ("text", "search", "email", "url", "tel")

# Model CharFields nobody types: Django's password hash, the audit's ids and paths,
# the organisation tree's path, cache tokens, an upload's content type.
NOT_TYPED = {
    "people.Person.password",
    "people.RecordView.object_id",
    "people.RecordView.path",
    "people.OrganisationUnit.path",
    "people.ThrottleCount.scope",
    "people.ThrottleCount.key",
    "learning.CatalogueStamp.token",
    "learning.CatalogueStamp.ratings_token",
    "learning.CatalogueStamp.uptake_token",
    "learning.Evidence.content_type",
    "careers.Answer.sitting",  # a keyed digest of a session (careers/journal/versions.py)
    # Written by the appraisal's services, never typed: hashes, event names, states.
    "appraisals.Signature.content_hash",
    "appraisals.SealedBooklet.sha256",
    "appraisals.AppraisalEvent.action",
    "appraisals.AppraisalEvent.from_status",
    "appraisals.AppraisalEvent.to_status",
    "appraisals.Appraisal.seal_error",  # a task's failure, in Trellis's words
    "appraisals.FiguresStamp.token",
}
# Forms whose fields are built from arguments: how to make one of each.
FORM_ARGUMENTS = {
    "SectionForm": lambda: {"questions": [scale_question()], "answers": {}},
    "ShareForm": lambda: {"sensitive": False},
    "LeaversCheckForm": lambda: {"count": 15},
    "ChangePasswordForm": lambda: {"user": PersonFactory()},
    "NewPasswordForm": lambda: {"user": PersonFactory()},
    "CycleForm": lambda: {"units": OrganisationUnit.objects.all()},
    "ExportForm": lambda: {"units": OrganisationUnit.objects.all()},
}


def scale_question():
    from careers.models import Question

    question = Question.objects.filter(kind=Question.Kind.SCALE).exclude(follow_ups=[]).first()
    assert question is not None, "the shipped question bank has a scale question"
    return question


def test_one_rule_flattens_line_breaks():
    assert single_line(TYPED) == ONE_LINE
    assert single_line("Zoë\u2028O’Neil  -  ward 3 ") == "Zoë O’Neil  -  ward 3"
    assert single_line(None) is None
    assert single_line("Jo \u202egnp.exe\u2066x\u2069") == "Jo gnp.exex"  # no spoofed order
    assert single_line("\u200fسلام") == "\u200fسلام"  # a direction mark stays
    assert header_text("Handover\nskills" * 50) == ("Handover skills" * 50)[:200]


def project_forms():
    """Every form class Trellis defines, and the admin's form for every model."""
    for app in APPS:
        for path in python_files(app):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            importlib.import_module(module)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.add(sub)
    request = RequestFactory().get("/")
    request.user = PersonFactory(administrator=True, is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in APPS:
            found.add(model_admin.get_form(request))
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def single_line_fields(form_class):
    make = FORM_ARGUMENTS.get(form_class.__name__, dict)
    try:
        form = form_class(**make())
    except TypeError as error:
        pytest.fail(f"{form_class.__name__}: add its arguments to FORM_ARGUMENTS ({error})")
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    for name, field in form.fields.items():
        if model and f"{model._meta.label}.{name}" in NOT_TYPED:
            continue
        widget = field.widget
        if (
            isinstance(field, forms.CharField)
            and isinstance(widget, forms.widgets.Input)
            and widget.input_type in SINGLE_LINE_INPUTS
        ):
            yield name, field


def test_every_single_line_form_field_keeps_one_line(organisation):
    vocabulary()
    checked, kept = [], []
    for form_class in project_forms():
        for name, field in single_line_fields(form_class):
            checked.append(f"{form_class.__name__}.{name}")
            try:
                value = field.clean(TYPED)
            except forms.ValidationError:
                continue  # refused with a message (an email address, a link): not stored
            if value != ONE_LINE:
                kept.append(f"{form_class.__name__}.{name}")
    assert "CPDEntryForm.title" in checked and "ActionForm.text" in checked
    assert any(name.startswith("SectionForm.q") for name in checked)  # journal follow-ups
    assert kept == [], "these keep a line break"


def test_every_typed_model_char_field_is_single_line():
    """So every way in (forms, the admin, imports, services) stores one line."""
    offenders = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if type(field) is models.CharField and not field.choices and label not in NOT_TYPED:
                offenders.append(label)
            if isinstance(field, SingleLineCharField):
                assert label not in NOT_TYPED
    assert offenders == []


def test_the_cpd_form_saves_a_title_on_one_line(cast, client):
    vocabulary()
    client.force_login(cast["owner"])
    from learning.models import CPDEntry, LearningCategory

    response = client.post(
        reverse("learning:cpd-create"),
        {
            "title": TYPED,
            "category": LearningCategory.objects.first().pk,
            "started_on_0": "1",
            "started_on_1": "3",
            "started_on_2": "2026",
            "hours": "2",
            "learned": "Line one\nLine two",
        },
    )
    assert response.status_code == 302
    entry = CPDEntry.objects.get()
    assert entry.title == ONE_LINE
    assert entry.learned == "Line one\nLine two"  # a multi-line answer keeps its lines


def import_row(title):
    header = ["title", "summary", "category", "format"]
    return header, [title, "A one\nline summary", "formal-education", "course"]


def test_a_csv_import_stores_titles_on_one_line(cast):
    vocabulary()
    header, row = import_row(TYPED)
    out = io.StringIO()
    csv.writer(out).writerows([header, row])
    outcome = imports.import_csv(text=out.getvalue(), by=cast["led"])
    assert outcome.ok, outcome.problems
    initiative = Initiative.objects.latest("pk")
    assert (initiative.title, initiative.summary) == (ONE_LINE, "A one line summary")


def test_an_xlsx_import_stores_alt_enter_titles_on_one_line(cast):
    vocabulary()
    book = openpyxl.Workbook()
    header, row = import_row("Leading with\ncompassion")  # Alt+Enter in a cell
    book.active.append(header)
    book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    outcome = imports.import_xlsx(raw=out.getvalue(), by=cast["led"])
    assert outcome.ok, outcome.problems
    assert Initiative.objects.latest("pk").title == "Leading with compassion"
