"""A warm introduction's life, with states that cannot lie: made with the person, received and
accepted by the organisation, met, and landed on the person's word; and, when it does not land, back
with the key worker until something follows it. Never a dead end (relational rules 2 and 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.frontdoor.models import IntroductionStatus
from livingwell.frontdoor.services import introduction_warm_introduction_make
from livingwell.network.models import Organisation, OrganisationMember, Service, ServiceStatus
from livingwell.people.models import Person, SharingChoice
from livingwell.team.models import StaffMember
from livingwell.warm_introductions import services
from livingwell.warm_introductions.models import (
    Landed,
    NotAcceptedWhy,
    SaidBy,
    State,
    WarmIntroduction,
)
from tests.conftest import team_record
from tests.factories import IntroductionFactory, UserFactory
from tests.warm_introductions.conftest import introducing, made, own_record, receiver_record

pytestmark = pytest.mark.django_db


def test_made_received_accepted_met_and_landed_by_the_three_people_in_it(
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    assert (warm.state, warm.to_whom, warm.introducer) == (State.MADE, "Sam Adeyemi", key_worker)
    shared = SharingChoice.objects.get(person=person, organisation=group.organisation)
    assert shared.parts == ["what-matters"]

    at_the_group = receiver_record(partner, warm)
    warm = services.warm_introduction_receive(at_the_group, warm.pk, version=warm.version)
    assert warm.state == State.RECEIVED
    warm = services.warm_introduction_accept(
        at_the_group, warm.pk, version=warm.version, meeting_on=dt.date(2026, 12, 8)
    )
    assert (warm.state, warm.meeting_on) == (State.ACCEPTED, dt.date(2026, 12, 8))

    ada = own_record(person_user, person)
    warm = services.warm_introduction_met(ada, warm.pk, version=warm.version)
    warm = services.warm_introduction_landed(ada, warm.pk, version=warm.version, how=Landed.HELPED)
    assert (warm.state, warm.landed, warm.said_by) == (State.LANDED, "helped", SaidBy.PERSON)
    assert not warm.is_open
    assert list(warm.changes.values_list("state", "said_by")) == [
        (State.MADE, ""),
        (State.RECEIVED, SaidBy.RECEIVER),
        (State.ACCEPTED, SaidBy.RECEIVER),
        (State.MET, SaidBy.PERSON),
        (State.LANDED, SaidBy.PERSON),
    ]
    logged = list(
        AccessLogEntry.objects.filter(person=person, action="change").values_list("what", flat=True)
    )
    assert "a warm introduction to Tuesday peer support group" in logged
    assert "the warm introduction to Tuesday peer support group: landed" in logged


def test_only_the_person_or_their_key_worker_on_their_word_says_it_landed(
    key_worker: StaffMember, person: Person, partner: OrganisationMember, group: Service
) -> None:
    warm = made(key_worker, person, group)
    at_the_group = receiver_record(partner, warm)
    warm = services.warm_introduction_accept(at_the_group, warm.pk, version=warm.version)
    warm = services.warm_introduction_met(at_the_group, warm.pk, version=warm.version)
    assert warm.said_by == SaidBy.RECEIVER
    with pytest.raises(Forbidden):
        services.warm_introduction_landed(
            at_the_group, warm.pk, version=warm.version, how=Landed.HELPED
        )
    warm.refresh_from_db()
    assert warm.state == State.MET
    warm = services.warm_introduction_landed(
        team_record(key_worker, person), warm.pk, version=warm.version, how=Landed.STOPPED
    )
    assert (warm.state, warm.landed, warm.said_by) == (
        State.LANDED,
        Landed.STOPPED,
        SaidBy.KEY_WORKER,
    )


def test_it_cannot_land_before_it_is_accepted(
    key_worker: StaffMember, person: Person, person_user: Any, group: Service
) -> None:
    warm = made(key_worker, person, group)
    with pytest.raises(Refused, match="cannot be said to have landed now: it is made"):
        services.warm_introduction_landed(
            own_record(person_user, person), warm.pk, version=warm.version, how=Landed.HELPED
        )


def test_not_accepted_says_why_and_what_instead_and_stays_with_the_key_worker_until_followed(
    key_worker: StaffMember, person: Person, partner: OrganisationMember, group: Service
) -> None:
    warm = made(key_worker, person, group)
    at_the_group = receiver_record(partner, warm)
    with pytest.raises(Refused, match="what the person could do instead"):
        services.warm_introduction_not_accept(
            at_the_group, warm.pk, version=warm.version, why=NotAcceptedWhy.NO_CAPACITY, words=" "
        )
    warm = services.warm_introduction_not_accept(
        at_the_group,
        warm.pk,
        version=warm.version,
        why=NotAcceptedWhy.NO_CAPACITY,
        words="No space until March. The Thursday group at the library has.",
    )
    assert warm.state == State.NOT_ACCEPTED
    assert warm.needs_following
    assert warm.is_open

    step = services.warm_introduction_follow(
        team_record(key_worker, person),
        warm.pk,
        version=warm.version,
        what="Go to the Thursday group at the library together",
        due_on=dt.date(2026, 12, 10),
    )
    warm.refresh_from_db()
    assert warm.next_step == step
    assert not warm.needs_following
    assert not warm.is_open


def test_one_that_did_not_help_is_followed_by_another_introduction(
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
    partner_organisation: Organisation,
) -> None:
    warm = made(key_worker, person, group)
    warm = services.warm_introduction_accept(
        receiver_record(partner, warm), warm.pk, version=warm.version
    )
    warm = services.warm_introduction_did_not_help(
        own_record(person_user, person),
        warm.pk,
        version=warm.version,
        words="It was too big a group for me",
    )
    assert (warm.state, warm.needs_following) == (State.DID_NOT_HELP, True)
    smaller = Service.objects.create(
        organisation=partner_organisation,
        name="One-to-one peer support",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    second = made(key_worker, person, smaller, follows_id=warm.pk)
    warm.refresh_from_db()
    assert warm.followed_by == second
    assert not warm.needs_following
    with pytest.raises(Refused, match="not waiting for something to follow it"):
        made(key_worker, person, smaller, follows_id=warm.pk)


def test_no_state_ends_an_introduction_without_the_persons_word_or_a_next_step(
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
) -> None:
    """Every way an introduction can stop being under way: landed on the person's word, or not
    landed and still open until something follows it."""
    ended = []
    for finish in ("landed", "not-accepted", "did-not-help"):
        warm = made(key_worker, person, group)
        at_the_group = receiver_record(partner, warm)
        if finish == "not-accepted":
            warm = services.warm_introduction_not_accept(
                at_the_group,
                warm.pk,
                version=warm.version,
                why=NotAcceptedWhy.NOT_THE_RIGHT_PLACE,
                words="The housing team at the council is",
            )
        else:
            warm = services.warm_introduction_accept(at_the_group, warm.pk, version=warm.version)
            ada = own_record(person_user, person)
            if finish == "landed":
                warm = services.warm_introduction_landed(
                    ada, warm.pk, version=warm.version, how=Landed.HELPED
                )
            else:
                warm = services.warm_introduction_did_not_help(
                    ada, warm.pk, version=warm.version, words="Not for me"
                )
        ended.append(warm)
    for warm in ended:
        assert (
            warm.state == State.LANDED and warm.said_by in (SaidBy.PERSON, SaidBy.KEY_WORKER)
        ) or (warm.is_open and warm.needs_following)
    assert set(State.values) - {State.MADE, State.RECEIVED, State.ACCEPTED, State.MET} == {
        w.state for w in ended
    }, "a new way to end an introduction must be added to this test"


def test_the_database_refuses_a_state_that_lies(
    key_worker: StaffMember, person: Person, group: Service
) -> None:
    warm = made(key_worker, person, group)
    for lie in (
        {"state": State.LANDED, "ended_at": timezone.now()},  # landed without meeting, or a word
        {"state": State.NOT_ACCEPTED, "ended_at": timezone.now()},  # no why, no instead
        {"state": State.ACCEPTED},  # accepted without being received
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            WarmIntroduction.objects.filter(pk=warm.pk).update(**lie)


def test_a_page_posted_twice_or_a_second_accept_from_another_browser_changes_nothing(
    key_worker: StaffMember, person: Person, partner: OrganisationMember, group: Service
) -> None:
    warm = made(key_worker, person, group)
    opened_at = warm.version
    at_the_group = receiver_record(partner, warm)
    services.warm_introduction_accept(at_the_group, warm.pk, version=opened_at)
    with pytest.raises(Refused, match="changed since the page was opened: it is now accepted"):
        services.warm_introduction_accept(at_the_group, warm.pk, version=opened_at)
    with pytest.raises(Refused, match="it is now accepted"):
        services.warm_introduction_not_accept(
            at_the_group,
            warm.pk,
            version=opened_at,
            why=NotAcceptedWhy.OTHER,
            words="Changed our mind",
        )
    warm.refresh_from_db()
    assert warm.state == State.ACCEPTED
    assert warm.changes.filter(state=State.ACCEPTED).count() == 1


def test_another_organisation_cannot_see_or_answer_it(
    key_worker: StaffMember, person: Person, group: Service
) -> None:
    warm = made(key_worker, person, group)
    elsewhere = Organisation.objects.create(name="Lambeth Food Bank", kind="food")
    someone = OrganisationMember.objects.create(
        user=UserFactory.create(username="pat"), organisation=elsewhere, name="Pat Byrne"
    )
    with pytest.raises(NotFound):
        receiver_record(someone, warm)


def test_the_team_answers_for_a_place_with_nobody_signed_up_and_not_for_one_with(
    key_worker: StaffMember, person: Person, partner: OrganisationMember, group: Service
) -> None:
    barber = Organisation.objects.create(name="Tony's on Acre Lane", kind="community-place")
    chair = Service.objects.create(
        organisation=barber,
        name="A chair and a chat",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    warm = made(key_worker, person, chair)
    ours = team_record(key_worker, person)
    warm = services.warm_introduction_accept(ours, warm.pk, version=warm.version)
    assert warm.changes.get(state=State.ACCEPTED).said_by == SaidBy.RECEIVER

    to_the_group = made(key_worker, person, group)
    with pytest.raises(Refused, match="answers its own introductions"):
        services.warm_introduction_accept(ours, to_the_group.pk, version=to_the_group.version)


def test_a_service_that_does_not_take_introductions_is_refused_with_what_to_do(
    key_worker: StaffMember, person: Person, group: Service
) -> None:
    group.warm_introductions, group.walk_in = False, True
    group.save()
    with pytest.raises(Refused, match=r"does not take warm introductions now\. People can walk in"):
        made(key_worker, person, group)
    group.warm_introductions, group.status = True, ServiceStatus.INACTIVE
    group.save()
    with pytest.raises(Refused, match="Search the directory for another place"):
        made(key_worker, person, group)
    assert not WarmIntroduction.objects.exists()
    assert not SharingChoice.objects.filter(person=person).exists()


def test_a_person_and_another_team_cannot_make_one(
    person: Person, person_user: Any, other_team_member: StaffMember, group: Service
) -> None:
    with pytest.raises(Forbidden):
        services.warm_introduction_make(own_record(person_user, person), introducing(group))
    with pytest.raises(NotFound):
        team_record(other_team_member, person)


def test_a_front_door_introduction_closes_when_its_warm_introduction_lands(
    key_worker: StaffMember,
    person: Person,
    person_user: Any,
    partner: OrganisationMember,
    group: Service,
    partner_organisation: Organisation,
) -> None:
    at_the_door = IntroductionFactory.create(person=person)
    warm = introduction_warm_introduction_make(
        team_record(key_worker, person), introduction=at_the_door, introducing=introducing(group)
    )
    warm = services.warm_introduction_not_accept(
        receiver_record(partner, warm),
        warm.pk,
        version=warm.version,
        why=NotAcceptedWhy.NO_CAPACITY,
        words="Try the one-to-one service",
    )
    at_the_door.refresh_from_db()
    assert at_the_door.status == IntroductionStatus.WAITING  # still on the board

    other = Service.objects.create(
        organisation=partner_organisation,
        name="One-to-one peer support",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    second = made(key_worker, person, other, follows_id=warm.pk)
    second = services.warm_introduction_accept(
        receiver_record(partner, second), second.pk, version=second.version
    )
    services.warm_introduction_landed(
        own_record(person_user, person), second.pk, version=second.version, how=Landed.HELPED
    )
    at_the_door.refresh_from_db()
    assert at_the_door.status == IntroductionStatus.LANDED
    assert at_the_door.warm_introduction_id == second.pk
    assert at_the_door.closed_at is not None
