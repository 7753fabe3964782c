from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember


@pytest.fixture
def period(person: Person, key_worker: StaffMember) -> SupportPeriod:
    """Ada's support, started four weeks ago with Amara as her key worker."""
    return SupportPeriod.objects.create(
        person=person,
        team=person.team,
        key_worker=key_worker,
        started_on=timezone.localdate() - dt.timedelta(weeks=4),
    )


@pytest.fixture
def goals(person: Person) -> list[Goal]:
    plan = Plan.objects.create(person=person)
    return [
        Goal.objects.create(
            plan=plan, description="Get back to swimming", domain="physical-health"
        ),
        Goal.objects.create(
            plan=plan, description="Sleep through the night", domain="mental-health"
        ),
    ]


# ReQoL-10 answered in full: ten items 0-4 and the physical health item.
REQOL_ALL = [2, 3, 1, 2, 3, 2, 3, 2, 1, 3, 1]
