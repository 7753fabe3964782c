"""`livingwell add-staff`: give someone on a team an account, with their authenticator app set up.

Prints the otpauth:// address (and a QR code in the terminal) for them to add to their authenticator app.
"""

from __future__ import annotations

import getpass
from typing import Any

import qrcode
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from livingwell.team.models import StaffRole, Team
from livingwell.team.services import staff_member_create


class Command(BaseCommand):
    help = "Add a member of staff to a team, with a password and an authenticator app (TOTP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--team", required=True, help="The team's name, e.g. North")
        parser.add_argument("--username", required=True)
        parser.add_argument("--name", required=True, help="Their name as the team knows them")
        parser.add_argument("--role", required=True, choices=StaffRole.values)
        parser.add_argument(
            "--password", help="Leave out to be asked for it (it is then not kept in shell history)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        team = Team.objects.filter(name=options["team"]).first()
        if team is None:
            names = ", ".join(Team.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"There is no team called {options['team']!r}. Teams: {names}.")
        if get_user_model().objects.filter(username=options["username"]).exists():
            raise CommandError(f"The username {options['username']!r} is already taken.")
        password = options["password"] or getpass.getpass("Password for the new account: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        member, device = staff_member_create(
            team=team,
            username=options["username"],
            name=options["name"],
            role=StaffRole(options["role"]),
            password=password,
        )
        self.stdout.write(f"Added {member} to {team.name}.")
        self.stdout.write(
            "Add this to their authenticator app (scan the code, or type the address):"
        )
        self.stdout.write(device.config_url)
        code = qrcode.QRCode(border=1)
        code.add_data(device.config_url)
        code.print_ascii(out=self.stdout._out, invert=True)
