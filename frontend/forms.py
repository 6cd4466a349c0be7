"""Base classes for every Trellis form: Django's own error wording is made plain, and the
NHS.UK options that change what may be chosen or kept (disabled items, conditional
reveals) are rules of the form, not only of the page.

Use `frontend.forms.Form` and `frontend.forms.ModelForm` instead of Django's, or put
`PlainErrors` and `RevealRules` first in the bases of a form that extends another.
"""

from django import forms
from django.core.exceptions import ValidationError

from frontend.components.choices import chosen_values, declared_reveals
from frontend.errors import reword


class PlainErrors:
    """Form mixin: every error goes through `add_error` (field cleaning, `clean()`,
    model validation, password validators), so this one hook words each of them
    the NHS.UK way, naming the field by its label (see frontend.errors)."""

    def add_error(self, field, error):
        super().add_error(field, reword(self, field, error))


class RevealRules:
    """Form mixin for two NHS.UK options (frontend.options):

    - ``disabled`` items (radios, checkboxes) and ``disabled_choices`` (select) cannot be
      chosen: a posted one is refused as an invalid choice;
    - a field revealed under an item (``conditional``) counts only while that item is
      chosen: otherwise its value is dropped (cleaned to empty, its errors removed), as the
      page hid it. Words typed under "Yes" and left there when "No" is chosen are not
      saved, so nothing is kept or shared that the person no longer sees.
    Runs after the fields are cleaned, before ``clean()``.
    """

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            options = getattr(field.widget, "nhsuk", {})
            self._refuse_disabled(name, field, options)
            reveals = declared_reveals(self, name)
            chosen = chosen_values(self[name]) if reveals else set()
            for value, names in reveals.items():
                if value not in chosen:
                    self._drop(names)

    def _refuse_disabled(self, name, field, options):
        offered = options.get("disabled") or options.get("disabled_choices") or ()
        disabled = {str(value) for value in offered}
        if disabled and chosen_values(self[name]) & disabled and name in self.cleaned_data:
            self.add_error(name, ValidationError(
                field.error_messages.get("invalid_choice", "Select one of the options"),
                code="invalid_choice", params={"value": ""},
            ))  # fmt: skip

    def _drop(self, names):
        for name in names:
            self._errors.pop(name, None)
            try:
                self.cleaned_data[name] = self.fields[name].to_python(None)
            except ValidationError:
                self.cleaned_data[name] = None
            for inner in declared_reveals(self, name).values():
                self._drop(inner)


class Form(PlainErrors, RevealRules, forms.Form):
    pass


class ModelForm(PlainErrors, RevealRules, forms.ModelForm):
    pass
