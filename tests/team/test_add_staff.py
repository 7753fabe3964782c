from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.team.models import StaffMember, Team

pytestmark = pytest.mark.django_db


def test_a_team_lead_can_add_staff_with_an_authenticator_app(team: Team) -> None:
    out = StringIO()
    call_command(
        "add_staff",
        team="North",
        username="priya",
        name="Priya Shah",
        role="psychologist",
        password="a long and unusual passphrase",
        stdout=out,
    )
    member = StaffMember.objects.get(user__username="priya")
    assert member.team == team
    assert member.role == "psychologist"
    assert member.user.check_password("a long and unusual passphrase")
    device = TOTPDevice.objects.get(user=member.user)
    assert device.confirmed
    assert device.config_url in out.getvalue()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"team": "Nowhere"}, "There is no team called 'Nowhere'"),
        ({"password": "short"}, "This password is too short"),
    ],
)
def test_adding_staff_with_bad_details_says_what_is_wrong(
    team: Team, options: dict[str, str], message: str
) -> None:
    arguments = {
        "team": "North",
        "username": "sam",
        "name": "Sam",
        "role": "peer-worker",
        "password": "a long and unusual passphrase",
        **options,
    }
    with pytest.raises(CommandError, match=message):
        call_command("add_staff", **arguments, stdout=StringIO())
    assert not StaffMember.objects.filter(user__username="sam").exists()
