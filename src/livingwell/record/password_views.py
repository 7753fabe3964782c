"""People and carers who have forgotten their password choose a new one, from a link sent by email.

This is Django's own flow (django.contrib.auth.views) on our pages and with our forms. The link is
signed with the account's password and last sign-in, so it works once, for PASSWORD_RESET_TIMEOUT.
The pages never say whether there is an account with an email address.

Work accounts (staff and partners) are never sent a link, and a link for one never works: their
team lead resets them, with their security code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from livingwell.access.invitations import is_work_account
from livingwell.people.forms import ForgottenPasswordForm, NewPasswordForm


def _hours() -> int:
    """How many hours a link works, for the pages and the email to say."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


class ForgottenPassword(auth_views.PasswordResetView):
    form_class = ForgottenPasswordForm
    template_name = "record/password_forgotten.jinja"
    subject_template_name = "record/password_email_subject.txt"
    email_template_name = "record/password_email.txt"
    success_url = reverse_lazy("password-reset-sent")
    title = "Forgotten your password?"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "leave_out": is_work_account}

    def form_valid(self, form: Any) -> Any:
        self.extra_email_context = {"service": settings.LIVINGWELL_SITE_NAME, "hours": _hours()}
        return super().form_valid(form)


class LinkSent(auth_views.PasswordResetDoneView):
    template_name = "record/password_sent.jinja"
    title = "Check your email"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "hours": _hours()}


class NewPassword(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm  # type: ignore[assignment]
    template_name = "record/password_new.jinja"
    success_url = reverse_lazy("password-reset-done")
    title = "Choose a new password"

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return None if is_work_account(user) else user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {**super().get_context_data(**kwargs), "hours": _hours()}
        if not context["validlink"]:
            context["title"] = "This link does not work"
        return context


class PasswordChanged(auth_views.PasswordResetCompleteView):
    template_name = "record/password_changed.jinja"
    title = "Your password has been changed"
