from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from livingwell.access import policy
from livingwell.codes.record import Part, Relation
from livingwell.people import selectors

router = Router(tags=["people"])


class Message(Schema):
    message: str
    detail: dict[str, object]


class PersonOut(Schema):
    id: int
    name: str
    date_of_birth: dt.date | None
    nhs_number: str
    gender: str
    ethnic_category: str
    team: str
    key_worker: str | None
    supported_since: dt.date | None


@router.get("/{person_id}", response={200: PersonOut, 404: Message}, summary="A person's record")
def person(request: HttpRequest, person_id: int) -> PersonOut:
    policy.staff_for(request.user)
    found = policy.record_for(
        request.user,
        person_id,
        part=Part.SUPPORT,
        why="Opening their record (API)",
        what="their record",
        only=Relation.TEAM,
    ).person
    support = selectors.open_support_period(found)
    return PersonOut(
        id=found.pk,
        name=found.name,
        date_of_birth=found.date_of_birth,
        nhs_number=found.nhs_number,
        gender=found.gender,
        ethnic_category=found.ethnic_category,
        team=found.team.name,
        key_worker=support.key_worker.name if support else None,
        supported_since=support.started_on if support else None,
    )
