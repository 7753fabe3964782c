from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import P, QueryEx, Router, Schema

from livingwell.access import policy
from livingwell.core.text import Text
from livingwell.frontdoor import selectors, services
from livingwell.frontdoor.presenters import days_waited, who_introduced

router = Router(tags=["introductions"])

# More pages than any board will have; a bigger number would only ask the database for nothing.
MAX_BOARD_PAGE = 10_000


class IntroductionOut(Schema):
    id: int
    reference: str
    person_id: int
    name: str
    status: str
    channel: str
    introduced_by: str
    received_at: dt.datetime
    days_waited: int
    picked_up_by: str | None
    next_step: str


class Message(Schema):
    message: str
    detail: dict[str, object]


class CloseIn(Schema):
    reason: Text = ""


def _out(row: dict[str, Any]) -> IntroductionOut:
    """An introduction as the API gives it, from a row of the board's fields."""
    return IntroductionOut(
        id=row["pk"],
        reference=row["reference"],
        person_id=row["person_id"],
        name=f"{row['person__given_name']} {row['person__family_name']}".strip(),
        status=row["status"],
        channel=row["channel"],
        introduced_by=who_introduced(row["introduced_by"], row["agency_kind"]),
        received_at=row["received_at"],
        days_waited=days_waited(row["received_at"]),
        picked_up_by=row["picked_up_by__name"],
        next_step=row["next_step"],
    )


@router.get("", response=list[IntroductionOut], summary="The team board: every open introduction")
def board(
    request: HttpRequest, page: QueryEx[int, P(ge=1, le=MAX_BOARD_PAGE)] = 1
) -> list[IntroductionOut]:
    board = selectors.board_page(
        request.user, number=page, why="Working the team board (API)", nearest=False
    )
    return [_out(row) for row in board.rows]


@router.get("/{introduction_id}", response={200: IntroductionOut, 404: Message})
def introduction(request: HttpRequest, introduction_id: int) -> IntroductionOut:
    found = selectors.introduction_for(
        request.user, introduction_id, why="Reading an introduction (API)"
    )
    return _out(selectors.board_row(found))


@router.post(
    "/{introduction_id}/close",
    response={409: Message, 404: Message},
    summary="Always refused: introductions close only by becoming a conversation or a landed warm "
    "introduction",
)
def close(request: HttpRequest, introduction_id: int, body: CloseIn) -> None:
    member = policy.staff_for(request.user)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Trying to close an introduction"
    )
    services.introduction_close(actor=member, introduction=found, reason=body.reason)
