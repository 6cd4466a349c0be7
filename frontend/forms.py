"""Base classes for every Trellis form: Django's own error wording is made plain.

Use `frontend.forms.Form` and `frontend.forms.ModelForm` instead of Django's, or put
`PlainErrors` first in the bases of a form that extends another (the auth forms).
"""

from django import forms

from frontend.errors import reword


class PlainErrors:
    """Form mixin: every error goes through `add_error` (field cleaning, `clean()`,
    model validation, password validators), so this one hook words each of them
    the NHS.UK way, naming the field by its label (see frontend.errors)."""

    def add_error(self, field, error):
        super().add_error(field, reword(self, field, error))


class Form(PlainErrors, forms.Form):
    pass


class ModelForm(PlainErrors, forms.ModelForm):
    pass
