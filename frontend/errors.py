"""Plain NHS.UK wording for the errors Django would otherwise word itself.

Django's own messages ("Ensure this value is greater than or equal to 0.", "Enter a
valid URL.", "The two password fields didn’t match.") do not say which box is wrong or
what to type. `reword` replaces each of them with a message that names the field by
its label and says what to do, following the NHS.UK and GOV.UK error message guidance
(https://service-manual.nhs.uk/design-system/components/error-message). Messages a
Trellis form sets itself are never touched: only Django's own default wording is.
"""

import functools
import re
from decimal import Decimal

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import constraints
from django.db.models import fields as model_fields
from django.db.models.fields import files as model_file_fields
from django.db.models.fields import json as model_json_fields
from django.db.models.fields import related as model_related_fields
from django.forms import fields as form_fields
from django.forms import models as form_models
from django.forms.utils import pretty_name
from django.utils.functional import Promise

from frontend import validators as frontend_validators
from frontend.fields import lower_label

# Where Django keeps the wording it uses when a form or model says nothing else.
_SOURCES = (
    form_fields,
    form_models,
    validators,
    auth_forms,
    constraints,
    model_file_fields,
    model_json_fields,
    model_fields,
    model_related_fields,
    frontend_validators,  # its default wording is reworded the same way, naming the field
)

# A label that starts with one of these is an instruction ("Add an action"), not a name.
_INSTRUCTIONS = {"add", "choose", "describe", "enter", "explain", "give", "list", "say",
                 "search", "select", "tell", "upload", "write"}  # fmt: skip

# Messages for one code whatever the field (said of the form or the account).
_FIXED = {
    "password_mismatch": "Enter the same password in both boxes",
    "password_incorrect": "Your current password is not correct. Enter it again",
    "invalid_login": "Enter a correct email address and password",
    "inactive": "This account has been closed. Contact HR if you need it reopened",
    "password_too_common": "Choose a password that is harder to guess: this one is too common",
    "password_entirely_numeric": "Password must include letters or symbols, not only numbers",
    "empty": "The selected file is empty",
    "missing": "Select a file",
    "contradiction": "Upload a new file or remove the current one, not both",
    "invalid_image": "The selected file must be an image, like a PNG or JPEG",
    "unique_together": "There is already a record with these details",
    "unique_for_date": "There is already a record with these details",
    "constraint": "There is already a record with these details",
}


def message_texts(message):
    """The wording of a message template: a lazily pluralised message has two."""
    # ngettext_lazy keeps both forms in its keyword arguments and reads as "" alone.
    plural_forms = getattr(message, "_kw", None)
    if isinstance(plural_forms, dict) and "singular" in plural_forms:
        return [str(plural_forms["singular"]), str(plural_forms["plural"])]
    return [str(message)]


def _messages_of(obj):
    for attr in ("default_error_messages", "error_messages", "messages"):
        found = getattr(obj, attr, None)
        if isinstance(found, dict):
            yield from found.values()
    for attr in ("message", "default_violation_error_message"):
        found = getattr(obj, attr, None)
        if isinstance(found, str | Promise):
            yield found


@functools.cache
def _static_templates():
    found = set()
    for module in _SOURCES:
        for obj in vars(module).values():
            for message in _messages_of(obj):
                found.update(message_texts(message))
    # Model.unique_error_message words a unique_together clash in place.
    found.add("%(model_name)s with this %(field_labels)s already exists.")
    return frozenset(text for text in found if text)


def _password_templates():
    # Read each time: the validators come from settings, which tests may change.
    validators_ = password_validation.get_default_password_validators()
    return {str(v.get_error_message()) for v in validators_ if hasattr(v, "get_error_message")}


def django_templates():
    """Every message template Django uses by default in forms, validators, model
    fields, the auth forms and the configured password validators."""
    return _static_templates() | _password_templates()


def is_django_default(error):
    """True when a single ValidationError still carries Django's own wording."""
    texts = message_texts(error.message)
    return any(text in _static_templates() for text in texts) or any(
        text in _password_templates() for text in texts
    )


def reword(form, field_name, error):
    """`error` (anything Form.add_error takes) with Django's wording made plain."""
    if not isinstance(error, ValidationError):
        error = ValidationError(error)
    if hasattr(error, "error_dict"):
        if field_name is not None:
            return error  # Form.add_error refuses this combination itself.
        return ValidationError(
            {
                name: [_plain(form, None if name == NON_FIELD_ERRORS else name, e) for e in errs]
                for name, errs in error.error_dict.items()
            }
        )
    return ValidationError([_plain(form, field_name, e) for e in error.error_list])


def reword_model_errors(model, errors):
    """`errors` ({field name: [ValidationError or str]}, as Model.full_clean raises them
    for an imported row) with Django's wording made plain, as in forms: each field named
    by its verbose name. Messages Trellis wrote itself are kept."""
    plain = {}
    for name, found in errors.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        field = model_field.formfield() if model_field is not None else None
        validators = list(model_field.validators) if model_field is not None else []
        words = _Words(field, name, validators)
        plain[name] = [
            words.message(e.code, e.params or {})
            if isinstance(e, ValidationError) and is_django_default(e)
            else e
            for e in found
        ]
    return plain


def _plain(form, field_name, error):
    if not is_django_default(error):
        return error
    field = form.fields.get(field_name) if field_name else None
    words = _Words(field, field_name, _model_validators(form, field_name))
    return ValidationError(words.message(error.code, error.params or {}), code=error.code)


