from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from frontend.forms import PlainErrors

from .identity import normalise_email
from .models import Person
from .sso.policy import password_allowed

FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"


class IdentityEmailField(forms.EmailField):
    """An email address as the identity it stands for (`normalise_email`), for
    every form that finds or stores a person by address."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))


class SignInForm(PlainErrors, AuthenticationForm):
    """Sign in with an email address; the wording follows the NHS.UK style."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed. Contact HR if you need it reopened.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = IdentityEmailField(
            label="Email address",
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={"required": "Enter your email address", "invalid": FORMAT_MESSAGE},
        )
        self.fields["password"].error_messages["required"] = "Enter your password"


class NHSRequiredMessages:
    """NHS.UK style: say what to enter ("Enter your email address"), not "required"."""

    required_messages = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            default = f"Enter your {field.label[0].lower()}{field.label[1:]}"
            field.error_messages["required"] = self.required_messages.get(name, default)


class ResetPasswordForm(PlainErrors, NHSRequiredMessages, PasswordResetForm):
    """Ask for a reset link. The address is found exactly as sign-in finds it."""

    required_messages = {"email": "Enter your email address"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = IdentityEmailField(
            label="Email address",
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={"required": "Enter your email address", "invalid": FORMAT_MESSAGE},
        )

    def get_users(self, email):
        """Active people with a password whose stored address is this identity
        (Django's own matches with the database's `iexact`, which folds differently),
        and who may use a password (people.sso.policy: all, or break-glass accounts)."""
        people = Person._default_manager.filter(email=normalise_email(email), is_active=True)
        return (p for p in people if p.has_usable_password() and password_allowed(p))


def new_password_hint():
    """One plain sentence of what a new password must be, from AUTH_PASSWORD_VALIDATORS'
    minimum length (Django's own hint is a list of four "can’t"s; NHS.UK style says what
    to do). Out: str. The other validators (similar to the person, common, all digits)
    are named in words; each still gives its own error when broken."""
    lengths = [
        validator.min_length
        for validator in password_validation.get_default_password_validators()
        if isinstance(validator, password_validation.MinimumLengthValidator)
    ]
    length = f"at least {max(lengths)} characters" if lengths else "a long password"
    return (
        f"Use {length}. Do not use your name or email address, a common password or only numbers."
    )


class NewPasswordHints:
    """The hints of the two new-password fields, in NHS.UK style."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = new_password_hint()
        self.fields["new_password2"].help_text = "Type the same password again to check it."


class ChangePasswordForm(NewPasswordHints, PlainErrors, NHSRequiredMessages, PasswordChangeForm):
    """The current password is checked as a sign-in is, so wrong guesses count towards
    the same lockout (django-axes): a session left open is not a way to guess it."""

    required_messages = {
        "old_password": "Enter your current password",
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        from django.contrib.auth import authenticate

        if self.request is None:  # built outside a view: nothing to count against
            return super().clean_old_password()
        old = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.email, password=old) is None:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old


class NewPasswordForm(NewPasswordHints, PlainErrors, NHSRequiredMessages, SetPasswordForm):
    required_messages = {
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }

    def save(self, commit=True):
        from . import services

        person = super().save(commit=commit)
        services.password_reset_completed(person)
        return person
