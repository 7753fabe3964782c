"""Where a person's pages live: the team's pages (/people/<id>/...) or the person's own (/my/...).

The same views serve both, so what a person sees of their own plan is what their team sees. A
`Place` turns a page's name into the right address for whichever side is asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from livingwell.access import policy
from livingwell.codes.record import Part, Relation
from livingwell.core.errors import Forbidden


@dataclass(frozen=True)
class Place:
    own: bool
    person_id: int

    def url(self, name: str, *args: Any) -> str:
        if self.own:
            return reverse(f"my-{name}", args=args or None)
        return reverse(name, args=[self.person_id, *args])


def place_for(request: HttpRequest, person_id: int | None) -> Place:
    if person_id is None:
        person = policy.own_person(request.user)
        if person is None:
            raise Forbidden("Sign in to see your plan.")
        return Place(own=True, person_id=person.pk)
    return Place(own=False, person_id=person_id)


def record_at(
    request: HttpRequest,
    place: Place,
    *,
    part: Part | None,
    why: str,
    change: bool = False,
    what: str | None = None,
) -> policy.Record:
    """The record through the access policy; the team's pages are for the team only."""
    return policy.record_for(
        request.user,
        place.person_id,
        part=part,
        why=why,
        change=change,
        what=what,
        only=Relation.SELF if place.own else Relation.TEAM,
    )
