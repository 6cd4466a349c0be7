from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
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
