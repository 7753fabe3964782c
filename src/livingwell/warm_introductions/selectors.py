"""Reads of warm introductions: a person's, for their team and for themself; and those made to an
organisation, for its members. Each takes the `Record` (or the member) the access policy gave."""

from __future__ import annotations

from django.db.models import QuerySet

from livingwell.access.policy import Record
from livingwell.codes.record import Part
from livingwell.core.errors import NotFound
from livingwell.network.models import OrganisationMember
from livingwell.warm_introductions.models import UNDER_WAY, WarmIntroduction


def _whole() -> QuerySet[WarmIntroduction]:
    return WarmIntroduction.objects.select_related(
        "service", "organisation", "introducer", "goal", "followed_by__service", "next_step"
    )


def of_person(record: Record) -> list[WarmIntroduction]:
    """The person's warm introductions, newest first."""
    if not record.can_read(Part.SUPPORT):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    return list(_whole().filter(person=record.person).order_by("-made_at", "-pk"))


def one_of_person(record: Record, warm_id: int) -> WarmIntroduction:
    if not record.can_read(Part.SUPPORT) and record.organisation_id is None:
        raise NotFound("We could not find that introduction.")
    rows = _whole().prefetch_related("changes").filter(pk=warm_id, person=record.person)
    if record.organisation_id is not None:
        rows = rows.filter(organisation_id=record.organisation_id)
    warm = rows.first()
    if warm is None:
        raise NotFound("We could not find that introduction.")
    return warm


def person_of(warm_id: int, member: OrganisationMember) -> int:
    """Whose introduction this is, when it was made to the member's organisation (NotFound
    otherwise, as for one that does not exist)."""
    found = (
        WarmIntroduction.objects.filter(pk=warm_id, organisation_id=member.organisation_id)
        .values_list("person_id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound("We could not find that introduction.")
    return found


def to_organisation(member: OrganisationMember) -> list[WarmIntroduction]:
    """The introductions made to the member's organisation: those waiting for an answer or a
    meeting first, oldest first; then the rest, newest first (the last 100)."""
    rows = _whole().select_related("person").filter(organisation_id=member.organisation_id)
    open_ = list(rows.filter(state__in=UNDER_WAY).order_by("made_at", "pk"))
    ended = list(rows.exclude(state__in=UNDER_WAY).order_by("-made_at", "-pk")[:100])
    return open_ + ended
