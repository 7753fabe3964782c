"""`livingwell security-code USERNAME`: a demo staff member's current sign-in code."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell import cli
from livingwell.team.models import StaffRole, Team
from livingwell.team.services import staff_member_create


@pytest.mark.django_db
def test_security_code_prints_a_code_the_device_accepts() -> None:
    team = Team.objects.create(name="North Riverside")
    _, device = staff_member_create(
        team=team,
        username="sam",
        name="Sam Whitfield",
        role=StaffRole.MENTAL_HEALTH_PRACTITIONER,
        password="living-well-demo",
    )
    out, err = io.StringIO(), io.StringIO()

    call_command("security_code", "sam", stdout=out, stderr=err)

    code = out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    assert TOTPDevice.objects.get(pk=device.pk).verify_token(code)
    assert "real staff use their authenticator app" in err.getvalue()


@pytest.mark.django_db
def test_security_code_refuses_someone_who_does_not_exist() -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("security_code", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_livingwell_command_takes_security_code_with_a_hyphen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(sys, "argv", ["livingwell", "security-code", "sam"])
    monkeypatch.setattr("django.core.management.execute_from_command_line", ran.append)

    cli.main()

    assert ran == [["livingwell", "security_code", "sam"]]
