from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from frontend.forms import PlainErrors


class SignInForm(PlainErrors, AuthenticationForm):
    """Sign in with an email address; the wording follows the NHS.UK style."""

    error_messages = {
        "invalid_login": (
            "Enter a correct email address and password. Both are case-sensitive "
            "except the email address."
        ),
        "inactive": "This account has been closed. Contact HR if you need it reopened.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label="Email address",
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            },
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
    required_messages = {"email": "Enter your email address"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )


class ChangePasswordForm(PlainErrors, NHSRequiredMessages, PasswordChangeForm):
    required_messages = {
        "old_password": "Enter your current password",
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }


class NewPasswordForm(PlainErrors, NHSRequiredMessages, SetPasswordForm):
    required_messages = {
        "new_password1": "Enter a new password",
        "new_password2": "Enter the new password again",
    }
