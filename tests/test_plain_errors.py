"""Every error a person can meet on a Trellis form is in plain words, and every date is
plausible.

The walk finds the forms itself: every form class defined in a Trellis module, the
form of every django-filter FilterSet, and every form the URLconf's views use (the
sign-in and password forms). Each field gets hostile values (empty, too long,
negative, too many digits, a bad web address or email address, a choice that is not
offered, an impossible or implausible date, passwords that do not match), and no
message may still carry Django's default wording, read from Django itself.
"""

import importlib
import inspect
import pkgutil
import re
from datetime import date

import django_filters
import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core import validators
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import constraints
from django.db.models import fields as model_fields
from django.db.models.fields import files as model_file_fields
from django.db.models.fields import related as model_related_fields
from django.forms import fields as form_fields
from django.forms import models as form_models
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise

from frontend import forms as plain
from frontend.components.choices import declared_reveals
from frontend.fields import DateField
from people.models import OrganisationUnit
from tests.factories import PersonFactory
from tests.factories_careers import AnswerFactory, JournalFactory, QuestionFactory

TRELLIS_APPS = ("people", "careers", "learning", "appraisals", "privacy", "frontend")
PASSWORD = "Correct-horse-battery-9"

# Django's default wording ------------------------------------------------------------


def _wordings(message):
    # ngettext_lazy keeps both forms in its keyword arguments and reads as "" alone.
    plural = getattr(message, "_kw", None)
    if isinstance(plural, dict) and "singular" in plural:
        return [plural["singular"], plural["plural"]]
    return [str(message)]


def django_default_phrases():
    """Django's own message templates, as regular expressions (placeholders match anything)."""
    modules = (
        form_fields,
        form_models,
        validators,
        auth_forms,
        constraints,
        model_fields,
        model_file_fields,
        model_related_fields,
    )
    found = set()
    for module in modules:
        for _, obj in inspect.getmembers(module):
            for attr in ("default_error_messages", "error_messages", "messages"):
                table = getattr(obj, attr, None)
                if isinstance(table, dict):
                    for message in table.values():
                        found.update(_wordings(message))
            message = getattr(obj, "message", None)
            if isinstance(message, str | Promise):
                found.update(_wordings(message))
    for validator in password_validation.get_default_password_validators():
        found.add(str(validator.get_error_message()))
    placeholder = re.compile(r"%\\\(\w+\\\)[sdr]|\\\{\w+\\\}")
    return {
        text: re.compile(placeholder.sub(".*", re.escape(text)))
        for text in found
        if len(placeholder.sub("", text)) > 5
    }


def test_the_default_phrases_are_read_from_django():
    phrases = django_default_phrases()
    for example in (
        "Ensure this value is greater than or equal to 0.",
        "Ensure that there are no more than 5 digits before the decimal point.",
        "The two password fields didn’t match.",
        "Enter a valid URL.",
        "This field is required.",
        "This password is too common.",
    ):
        assert any(p.search(example) for p in phrases.values()), example


# Finding the forms ---------------------------------------------------------------------


