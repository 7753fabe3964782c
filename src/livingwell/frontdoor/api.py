from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import P, QueryEx, Router, Schema

from livingwell.access import policy
from livingwell.core.text import Text
from livingwell.frontdoor import services
from livingwell.frontdoor.models import Introduction
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


def _out(i: Introduction) -> IntroductionOut:
    return IntroductionOut(
        id=i.pk,
        reference=i.reference,
        person_id=i.person_id,
        name=i.person.name,
        status=i.status,
        channel=i.channel,
        introduced_by=who_introduced(i.introduced_by, i.agency_kind),
        received_at=i.received_at,
        days_waited=days_waited(i.received_at),
        picked_up_by=i.picked_up_by.name if i.picked_up_by else None,
        next_step=i.next_step,
    )


@router.get("", response=list[IntroductionOut], summary="The team board: every open introduction")
def board(
    request: HttpRequest, page: QueryEx[int, P(ge=1, le=MAX_BOARD_PAGE)] = 1
) -> list[IntroductionOut]:
    size = settings.LIVINGWELL_BOARD_PAGE_SIZE
    rows = list(policy.open_introductions_for(request.user)[(page - 1) * size : page * size])
    policy.record_listing(
        request.user, [i.person_id for i in rows], why="Working the team board (API)"
    )
    return [_out(i) for i in rows]


@router.get("/{introduction_id}", response={200: IntroductionOut, 404: Message})
def introduction(request: HttpRequest, introduction_id: int) -> IntroductionOut:
    return _out(
        policy.introduction_for(request.user, introduction_id, why="Reading an introduction (API)")
    )


@router.post(
    "/{introduction_id}/close",
    response={409: Message, 404: Message},
    summary="Always refused: introductions close only by becoming a conversation or a landed warm "
    "introduction",
)
def close(request: HttpRequest, introduction_id: int, body: CloseIn) -> None:
    member = policy.staff_for(request.user)
    found = policy.introduction_for(
        request.user, introduction_id, why="Trying to close an introduction"
    )
    services.introduction_close(actor=member, introduction=found, reason=body.reason)
