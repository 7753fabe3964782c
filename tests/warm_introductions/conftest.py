"""A peer support group in the directory that takes warm introductions, and each of the three sides
of an introduction to it, as their pages get the person's record from the access policy."""

from __future__ import annotations

from typing import Any

from livingwell.access import policy
from livingwell.access.policy import Record
from livingwell.codes.record import Relation
from livingwell.network.models import OrganisationMember, Service
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from livingwell.warm_introductions.models import ContactWay, WarmIntroduction
from livingwell.warm_introductions.services import Introducing, warm_introduction_make
from tests.conftest import team_record


def introducing(service: Service, **more: Any) -> Introducing:
    return Introducing(
        **{
            "service_id": service.pk,
            "wants": "To meet people who have been through it too",
            "contact_way": ContactWay.TEXT,
            "contact_detail": "07700 900123",
            "shares": ("what-matters",),
            **more,
        }
    )


def made(
    key_worker: StaffMember, person: Person, service: Service, **more: Any
) -> WarmIntroduction:
    return warm_introduction_make(team_record(key_worker, person), introducing(service, **more))


def _verified(user: Any) -> Any:
    user.is_verified = lambda: True
    return user


def receiver_record(partner: OrganisationMember, warm: WarmIntroduction) -> Record:
    return policy.record_for_receiver(
        _verified(partner.user),
        warm.person_id,
        organisation_id=warm.organisation_id,
        why="Test",
        what="a warm introduction",
    )


def own_record(person_user: Any, person: Person) -> Record:
    return policy.record_for(
        person_user, person.pk, part=None, why="Test", only=Relation.SELF, answer_logs_itself=True
    )
