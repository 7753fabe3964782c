"""Email (the password reset link) goes through Django's email backend, chosen by the environment."""

from __future__ import annotations

from tests.core.test_settings import settings_value


def test_email_is_written_to_the_console_unless_a_backend_is_set() -> None:
    assert (
        settings_value("settings.EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"
    )


def test_a_real_site_sends_email_through_the_server_it_is_given() -> None:
    value = settings_value(
        "settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS,"
        " settings.EMAIL_HOST_USER, settings.DEFAULT_FROM_EMAIL",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        EMAIL_HOST_USER="livingwell",
        DEFAULT_FROM_EMAIL="Living Well <hello@livingwell.example.org>",
    )
    assert value == (
        "django.core.mail.backends.smtp.EmailBackend smtp.example.org 587 True livingwell "
        "Living Well <hello@livingwell.example.org>"
    )
