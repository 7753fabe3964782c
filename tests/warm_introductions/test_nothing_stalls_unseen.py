"""An introduction not seen, answered or met within the days its team gives that kind of organisation
comes back to the key worker who made it, with its age, on the board; so does one that did not land,
until something follows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.network.models import OrganisationMember, Service
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from livingwell.warm_introductions import services
from livingwell.warm_introductions.models import NotAcceptedWhy, StallDays, WarmIntroduction
from livingwell.warm_introductions.selectors import needing_attention
from tests.conftest import sign_in, team_record
from tests.warm_introductions.conftest import made, receiver_record

pytestmark = pytest.mark.django_db


def days_ago(warm: WarmIntroduction, days: int) -> None:
    """As if it had been made `days` ago."""
    back = timezone.now() - dt.timedelta(days=days)
    WarmIntroduction.objects.filter(pk=warm.pk).update(made_at=back)


def board(client: Client) -> str:
    return str(client.get(reverse("board")).content.decode())


def test_one_not_seen_in_time_comes_back_to_its_key_worker_with_its_age(
    client: Client, key_worker: StaffMember, colleague: StaffMember, person: Person, group: Service
) -> None:
    late = made(key_worker, person, group, wants="Someone to talk to")
    days_ago(late, 4)
    recent = made(key_worker, person, group, wants="A second one")
    days_ago(recent, 2)

    mine, more = needing_attention(
        key_worker.team_id, now=timezone.now(), introducer_id=key_worker.pk
    )
    assert [w.pk for w in mine] == [late.pk]
    assert not more
    page = board(sign_in(client, key_worker))
    assert "1 of your warm introductions needs you" in page
    assert "Not seen for 4 days" in page
    assert "Not seen for 4 days" not in board(sign_in(Client(), colleague))


def test_the_team_gives_each_kind_of_organisation_its_own_days(
    key_worker: StaffMember, person: Person, group: Service
) -> None:
    late = made(key_worker, person, group)
    days_ago(late, 4)
    StallDays.objects.create(
        team=key_worker.team, organisation_kind="housing", to_receive=10, to_accept=10, to_meet=30
    )
    assert needing_attention(key_worker.team_id, now=timezone.now())[0] == []
    days_ago(late, 11)
    assert [w.pk for w in needing_attention(key_worker.team_id, now=timezone.now())[0]] == [late.pk]


def test_a_meeting_day_gone_by_asks_did_they_meet(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    services.warm_introduction_accept(
        receiver_record(partner, warm),
        warm.pk,
        version=warm.version,
        meeting_on=timezone.localdate() - dt.timedelta(days=3),
    )
    assert "Did they?" in board(sign_in(client, key_worker))


def test_one_that_did_not_land_stays_until_something_follows_it(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    warm = services.warm_introduction_not_accept(
        receiver_record(partner, warm),
        warm.pk,
        version=warm.version,
        why=NotAcceptedWhy.NO_CAPACITY,
        words="No space until March",
    )
    sign_in(client, key_worker)
    assert "They could not take it. It needs a next step" in board(client)
    services.warm_introduction_follow(
        team_record(key_worker, person),
        warm.pk,
        version=warm.version,
        what="Try the Thursday group together",
        due_on=timezone.localdate() + dt.timedelta(days=7),
    )
    assert "It needs a next step" not in board(client)
