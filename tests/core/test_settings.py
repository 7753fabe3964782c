from __future__ import annotations

import os
import subprocess
import sys


def settings_value(expression: str, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("LIVINGWELL_FAST", "DATABASE_URL"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="livingwell.config.settings")
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_passwords_are_hashed_with_argon2_unless_a_test_run_asks_otherwise() -> None:
    assert settings_value("settings.PASSWORD_HASHERS[0]").endswith("Argon2PasswordHasher")


def test_postgresql_comes_from_database_url_and_sqlite_is_the_default() -> None:
    assert settings_value("settings.DATABASES['default']['ENGINE']").endswith("sqlite3")
    engine = settings_value(
        "settings.DATABASES['default']['ENGINE']", DATABASE_URL="postgres://u@127.0.0.1:5432/x"
    )
    assert engine.endswith("postgresql")


def test_a_bad_boolean_setting_fails_loudly() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import livingwell.config.settings"],
        env={**os.environ, "DEBUG": "perhaps"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'perhaps'" in result.stderr


def test_cookies_are_secure_unless_turned_off() -> None:
    assert (
        settings_value("settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE") == "True True"
    )
    assert settings_value("settings.SESSION_COOKIE_SECURE", SECURE_COOKIES="false") == "False"
