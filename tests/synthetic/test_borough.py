"""The synthetic borough generator: plain Python, tested without a database."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict

import pytest

from livingwell.codes.people import nhs_number_is_valid
from livingwell.synthetic.borough import (
    ADMINISTRATOR,
    CONVERSATION,
    ETHNIC_MIX,
    PICKED_UP,
    STAFF_ROLES,
    TEAM_LEAD,
    WAITING,
    Borough,
    make_borough,
)

TODAY = dt.date(2026, 11, 23)
DRAMA_PHONE = re.compile(r"^(07700 900\d{3}|020 7946 0\d{3})$")


@pytest.fixture(scope="module")
def borough() -> Borough:
    return make_borough(seed=11, today=TODAY, people=4000)


def test_the_same_seed_gives_the_same_borough() -> None:
    assert make_borough(seed=5, today=TODAY, people=500) == make_borough(
        seed=5, today=TODAY, people=500
    )


def test_a_different_seed_gives_a_different_borough() -> None:
    one = make_borough(seed=5, today=TODAY, people=500)
    other = make_borough(seed=6, today=TODAY, people=500)
    assert one.people != other.people
    assert one.introductions != other.introductions
    assert [s.totp_key for s in one.staff] != [s.totp_key for s in other.staff]


def test_every_nhs_number_is_valid_in_the_test_range_and_unique(borough: Borough) -> None:
    numbers = [p.nhs_number for p in borough.people if p.nhs_number]
    assert all(n.startswith("999") and nhs_number_is_valid(n) for n in numbers)
    assert len(numbers) == len(set(numbers))
    assert 0.8 * len(borough.people) < len(numbers) < len(borough.people)  # some have none


def test_phone_numbers_come_only_from_the_drama_ranges(borough: Borough) -> None:
    phones = [p.phone for p in borough.people if p.phone]
    phones += [i.introducer_phone for i in borough.introductions if i.introducer_phone]
    assert phones
    assert all(DRAMA_PHONE.match(phone) for phone in phones)


def test_emails_are_only_at_example_com_and_example_org(borough: Borough) -> None:
    emails = [p.email for p in borough.people if p.email]
    emails += [i.introducer_email for i in borough.introductions if i.introducer_email]
    assert emails
    assert all(e.endswith(("@example.com", "@example.org")) for e in emails)


def test_postcodes_are_in_their_teams_districts(borough: Borough) -> None:
    districts = {t.id: t.postcode_districts for t in borough.teams}
    for person in borough.people:
        if person.postcode:
            assert person.postcode.split(" ")[0] in districts[person.team_id]


def test_ages_are_adult_and_mostly_of_working_age(borough: Borough) -> None:
    ages = [(TODAY - p.date_of_birth).days // 365 for p in borough.people if p.date_of_birth]
    assert min(ages) >= 18
    assert max(ages) <= 91
    assert 0.5 < sum(25 <= a <= 54 for a in ages) / len(ages) < 0.75


def test_every_team_has_a_lead_an_administrator_and_every_role(borough: Borough) -> None:
    assert len(borough.teams) == 4
    for team in borough.teams:
        roles = Counter(s.role for s in borough.staff if s.team_id == team.id)
        assert set(roles) == set(STAFF_ROLES)
        assert roles[TEAM_LEAD] == 1
        assert roles[ADMINISTRATOR] == 1
        assert 10 <= sum(roles.values()) <= 12
    usernames = [s.username for s in borough.staff]
    assert len(usernames) == len(set(usernames))
    first_team = [s.username for s in borough.staff if s.team_id == borough.teams[0].id]
    assert {"amara", "sam", "jo", "priya"} <= set(first_team)


def test_every_introduction_respects_the_status_rules(borough: Borough) -> None:
    conversations = {c.id: c for c in borough.conversations}
    staff_team = {s.id: s.team_id for s in borough.staff}
    for i in borough.introductions:
        assert TODAY - dt.timedelta(days=732) <= i.received_at.date() < TODAY
        assert i.team_id == borough.people[i.person_id - 1].team_id
        if i.status == WAITING:
            assert i.closed_at is None
            assert i.conversation_id is None
            assert i.picked_up_by_id is None
        elif i.status == PICKED_UP:
            assert i.picked_up_by_id is not None
            assert i.picked_up_at is not None
            assert i.closed_at is None
            assert i.conversation_id is None
            assert i.next_step
            assert i.received_at < i.picked_up_at
        else:
            assert i.status == CONVERSATION
            assert i.conversation_id is not None
            assert i.closed_at is not None
            assert i.picked_up_at is not None
            assert i.received_at <= i.picked_up_at <= i.closed_at
            conversation = conversations[i.conversation_id]
            assert conversation.person_id == i.person_id
            assert staff_team[conversation.held_by_id] == i.team_id
            assert 0 <= (conversation.held_on - i.received_at.date()).days <= 23
            assert conversation.held_on < TODAY


def test_introductions_come_from_everyone_by_every_channel(borough: Borough) -> None:
    count = len(borough.introductions)
    by = Counter(i.introduced_by for i in borough.introductions)
    assert 0.40 < by["self"] / count < 0.50
    assert 0.20 < by["gp"] / count < 0.30
    assert by["family"]
    assert by["friend"]
    assert by["agency"]
    kinds = {i.agency_kind for i in borough.introductions if i.introduced_by == "agency"}
    assert len(kinds) >= 10
    assert {i.channel for i in borough.introductions} == {"web", "phone", "walk-in"}
    assert all(i.what_matters for i in borough.introductions)


def test_only_the_newest_introductions_are_still_open(borough: Borough) -> None:
    open_ = [i for i in borough.introductions if i.status in (WAITING, PICKED_UP)]
    assert 0.005 < len(open_) / len(borough.introductions) < 0.025
    assert {i.status for i in open_} == {WAITING, PICKED_UP}
    assert all((TODAY - i.received_at.date()).days <= 24 for i in open_)


def test_most_waits_for_a_conversation_are_short(borough: Borough) -> None:
    held_on = {c.id: c.held_on for c in borough.conversations}
    waits = sorted(
        (held_on[i.conversation_id] - i.received_at.date()).days
        for i in borough.introductions
        if i.conversation_id is not None
    )
    assert waits[len(waits) // 2] <= 7
    assert waits[-1] <= 23


def test_a_person_has_at_most_one_open_support_period(borough: Borough) -> None:
    periods = defaultdict(list)
    for p in borough.support_periods:
        periods[p.person_id].append(p)
        assert (p.ended_on is None) == (p.ending == "")
        assert p.ended_on is None or p.started_on <= p.ended_on < TODAY
    for person_periods in periods.values():
        assert sum(p.ended_on is None for p in person_periods) <= 1
        ordered = sorted(person_periods, key=lambda p: p.started_on)
        for earlier, later in itertools.pairwise(ordered):
            assert earlier.ended_on is not None
            assert earlier.ended_on < later.started_on


def test_support_starts_on_or_after_a_conversation(borough: Borough) -> None:
    first_conversation: dict[int, dt.date] = {}
    for c in borough.conversations:
        first_conversation[c.person_id] = min(
            c.held_on, first_conversation.get(c.person_id, c.held_on)
        )
    for p in borough.support_periods:
        assert p.started_on >= first_conversation[p.person_id]


def test_key_workers_are_never_administrators(borough: Borough) -> None:
    staff = {s.id: s for s in borough.staff}
    for p in borough.support_periods:
        assert staff[p.key_worker_id].role != ADMINISTRATOR
        assert staff[p.key_worker_id].team_id == p.team_id
    assert all(staff[c.held_by_id].role != ADMINISTRATOR for c in borough.conversations)


def test_about_seven_in_ten_people_who_talked_with_the_team_get_support(borough: Borough) -> None:
    talked = {c.person_id for c in borough.conversations}
    supported = {p.person_id for p in borough.support_periods}
    assert 0.65 < len(supported) / len(talked) < 0.78


def test_some_people_come_back_after_their_support_ended(borough: Borough) -> None:
    introductions = Counter(i.person_id for i in borough.introductions)
    assert max(introductions.values()) == 2
    assert 0.05 < sum(n == 2 for n in introductions.values()) / len(borough.people) < 0.11


def test_the_ethnic_mix_is_close_to_an_inner_london_borough() -> None:
    people = make_borough(seed=3, today=TODAY, people=20_000).people
    counts = Counter(p.ethnic_category for p in people)
    for category, percent in ETHNIC_MIX.items():
        assert abs(100 * counts[category] / len(people) - percent) < 2, category


def test_genders_are_mostly_men_and_women_with_a_few_others(borough: Borough) -> None:
    counts = Counter(p.gender for p in borough.people)
    assert (counts["1"] + counts["2"]) / len(borough.people) > 0.9
    assert counts["3"]
    assert counts["Z"]