def _model_validators(form, field_name):
    """The model field's validators behind a ModelForm field (they run after the form's)."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    try:
        return list(model._meta.get_field(field_name).validators) if model else []
    except FieldDoesNotExist:
        return []


def number(value):
    """2000 -> '2,000'; Decimal('7.50') -> '7.5'."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:,f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,g}"
    return str(value)


class _Words:
    """How to name one field in a sentence: "Enter hours spent", "Hours spent must …".

    A label that is a question ("What did you do?") cannot stand in a sentence; the
    message then speaks of "your answer to “What did you do?”".
    """

    def __init__(self, field, field_name, model_validators=()):
        self.field = field
        own = list(getattr(field, "validators", ()))
        self.validators = own + list(model_validators)
        label = str(field.label) if field is not None and field.label else ""
        label = label or pretty_name(field_name or "") or "Your answer"
        # "Review (optional)", "Cost in pounds (if any)": the aside is not the name.
        label = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip().rstrip(":") or label
        self.label = label
        first = label.split()[0].lower() if label.split() else ""
        if label.endswith("?") or first in _INSTRUCTIONS or len(label.split()) > 6:
            self.what, self.What = f"your answer to “{label}”", f"Your answer to “{label}”"
        else:
            self.what, self.What = lower_label(label), label

    def is_a(self, *classes):
        return isinstance(self.field, classes)

    def message(self, code, params):
        if self.field is not None and self.field.widget.is_hidden:
            # Only a page changed or kept open across a release sends a bad hidden value.
            return "This page is out of date. Reload the page and try again"
        if code in _FIXED:
            return _FIXED[code]
        method = getattr(self, f"_{code}", None)
        if method is not None:
            return method(params)
        return f"Enter {self.what} in the correct format"

    def _required(self, params):
        if self.is_a(forms.FileField):
            return "Select a file"
        if self.is_a(forms.BooleanField):
            return f"Select “{self.label}” to continue"
        if self.is_a(forms.ChoiceField):
            return f"Select {self.what}"
        return f"Enter {self.what}"

    _null = _blank = _required

    def _invalid(self, params):
        if self.is_a(forms.EmailField):
            return "Enter an email address in the correct format, like name@example.com"
        if self.is_a(forms.URLField):
            return "Enter a web address in the correct format, like https://www.nhs.uk"
        if self.is_a(forms.DecimalField, forms.FloatField) and (
            getattr(self.field, "decimal_places", None) != 0
        ):
            return f"Enter {self.what} as a number, like 1.5"
        if self.is_a(forms.IntegerField):
            return f"Enter {self.what} as a whole number, like 3"
        if self.is_a(forms.FileField):
            return "Select a file"
        if self.is_a(forms.DateField, forms.DateTimeField):
            return f"{self.What} must be a real date"
        if self.is_a(forms.TimeField):
            return f"{self.What} must be a real time, like 14:30"
        return f"Enter {self.what} in the correct format"

    def _invalid_choice(self, params):
        if self.what.startswith("your answer"):
            return "Select one of the options"
        return f"Select one of the options for {self.what}"

    _invalid_list = _invalid_pk_value = _invalid_choice

    def _min_value(self, params):
        return f"{self.What} must be {number(params.get('limit_value'))} or more"

    def _max_value(self, params):
        return f"{self.What} must be {number(params.get('limit_value'))} or less"

    def _step_size(self, params):
        return f"{self.What} must be a multiple of {number(params.get('limit_value'))}"

    def _max_digits(self, params):
        # Say the largest number allowed: a maximum if the field has one, else the
        # largest the digits allow (6 digits with 1 decimal place: 99,999.9).
        maxima = [v.limit_value for v in self.validators if isinstance(v, MaxValueValidator)]
        digits = getattr(self.field, "max_digits", None)
        places = getattr(self.field, "decimal_places", None) or 0
        if digits is not None:
            maxima.append(Decimal(10) ** (digits - places) - Decimal(10) ** -places)
        if not maxima:
            return f"{self.What} must have {params.get('max')} digits or fewer"
        return f"{self.What} must be {number(min(maxima))} or less"

    _max_whole_digits = _max_digits

    def _max_decimal_places(self, params):
        places = params.get("max", 0)
        if not places:
            return f"Enter {self.what} as a whole number, like 3"
        example = "1." + "5".rjust(places, "2")
        unit = "decimal place" if places == 1 else "decimal places"
        return f"{self.What} can have up to {places} {unit}, like {example}"

    def _max_length(self, params):
        if self.is_a(forms.FileField):
            return f"The file name must be {number(params.get('max'))} characters or fewer"
        return f"{self.What} must be {number(params.get('limit_value'))} characters or fewer"

    def _max_words(self, params):
        return f"{self.What} must be {number(params.get('limit_value'))} words or fewer"

    def _min_length(self, params):
        return f"{self.What} must be {number(params.get('limit_value'))} characters or more"

    def _null_characters_not_allowed(self, params):
        return f"Remove the hidden control characters from {self.what}"

    def _incomplete(self, params):
        return f"Enter all parts of {self.what}"

    def _invalid_date(self, params):
        return f"{self.What} must be a real date"

    def _invalid_time(self, params):
        return f"{self.What} must be a real time, like 14:30"

    def _invalid_extension(self, params):
        allowed = params.get("allowed_extensions", "")
        return f"The selected file must be one of these types: {allowed}"

    def _unique(self, params):
        return f"{self.What} is already in use. Enter a different one"

    def _password_too_short(self, params):
        return f"Password must be {number(params.get('min_length'))} characters or more"

    def _password_too_similar(self, params):
        return f"Choose a password that is not like your {params.get('verbose_name', 'details')}"
