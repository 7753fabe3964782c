from __future__ import annotations

from django import forms

from livingwell.core.forms import NhsForm


class SignInForm(NhsForm):
    username = forms.CharField(max_length=150, error_messages={"required": "Enter your username"})
    password = forms.CharField(
        max_length=500, strip=False, error_messages={"required": "Enter your password"}
    )


class SecurityCodeForm(NhsForm):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Enter the 6 digit security code from your authenticator app",
            "invalid": "The security code must be 6 numbers",
        },
    )
