"""What the front door's pages and API read: the board, an introduction, a person's introductions and
conversations. Each read goes through the access policy first, and is logged there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import QuerySet

from livingwell.access import policy
from livingwell.access.policy import Asker, Record
from livingwell.codes.record import AccessAction
from livingwell.core.errors import NotFound
from livingwell.frontdoor.models import (
    OPEN_STATUSES,
    Conversation,
    Introduction,
    IntroductionStatus,
)

# Which introductions the board shows.
BOARD_VIEWS = {
    "all": "All open",
    "waiting": "Not picked up yet",
    "mine": "Picked up by me",
}

# What a board row holds, read as plain values: the board is the busiest page, and building model
# instances for each row cost more than the rest of its database work.
BOARD_FIELDS = (
    "pk",
    "reference",
    "person_id",
    "person__given_name",
    "person__family_name",
    "status",
    "received_at",
    "channel",
    "introduced_by",
    "agency_kind",
    "picked_up_by__name",
    "next_step",
    "matched_by",
    "may_be_id",
    # The warm introduction made for it, when there is one, and how it is going.
    "warm_introduction_id",
    "warm_introduction__state",
    "warm_introduction__organisation__name",
)


@dataclass(frozen=True)
class BoardPage:
    """One page of the team board. `page` is None when asked for a page past the last one."""

    show: str
    page: Page[dict[str, Any]] | None
    rows: list[dict[str, Any]]


def board_page(
    user: Asker, *, show: str = "all", number: int | str | None = 1, why: str, nearest: bool = True
) -> BoardPage:
    """Every open introduction of the team, oldest first, a page at a time: nothing is filtered out
    or hidden but by the view the asker chose. Each name shown is logged as a look at a list.

    `nearest` turns a page number past the end (or not a number) into the nearest page, as the board
    page does; without it, such a page is empty, as the API answers."""
    member = policy.staff_for(user)
    introductions = Introduction.objects.filter(
        team_id=member.team_id, status__in=OPEN_STATUSES
    ).order_by("received_at", "pk")
    if show == "waiting":
        introductions = introductions.filter(picked_up_by__isnull=True)
    elif show == "mine":
        introductions = introductions.filter(picked_up_by=member)
    else:
        show = "all"
    paginator = Paginator(introductions.values(*BOARD_FIELDS), settings.LIVINGWELL_BOARD_PAGE_SIZE)
    # Counted from the introductions alone, not through the joins the rows need.
    paginator.count = introductions.count()
    page: Page[dict[str, Any]] | None
    if nearest:
        page = paginator.get_page(number)
    else:
        try:
            page = paginator.page(number or 1)
        except EmptyPage:
            page = None
    rows = list(page.object_list) if page is not None else []
    policy.record_listing(user, [row["person_id"] for row in rows], why=why)
    return BoardPage(show=show, page=page, rows=rows)


def introduction_for(
    user: Asker, introduction_id: int, *, why: str, action: str = AccessAction.VIEW
) -> Introduction:
    """An introduction and its person, for a member of the person's team. Logged."""
    member = policy.staff_for(user)
    introduction = (
        Introduction.objects.select_related(
            "person",
            "picked_up_by",
            "recorded_by",
            "conversation",
            "set_aside_by",
            "repeat_of",
            # How the warm introduction made for it is going, when there is one.
            "warm_introduction__service",
            "warm_introduction__organisation",
            "warm_introduction__person",
        )
        .filter(team_id=member.team_id, pk=introduction_id)
        .first()
    )
    if introduction is None:
        raise NotFound("We could not find that introduction.")
    policy.record_access(
        member,
        [introduction.person_id],
        action=action,
        what=f"introduction {introduction.reference}",
        why=why,
    )
    return introduction


def board_row(introduction: Introduction) -> dict[str, Any]:
    """One introduction the asker has opened, as a row of the board's fields."""
    row: dict[str, Any] = (
        Introduction.objects.filter(pk=introduction.pk).values(*BOARD_FIELDS).get()
    )
    return row


def set_aside_introductions_for(user: Asker) -> QuerySet[Introduction]:
    """The team's introductions a team lead has set aside (ADR 0006), most recent first. The page
    that shows them logs the names it shows."""
    member = policy.staff_for(user)
    return (
        Introduction.objects.filter(team_id=member.team_id, status=IntroductionStatus.SET_ASIDE)
        .select_related("person", "set_aside_by", "repeat_of")
        .order_by("-set_aside_at", "-pk")
    )


def introductions_of(record: Record) -> QuerySet[Introduction]:
    """The introductions of a person whose record the asker has opened, newest first."""
    return (
        Introduction.objects.filter(person=record.person)
        .select_related("picked_up_by")
        .order_by("-received_at")
    )


def conversations_of(record: Record) -> QuerySet[Conversation]:
    """The conversations held with a person whose record the asker has opened, newest first."""
    return (
        Conversation.objects.filter(person=record.person)
        .select_related("held_by")
        .order_by("-held_on", "-pk")
    )
