"""Changes to a person's support: starting it and naming their key worker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from livingwell.access.models import AccessAction
from livingwell.access.policy import record_access
from livingwell.core.errors import Refused
from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember, StaffRole


@dataclass(frozen=True)
class PersonDetails:
    """Who someone is and how to reach them, as typed at the front door or by the team."""

    given_name: str
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    gender: str = "Z"
    ethnic_category: str = "Z"
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


def _check_key_worker(person: Person, key_worker: StaffMember) -> None:
    if key_worker.team_id != person.team_id:
        raise Refused(f"{key_worker.name} is not on {person.given_name}'s team.")
    if key_worker.role == StaffRole.ADMINISTRATOR:
        raise Refused("Choose a key worker who works with people directly, not an administrator.")


@transaction.atomic
def support_start(
    *, actor: StaffMember, person: Person, key_worker: StaffMember, started_on: dt.date
) -> SupportPeriod:
    """Start a period of support with a named key worker."""
    _check_key_worker(person, key_worker)
    if (
        SupportPeriod.objects.select_for_update()
        .filter(person=person, ended_on__isnull=True)
        .exists()
    ):
        raise Refused(
            f"{person.given_name} is already being supported. To change their key worker, "
            "use 'Change key worker' on their record."
        )
    period = SupportPeriod.objects.create(
        person=person, team_id=person.team_id, key_worker=key_worker, started_on=started_on
    )
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CHANGE,
        what=f"support starting {started_on.isoformat()} with {key_worker.name} as key worker",
        why="Starting support",
    )
    return period


@transaction.atomic
def key_worker_change(
    *, actor: StaffMember, person: Person, key_worker: StaffMember
) -> SupportPeriod:
    _check_key_worker(person, key_worker)
    period = (
        SupportPeriod.objects.select_for_update()
        .filter(person=person, ended_on__isnull=True)
        .first()
    )
    if period is None:
        raise Refused(f"{person.given_name} is not being supported yet: start their support first.")
    period.key_worker = key_worker
    period.save(update_fields=["key_worker"])
    record_access(
        actor,
        [person.pk],
        action=AccessAction.CHANGE,
        what=f"key worker, now {key_worker.name}",
        why="Naming a key worker",
    )
    return period
