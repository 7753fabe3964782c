"""Staff accounts: made by a team lead or the `livingwell` command, each with a TOTP second factor."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.team.models import StaffMember, StaffRole, Team


@transaction.atomic
def staff_member_create(
    *, team: Team, username: str, name: str, role: StaffRole, password: str
) -> tuple[StaffMember, TOTPDevice]:
    user = get_user_model().objects.create_user(username=username, password=password)
    member = StaffMember.objects.create(user=user, team=team, role=role, name=name)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return member, device
