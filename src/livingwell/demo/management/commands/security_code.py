"""`livingwell security-code USERNAME`: a demo staff member's current sign-in code.

For demos and tests only, with synthetic staff: real staff read their code from their own
authenticator app, and nobody else ever sees it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current 6 digit security code of a (synthetic) staff member. Demos and tests only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The staff member's username, such as sam.")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is nobody with the username {username!r}.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(f"{username} has no authenticator app set up.")
        self.stderr.write(
            "For demos and tests only: real staff use their authenticator app.",
            style_func=self.style.WARNING,
        )
        code = totp(
            device.bin_key,
            step=device.step,
            t0=device.t0,
            digits=device.digits,
            drift=device.drift,
        )
        self.stdout.write(f"{code:0{device.digits}d}")
