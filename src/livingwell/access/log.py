"""The access log: written here, and read here, for the policy and the pages that show it.

`write_entries` adds one entry a look or change, and `write_list_looks` keeps the looks of one list
(the team board, "Plans shared with you") as one entry a person, asker, day and list, with a count
(ADR 0002).
Only `livingwell.access` writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max, Min, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction


def write_entries(
    user_id: int | None,
    description: str,
    person_ids: Iterable[int],
    *,
    action: str,
    what: str,
    why: str,
) -> None:
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
                [timezone.now(), user_id, description, action, what, why, ids],
            )
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            person_id=person_id,
            actor_id=user_id,
            actor_description=description,
            action=action,
            what=what,
            why=why,
        )
        for person_id in ids
    )


def write_list_looks(
    user_id: int, description: str, person_ids: Iterable[int], *, what: str, why: str
) -> None:
    """A list showed these people's names: one entry a person, asker, day and list, counted.

    The first time today adds the entry; each time after adds one to its count and moves its last
    time on. Real looks (the record, the plan, the crisis plan) are logged by `write_entries`, one
    entry each, and never folded, so a busy board cannot bury them (ADR 0002)."""
    # Each person once (the board can show someone twice, with two introductions), in order, so that
    # two views of the same list lock the same entries in the same order and never deadlock.
    ids = sorted(set(person_ids))
    if not ids:
        return
    now = timezone.now()
    day = timezone.localdate(now)
    table = AccessLogEntry._meta.db_table
    if connection.vendor == "postgresql":
        # One statement for the whole list, as before: the partial unique index
        # access_list_look_once_a_day is what ON CONFLICT finds the day's entry by.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} AS entry "  # noqa: S608 - our own table name
                "(at, last_at, list_day, count, person_id, actor_id, actor_description, action, "
                "what, why) "
                "SELECT %s, %s, %s, 1, person_id, %s, %s, %s, %s, %s "
                "FROM unnest(%s::bigint[]) AS person_id "
                "ON CONFLICT (person_id, actor_id, list_day, what, why) "
                "WHERE list_day IS NOT NULL "
                "DO UPDATE SET count = entry.count + 1, last_at = EXCLUDED.last_at",
                [now, now, day, user_id, description, AccessAction.VIEW, what, why, ids],
            )
        return
    with transaction.atomic():
        today = AccessLogEntry.objects.filter(
            person_id__in=ids, actor_id=user_id, list_day=day, what=what, why=why
        )
        seen = set(today.values_list("person_id", flat=True))
        today.update(count=F("count") + 1, last_at=now)
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                person_id=person_id,
                actor_id=user_id,
                actor_description=description,
                action=AccessAction.VIEW,
                what=what,
                why=why,
                list_day=day,
                count=1,
                last_at=now,
            )
            for person_id in ids
            if person_id not in seen
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


def entries_about(person_id: int) -> QuerySet[AccessLogEntry]:
    """Every entry about one person, newest first. Only for someone the policy lets read the log."""
    return AccessLogEntry.objects.filter(person_id=person_id).order_by("-at", "-pk")


def groups_about(person_id: int, *, leave_out: int | None = None) -> QuerySet[Any]:
    """The entries about one person as the log page shows them, newest first: looks and changes that
    repeat (the same asker, the same thing, the same reason, the same day) are one group, with how many
    times and the first and last time. `leave_out` leaves out one asker's own entries. Every entry is in
    exactly one group, so the counts add up to the whole log."""
    entries = AccessLogEntry.objects.filter(person_id=person_id)
    if leave_out is not None:
        entries = entries.exclude(actor_id=leave_out)
    return (
        entries.annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values("day", "actor_id", "actor_description", "action", "what", "why")
        .annotate(times=Sum("count"), first=Min("at"), last=Max(Coalesce("last_at", "at")))
        .order_by("-last", "-first", "what")
    )
