"""Warm introductions in the JSON API, for the organisation they were made to: its own system can
list them, read one (only what the person agreed to give it), and answer it, as its members do on
their pages. There is no call that ends one: `close` exists to be refused, with the reason."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from livingwell.access import policy
from livingwell.access.policy import Record
from livingwell.core.errors import Refused
from livingwell.core.text import Text
from livingwell.plans.api import SignedInSession
from livingwell.warm_introductions import presenters, selectors, services
from livingwell.warm_introductions.models import WarmIntroduction

router = Router(tags=["warm introductions"], auth=SignedInSession())


class WarmIntroductionOut(Schema):
    id: int
    version: int
    state: str
    where_it_stands: str
    person: str
    service_id: str
    service: str
    to_whom: str
    wants: str
    contact_way: str
    contact_detail: str
    key_worker: str
    key_worker_goes_along: bool
    made_at: dt.datetime
    meeting_on: dt.date | None


class Message(Schema):
    message: str
    detail: dict[str, object]


class VersionIn(Schema):
    version: int


class AcceptIn(VersionIn):
    meeting_on: dt.date | None = None


class NotAcceptedIn(VersionIn):
    why: str
    words: Text


def _out(w: WarmIntroduction) -> WarmIntroductionOut:
    return WarmIntroductionOut(
        id=w.pk,
        version=w.version,
        state=w.state,
        where_it_stands=presenters.receiver_words(w),
        person=w.person.name,
        service_id=str(w.service_id),
        service=w.service.name,
        to_whom=w.to_whom,
        wants=w.wants,
        contact_way=w.contact_way,
        contact_detail=w.contact_detail,
        key_worker=w.introducer.name,
        key_worker_goes_along=w.going_along,
        made_at=w.made_at,
        meeting_on=w.meeting_on,
    )


def _receiver(request: HttpRequest, warm_id: int, why: str) -> Record:
    member = policy.partner_for(request.user)
    return policy.record_for_receiver(
        request.user,
        selectors.person_of(warm_id, member),
        organisation_id=member.organisation_id,
        why=why,
        what="a warm introduction made to them",
    )


ANSWERS = {200: WarmIntroductionOut, 403: Message, 404: Message, 409: Message}


@router.get(
    "",
    response={200: list[WarmIntroductionOut], 403: Message},
    summary="The warm introductions made to your organisation",
)
def received(request: HttpRequest) -> list[WarmIntroductionOut]:
    member = policy.partner_for(request.user)
    rows = selectors.to_organisation(member)
    policy.record_partner_listing(member, [w.person_id for w in rows])
    return [_out(w) for w in rows]


@router.get("/{warm_id}", response={200: WarmIntroductionOut, 403: Message, 404: Message})
def one(request: HttpRequest, warm_id: int) -> WarmIntroductionOut:
    record = _receiver(request, warm_id, "Reading a warm introduction made to us (API)")
    return _out(selectors.one_of_person(record, warm_id))


def _answered(record: Record, warm_id: int) -> WarmIntroductionOut:
    return _out(selectors.one_of_person(record, warm_id))


@router.post("/{warm_id}/seen", response=ANSWERS, summary="Say you have seen it")
def seen(request: HttpRequest, warm_id: int, body: VersionIn) -> WarmIntroductionOut:
    record = _receiver(request, warm_id, "Answering a warm introduction made to us (API)")
    services.warm_introduction_receive(record, warm_id, version=body.version)
    return _answered(record, warm_id)


@router.post("/{warm_id}/accept", response=ANSWERS, summary="Say you will meet them")
def accept(request: HttpRequest, warm_id: int, body: AcceptIn) -> WarmIntroductionOut:
    record = _receiver(request, warm_id, "Answering a warm introduction made to us (API)")
    services.warm_introduction_accept(
        record, warm_id, version=body.version, meeting_on=body.meeting_on
    )
    return _answered(record, warm_id)


@router.post(
    "/{warm_id}/not-accepted",
    response=ANSWERS,
    summary="Say you cannot take it: why (no-capacity, no-contact, not-the-right-place, other), "
    "and what they could do instead",
)
def not_accepted(request: HttpRequest, warm_id: int, body: NotAcceptedIn) -> WarmIntroductionOut:
    record = _receiver(request, warm_id, "Answering a warm introduction made to us (API)")
    services.warm_introduction_not_accept(
        record, warm_id, version=body.version, why=body.why, words=body.words
    )
    return _answered(record, warm_id)


@router.post("/{warm_id}/met", response=ANSWERS, summary="Say you have met them")
def met(request: HttpRequest, warm_id: int, body: VersionIn) -> WarmIntroductionOut:
    record = _receiver(request, warm_id, "Answering a warm introduction made to us (API)")
    services.warm_introduction_met(record, warm_id, version=body.version)
    return _answered(record, warm_id)


@router.post(
    "/{warm_id}/close",
    response={403: Message, 404: Message, 409: Message},
    summary="Always refused: a warm introduction ends only when the person says it landed, or, "
    "when it did not, with what follows it",
)
def close(request: HttpRequest, warm_id: int) -> None:
    _receiver(request, warm_id, "Trying to close a warm introduction (API)")
    raise Refused(
        "A warm introduction stays open until the person says it landed. If you cannot take it, "
        "say why and what they could do instead (not-accepted): it goes back to their key "
        "worker, who finds the next step with them."
    )