def _trellis_modules():
    for app in TRELLIS_APPS:
        package = importlib.import_module(app)
        yield package
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def _url_forms(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_forms(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", None)
            kwargs = getattr(pattern.callback, "view_initkwargs", {})
            for attr in ("form_class", "authentication_form"):
                form = kwargs.get(attr) or getattr(view, attr, None)
                if inspect.isclass(form) and issubclass(form, forms.BaseForm):
                    yield form


def discover_forms():
    """Form classes and FilterSets a person can meet, by name."""
    found = {}
    for module in _trellis_modules():
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if not obj.__module__.startswith(TRELLIS_APPS):
                continue
            is_form = issubclass(obj, forms.BaseForm) and obj not in (
                forms.Form,
                forms.ModelForm,
            )
            is_filter = issubclass(obj, django_filters.FilterSet)
            if is_form or is_filter:
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    for form in _url_forms(get_resolver().url_patterns):
        found[f"{form.__module__}.{form.__qualname__}"] = form
    # Bases that only exist to be extended are reached through their subclasses.
    return {name: cls for name, cls in found.items() if not name.startswith("frontend.forms.")}


# The arguments a form needs beyond its data, by class name. A new form that needs
# more is named in the failure, so it is added here and walked too.
def _section_form(world):
    text = QuestionFactory(kind="text")
    scale = QuestionFactory(kind="scale", follow_ups=["Why that number?"])
    choice = QuestionFactory(kind="choice", choices=[["yes", "Yes"], ["no", "No"]])
    answer = AnswerFactory(question=text, journal=world["journal"])
    return {
        "questions": [text, scale, choice],
        "answers": {text.pk: answer},
    }


EXTRA_ARGUMENTS = {
    "SectionForm": _section_form,
    "ShareForm": lambda world: {"sensitive": True},
    "LeaversCheckForm": lambda world: {"count": 15},
    "EvaluationForm": lambda world: {"outcomes": ["Explain the Mental Capacity Act"]},
    "InsightsForm": lambda world: {"years": [2025, 2026]},
    "CycleForm": lambda world: {"units": OrganisationUnit.objects.all()},
    "ExportForm": lambda world: {"units": OrganisationUnit.objects.all()},
}


def form_maker(cls, world):
    """A function (data, files) -> an instance of `cls` (the form of a FilterSet)."""
    if issubclass(cls, django_filters.FilterSet):
        return lambda data=None, files=None: cls(data, queryset=cls._meta.model.objects.all()).form
    if issubclass(cls, auth_forms.SetPasswordForm):
        return lambda data=None, files=None: cls(world["person"], data, files)
    if issubclass(cls, auth_forms.AuthenticationForm):
        request = RequestFactory().post("/")  # the sign-in check needs the request
        return lambda data=None, files=None: cls(request, data=data, files=files)
    extra = EXTRA_ARGUMENTS.get(cls.__name__)
    kwargs = extra(world) if extra else {}
    try:
        cls(**kwargs)
    except TypeError as error:
        pytest.fail(f"{cls.__name__} needs arguments: add it to EXTRA_ARGUMENTS ({error})")
    return lambda data=None, files=None: cls(data, files, **kwargs)


# Hostile values ------------------------------------------------------------------------


def _file(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def hostile_values(name, field, person):
    """What a person (or a tampered page) might send for one field, worst first."""
    year = date.today().year
    if isinstance(field, forms.FileField):
        return [
            None,
            "not a file",
            _file("program.exe", b"MZ\x90\x00"),
            _file("empty.pdf", b""),
            _file("x" * 300 + ".pdf", b"%PDF-1.7"),
        ]
    if isinstance(field, DateField):
        return [
            ["", "", ""],
            ["1", "1", "1900"],
            ["31", "2", "2025"],
            ["", "3", "2025"],
            ["a", "b", "c"],
            ["1", "1", "25"],
            ["1", "1", str(year + 20)],
            ["0", "0", "0000"],
        ]
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return ["", "1900-01-01", "not a date", f"{year + 20}-01-01", "31/02/2025"]
    if name.endswith("password1"):
        return ["", "short", "password", "12345678901234", PASSWORD, person.email]
    if name.endswith("password2"):
        return ["", "short", "password", "12345678901234", PASSWORD + "x", person.email]
    if isinstance(field, forms.BooleanField):
        return ["", "on"]
    if isinstance(field, forms.MultipleChoiceField):
        return [[], ["not-a-choice"], ["999999"], ["1", "not-a-choice"]]
    if isinstance(field, forms.ChoiceField):
        return ["", "not-a-choice", "999999", "-1"]
    if isinstance(field, forms.EmailField):
        return ["", "not-an-email", "a" * 300 + "@example.com", "name@", person.email]
    if isinstance(field, forms.URLField):
        return ["", "not a web address", "javascript:alert(1)", "https://" + "a" * 600 + ".uk"]
    if isinstance(field, forms.IntegerField):  # and DecimalField, FloatField
        return ["", "abc", "-1", "1.23456", "123456", "123456789012.5", "1e400", "NaN", "9" * 30]
    limit = getattr(field, "max_length", None) or 100_000
    return ["", "x" * (limit + 1), "bad\x00text", "   ", "wrong-password"]


def scenarios(form, person):
    """(data, files) pairs: the n-th gives each field its n-th hostile value."""
    values = {name: hostile_values(name, field, person) for name, field in form.fields.items()}
    for n in range(max((len(v) for v in values.values()), default=0)):
        data, files = MultiValueDict(), MultiValueDict()
        for name, options in values.items():
            value = options[n] if n < len(options) else options[0]
            _put(form, name, value, data, files)
        yield data, files


def _put(form, name, value, data, files):
    key = form.add_prefix(name)
    field = form.fields[name]
    if isinstance(field, forms.FileField):
        if value is not None:
            files.setlist(key, [value])
    elif isinstance(field.widget, forms.MultiWidget):
        for suffix, part in zip(field.widget.widgets_names, value, strict=True):
            data.setlist(key + suffix, [part])
    elif isinstance(value, list):
        data.setlist(key, value)
    else:
        data.setlist(key, [value])


@pytest.fixture
def world(organisation):
    person = PersonFactory(unit=organisation["team"], email="alex.morgan@trellis.example")
    person.set_password(PASSWORD)
    person.save()
    return {"person": person, "journal": JournalFactory(person=person)}


def all_errors(form):
    return [(name, str(m)) for name, messages in form.errors.items() for m in messages]


# The tests -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_form_words_every_error_plainly(world):
    phrases = django_default_phrases()
    forms_found = discover_forms()
    assert {"CPDEntryForm", "SignInForm", "ChangePasswordForm", "CatalogueFilter"} <= {
        cls.__name__ for cls in forms_found.values()
    }
    leaks, seen = [], 0
    for label, cls in sorted(forms_found.items()):
        make = form_maker(cls, world)
        for data, files in scenarios(make(), world["person"]):
            form = make(data, files)
            form.is_valid()  # must not raise: no 500 on any input
            for field, message in all_errors(form):
                seen += 1
                for default, pattern in phrases.items():
                    if pattern.search(message):
                        leaks.append(f"{label}.{field}: {message!r} (Django: {default!r})")
    assert seen > 200, "the hostile values should have met many errors"
    assert leaks == [], "\n".join(sorted(set(leaks)))


def _reveal(form, name, data):
    """Choose the item that reveals `name`, if a choice of `form` reveals it (a date
    revealed under "Yes" is checked as the person would send it)."""
    for choice in form.fields:
        for value, names in declared_reveals(form, choice).items():
            if name in names:
                data[choice] = value


@pytest.mark.django_db
def test_every_date_field_refuses_implausible_dates(world):
    year = date.today().year
    checked = []
    for label, cls in sorted(discover_forms().items()):
        make = form_maker(cls, world)
        unbound = make()
        for name, field in unbound.fields.items():
            if not isinstance(field, DateField | forms.DateField):
                continue
            for when in (date(1900, 1, 1), date(year + 20, 1, 1)):
                data, files = MultiValueDict(), MultiValueDict()
                if isinstance(field, DateField):
                    _put(
                        unbound,
                        name,
                        [str(when.day), str(when.month), str(when.year)],
                        data,
                        files,
                    )
                else:
                    _put(unbound, name, when.isoformat(), data, files)
                _reveal(unbound, name, data)
                form = make(data, files)
                assert name in form.errors, f"{label}.{name} accepted {when}"
                checked.append(f"{label}.{name}")
    assert "learning.forms.CPDEntryForm.started_on" in checked
    assert "people.equality.forms.EqualityForm.date_of_birth" in checked  # revealed


@pytest.mark.django_db
def test_a_cpd_date_is_refused_before_1950_and_in_the_future(world):
    from learning.forms import CPDEntryForm

    def started(day, month, year):
        data = {"started_on_0": day, "started_on_1": month, "started_on_2": year}
        form = CPDEntryForm(data)
        form.is_valid()
        return form.errors.get("started_on")

    assert started("1", "1", "1900") == ["Start date must be the same as or after 1 January 1950"]
    assert started("1", "1", str(date.today().year + 1)) == [
        "Start date must be today or in the past"
    ]
    assert started("1", "1", "1950") is None


class _Example(plain.Form):
    hours = forms.DecimalField(label="Hours", max_digits=4, decimal_places=1, min_value=0)
    link = forms.URLField(label="Link", required=False)
    reflection = forms.CharField(label="What did you learn?", max_length=10, required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A")], required=False)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"hours": ""}, "hours", "Enter hours"),
        ({"hours": "lots"}, "hours", "Enter hours as a number, like 1.5"),
        ({"hours": "-1"}, "hours", "Hours must be 0 or more"),
        ({"hours": "12345"}, "hours", "Hours must be 999.9 or less"),
        ({"hours": "1.25"}, "hours", "Hours can have up to 1 decimal place, like 1.5"),
        ({"link": "nhs dot uk"}, "link",
         "Enter a web address in the correct format, like https://www.nhs.uk"),
        ({"reflection": "x" * 11}, "reflection",
         "Your answer to “What did you learn?” must be 10 characters or fewer"),
        ({"kind": "z"}, "kind", "Select one of the options for kind"),
    ],
)  # fmt: skip
def test_django_wording_is_replaced_by_the_field_s_own_words(data, field, message):
    form = _Example({"hours": "1", **data})
    assert form.errors[field] == [message]


@pytest.mark.django_db
def test_mismatched_new_passwords_say_what_to_do(world):
    from people.forms import ChangePasswordForm

    data = {"old_password": PASSWORD, "new_password1": "Blue-kettle-morning-4",
            "new_password2": "Blue-kettle-evening-4"}  # fmt: skip
    form = ChangePasswordForm(world["person"], data)
    assert form.errors["new_password2"] == ["Enter the same password in both boxes"]
