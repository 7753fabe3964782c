"""Staff accounts: made by a team lead or the `livingwell` command, each with a TOTP second factor."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.core.errors import NotFound, Refused
from livingwell.team.models import Absence, StaffMember, StaffRole, Team


@transaction.atomic
def staff_member_create(
    *, team: Team, username: str, name: str, role: StaffRole, password: str
) -> tuple[StaffMember, TOTPDevice]:
    user = get_user_model().objects.create_user(username=username, password=password)
    member = StaffMember.objects.create(user=user, team=team, role=role, name=name)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return member, device


def absence_add(
    member: StaffMember, *, first_day: dt.date, last_day: dt.date, note: str = ""
) -> Absence:
    """A member of the team says when they will be away."""
    if last_day < first_day:
        raise Refused("The last day away must be the same as the first day, or after it.")
    return Absence.objects.create(
        member=member, first_day=first_day, last_day=last_day, note=note.strip()
    )


def absence_remove(member: StaffMember, *, absence_id: int) -> None:
    """Take back a time away (one's own only)."""
    removed, _ = Absence.objects.filter(pk=absence_id, member=member).delete()
    if not removed:
        raise NotFound("We could not find that time away.")
