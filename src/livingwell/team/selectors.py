from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.team.models import Absence, StaffMember, StaffRole, Team


def team_for_postcode(postcode: str) -> Team:
    """The neighbourhood team for a postcode, or the first team when we cannot tell.

    Not knowing someone's postcode never stops an introduction: the first team takes it and can pass it on.
    """
    compact = postcode.replace(" ", "").upper()
    outward = (
        compact[:-3] if len(compact) >= 5 else compact
    )  # the inward code is always 3 characters
    teams = list(Team.objects.order_by("pk"))
    if not teams:
        raise LookupError("There are no teams yet: run `livingwell borough` or add a team first.")
    if outward:
        for team in teams:
            districts = {d.strip().upper() for d in team.postcode_districts.split(",") if d.strip()}
            if outward in districts:
                return team
    return teams[0]


def possible_key_workers(team_id: int) -> QuerySet[StaffMember]:
    """Everyone on the team who works with people directly."""
    return (
        StaffMember.objects.filter(team_id=team_id, user__is_active=True)
        .exclude(role=StaffRole.ADMINISTRATOR)
        .order_by("name")
    )


def confirmed_device(user_id: object) -> TOTPDevice | None:
    """The authenticator app set up for a user who has given the right password."""
    if user_id is None:
        return None
    device: TOTPDevice | None = (
        TOTPDevice.objects.select_related("user").filter(user_id=user_id, confirmed=True).first()
    )
    return device


def away(team_id: int, first_day: dt.date, last_day: dt.date) -> list[Absence]:
    """Who on the team is away on any day from `first_day` to `last_day`, soonest first."""
    return list(
        Absence.objects.filter(
            member__team_id=team_id, first_day__lte=last_day, last_day__gte=first_day
        )
        .select_related("member")
        .order_by("first_day", "member__name")
    )


def absences_of(member: StaffMember, *, from_day: dt.date) -> list[Absence]:
    return list(Absence.objects.filter(member=member, last_day__gte=from_day))
