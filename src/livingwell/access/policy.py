"""The one door to a person's record.

Every page and API call that reads or changes anything about a person comes through here: it checks who
is asking, answers "not found" for anything outside what they may see (so a record's existence is not
revealed), and writes the access log entry. One rule a line, so the rules can be read in one place:

- Only staff with a verified second factor reach any person's record.
- Staff see and act for the people their own team supports (relational rule 7: anyone on the team can act).
- Every read and every change of a person's record is logged, with what and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from livingwell.access.models import AccessAction, AccessLogEntry
from livingwell.core.errors import Forbidden, NotFound
from livingwell.frontdoor.models import OPEN_STATUSES, Introduction
from livingwell.people.models import Person
from livingwell.team.models import StaffMember


def signed_in_staff(user: Any) -> StaffMember | None:
    """The staff member behind a request, only once they have passed their second factor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not user.is_verified():
        return None
    try:
        member: StaffMember = user.staff_member  # loaded with the user (team.backends.StaffBackend)
    except StaffMember.DoesNotExist:
        return None
    return member


def staff_for(user: Any) -> StaffMember:
    """The staff member, or Forbidden: for pages and API calls only the team may use."""
    member = signed_in_staff(user)
    if member is None:
        raise Forbidden("Only members of the team can see this.")
    return member


def _people_visible_to(member: StaffMember) -> QuerySet[Person]:
    return Person.objects.filter(team_id=member.team_id)


def person_for(
    user: Any,
    person_id: int,
    *,
    why: str,
    action: str = AccessAction.VIEW,
    what: str = "their record",
) -> Person:
    """A person's record, for someone allowed to see it. Logged."""
    member = staff_for(user)
    person = _people_visible_to(member).select_related("team").filter(pk=person_id).first()
    if person is None:
        raise NotFound("We could not find that person.")
    record_access(member, [person.pk], action=action, what=what, why=why)
    return person


def introduction_for(
    user: Any, introduction_id: int, *, why: str, action: str = AccessAction.VIEW
) -> Introduction:
    """An introduction and its person, for a member of the person's team. Logged."""
    member = staff_for(user)
    introduction = (
        Introduction.objects.select_related("person", "picked_up_by", "recorded_by", "conversation")
        .filter(team_id=member.team_id, pk=introduction_id)
        .first()
    )
    if introduction is None:
        raise NotFound("We could not find that introduction.")
    record_access(
        member,
        [introduction.person_id],
        action=action,
        what=f"introduction {introduction.reference}",
        why=why,
    )
    return introduction


def open_introductions_for(user: Any) -> QuerySet[Introduction]:
    """Every open introduction of the team, oldest first: nothing is filtered out or hidden."""
    member = staff_for(user)
    return (
        Introduction.objects.filter(team_id=member.team_id, status__in=OPEN_STATUSES)
        .select_related("person", "picked_up_by")
        .order_by("received_at", "pk")
    )


def record_listing(user: Any, person_ids: Sequence[int], *, why: str) -> None:
    """A list that shows people's names (the team board) counts as a look at each of them."""
    member = staff_for(user)
    record_access(
        member,
        person_ids,
        action=AccessAction.VIEW,
        what="their name and introduction on a list",
        why=why,
    )


def record_access(
    member: StaffMember, person_ids: Iterable[int], *, action: str, what: str, why: str
) -> None:
    description = f"{member.name}, {member.get_role_display()}, {member.team.name}"
    ids = list(person_ids)
    if not ids:
        return
    if connection.vendor == "postgresql":
        # One statement for a whole list: the board logs 50 people a view, and building 50 model
        # instances for bulk_create cost more than the rest of the page's database work.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {AccessLogEntry._meta.db_table} "  # noqa: S608 - our own table name
                "(at, person_id, actor_id, actor_description, action, what, why) "
                "SELECT %s, person_id, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS person_id",
                [timezone.now(), member.user_id, description, action, what, why, ids],
            )
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            person_id=person_id,
            actor_id=member.user_id,
            actor_description=description,
            action=action,
            what=what,
            why=why,
        )
        for person_id in ids
    )


def record_front_door_introduction(person_id: int, *, channel: str) -> None:
    """Someone introduced themselves, or someone else, without an account: the record's first entry."""
    AccessLogEntry.objects.create(
        person_id=person_id,
        actor=None,
        actor_description=f"The front door ({channel})",
        action=AccessAction.CREATE,
        what="their introduction",
        why="Asking for support",
    )


def access_log_for(user: Any, person_id: int) -> tuple[Person, QuerySet[AccessLogEntry]]:
    """Who has looked at or changed a person's record. Reading it is itself a look, and logged."""
    person = person_for(
        user, person_id, why="Checking who has seen the record", what="their access log"
    )
    return person, AccessLogEntry.objects.filter(person=person).order_by("-at", "-pk")
