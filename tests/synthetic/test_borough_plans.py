"""The synthetic borough's plans, circles of support and sharing: plain Python, no database."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.codes.plan import (
    GOAL_ACHIEVEMENT,
    GOAL_LIFECYCLE,
    LIFE_DOMAINS,
    RELATIONSHIPS,
    SECTION_LABELS,
)
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.synthetic import borough as synthetic
from livingwell.synthetic.borough import Borough, make_borough

TODAY = dt.date(2026, 11, 23)
DRAMA_PHONE = re.compile(r"^(07700 900\d{3}|020 7946 0\d{3})$")
# The progress a goal may have, for each status it may have.
PROGRESS_FOR_STATUS = {
    "active": {"in-progress", "improving", "no-change", "worsening", ""},
    "completed": {"achieved", "sustaining"},
    "on-hold": {"no-progress", "no-change", ""},
    "cancelled": {"not-achieved", "not-attainable", ""},
}


@pytest.fixture(scope="module")
def borough() -> Borough:
    return make_borough(seed=11, today=TODAY, people=4000)


def test_the_generators_codes_are_the_passports() -> None:
    assert set(synthetic.DOMAIN_WEIGHTS) == set(LIFE_DOMAINS)
    assert set(synthetic.DOMAIN_WORDS) == set(LIFE_DOMAINS)
    assert set(synthetic.CIRCLE_RELATIONSHIPS) == set(RELATIONSHIPS)
    assert set(synthetic.RELATIONSHIP_WORDS) == set(RELATIONSHIPS)
    for chances in (synthetic.CARER_PARTS, synthetic.ORGANISATION_PARTS):
        assert {part for parts in chances for part in parts} <= set(SHAREABLE_PARTS)
    assert set(synthetic.DEMO_CARER_PARTS) | set(synthetic.DEMO_ORGANISATION_PARTS) <= set(
        SHAREABLE_PARTS
    )
    assert set(synthetic.GOAL_ACHIEVEMENT_FOR) <= set(GOAL_LIFECYCLE)
    for status, progress in synthetic.GOAL_ACHIEVEMENT_FOR.items():
        assert set(progress) <= PROGRESS_FOR_STATUS[status]
        assert set(progress) - {""} <= set(GOAL_ACHIEVEMENT)
    assert {kind for _, kind in synthetic.ORGANISATIONS} <= set(ORGANISATION_KINDS)
    assert len(synthetic.ORGANISATION_WEIGHTS) == len(synthetic.ORGANISATIONS)


def test_only_people_who_have_had_support_have_a_plan(borough: Borough) -> None:
    supported = {p.person_id for p in borough.support_periods}
    with_plans = [plan.person_id for plan in borough.plans]
    assert len(with_plans) == len(set(with_plans))
    assert set(with_plans) == supported
    assert len(supported) < len(borough.people)  # some people have had no support, and no plan
    assert all(plan.version == 1 for plan in borough.plans)
    # Circles and sharing are only for people with a plan too.
    assert {c.person_id for c in borough.circle_members} <= supported
    assert {s.person_id for s in borough.sharing_choices} <= supported


def test_ids_run_from_one_without_gaps(borough: Borough) -> None:
    for rows in (
        borough.organisations,
        borough.plans,
        borough.domain_entries,
        borough.goals,
        borough.plan_versions,
        borough.circle_members,
        borough.sharing_choices,
    ):
        assert [row.id for row in rows] == list(range(1, len(rows) + 1))


def test_every_plan_has_one_first_version_whose_snapshot_matches_its_rows(
    borough: Borough,
) -> None:
    entries: dict[int, list[Any]] = defaultdict(list)
    goals: dict[int, list[Any]] = defaultdict(list)
    for entry in borough.domain_entries:
        entries[entry.plan_id].append(entry)
    for goal in borough.goals:
        goals[goal.plan_id].append(goal)
    versions = {v.plan_id: v for v in borough.plan_versions}
    assert len(versions) == len(borough.plan_versions) == len(borough.plans)
    for plan in borough.plans:
        version = versions[plan.id]
        assert version.number == 1
        assert version.changed_by_id is None
        assert version.changed_by_description == "Loaded synthetic data"
        assert version.summary == "First plan"
        expected = {
            "sections": {name: getattr(plan, name) for name in SECTION_LABELS},
            "domains": {
                e.domain: {"how_things_are": e.how_things_are, "what_has_helped": e.what_has_helped}
                for e in entries[plan.id]
                if e.how_things_are or e.what_has_helped
            },
            "goals": {
                str(g.id): {
                    "description": g.description,
                    "domain": g.domain,
                    "lifecycle_status": g.lifecycle_status,
                    "achievement_status": g.achievement_status,
                }
                for g in goals[plan.id]
            },
        }
        assert version.snapshot == expected
        assert list(version.snapshot["sections"]) == list(SECTION_LABELS)  # all seven, always


def test_plans_have_three_to_seven_life_domains_and_one_to_four_goals(borough: Borough) -> None:
    domains: dict[int, list[str]] = defaultdict(list)
    for entry in borough.domain_entries:
        assert entry.domain in LIFE_DOMAINS
        assert entry.how_things_are
        domains[entry.plan_id].append(entry.domain)
    goals = Counter(goal.plan_id for goal in borough.goals)
    for plan in borough.plans:
        assert 3 <= len(domains[plan.id]) <= 7
        assert len(set(domains[plan.id])) == len(domains[plan.id])  # one entry a domain
        assert 1 <= goals[plan.id] <= 4
        assert plan.what_matters
    sizes = Counter(len(d) for d in domains.values())
    assert set(sizes) == {3, 4, 5, 6, 7}


def test_goal_statuses_go_together(borough: Borough) -> None:
    for goal in borough.goals:
        assert goal.domain in LIFE_DOMAINS
        assert goal.lifecycle_status in GOAL_LIFECYCLE
        assert goal.achievement_status in PROGRESS_FOR_STATUS[goal.lifecycle_status]
    statuses = Counter(goal.lifecycle_status for goal in borough.goals)
    assert statuses["active"] / len(borough.goals) > 0.5  # mostly active
    assert statuses["completed"]
    assert statuses["on-hold"]
    completed = [g for g in borough.goals if g.lifecycle_status == "completed"]
    achieved = sum(g.achievement_status == "achieved" for g in completed)
    assert achieved / len(completed) > 0.75


def test_goals_start_within_a_period_of_the_persons_support(borough: Borough) -> None:
    person_of = {plan.id: plan.person_id for plan in borough.plans}
    periods = defaultdict(list)
    for period in borough.support_periods:
        periods[period.person_id].append(period)
    for goal in borough.goals:
        assert goal.start_date is not None
        assert goal.start_date <= TODAY
        assert any(
            p.started_on <= goal.start_date <= (p.ended_on or TODAY)
            for p in periods[person_of[goal.plan_id]]
        )


def test_most_but_not_all_plans_have_a_crisis_plan(borough: Borough) -> None:
    with_crisis = [p for p in borough.plans if p.crisis_signs]
    assert 0.7 < len(with_crisis) / len(borough.plans) < 0.9
    assert all(p.crisis_what_i_can_do and p.crisis_who_to_contact for p in with_crisis)
    without = [p for p in borough.plans if not p.crisis_signs]
    assert all(not p.crisis_what_i_can_do and not p.crisis_who_to_contact for p in without)


def test_every_text_fits_its_field_and_has_no_unfilled_slot(borough: Borough) -> None:
    texts: list[tuple[str, int]] = []
    for plan in borough.plans:
        texts += [(getattr(plan, name), 5000) for name in SECTION_LABELS]
    for entry in borough.domain_entries:
        texts += [(entry.how_things_are, 5000), (entry.what_has_helped, 5000)]
    texts += [(goal.description, 1000) for goal in borough.goals]
    texts += [(period.ending_note, 5000) for period in borough.support_periods]
    texts += [(member.name, 200) for member in borough.circle_members]
    texts += [(choice.decided_by, 300) for choice in borough.sharing_choices]
    for text, limit in texts:
        assert len(text) <= limit
        assert "{" not in text
        assert "}" not in text


def test_plans_are_not_all_alike(borough: Borough) -> None:
    plans = borough.plans
    assert len({p.what_matters for p in plans}) > len(plans) / 4
    assert len({(p.what_matters, p.strengths, p.what_helps) for p in plans}) > 0.95 * len(plans)
    assert len({e.how_things_are for e in borough.domain_entries}) > 500
    assert len({g.description for g in borough.goals}) > 100


def test_only_ended_support_has_an_ending_note(borough: Borough) -> None:
    for period in borough.support_periods:
        if period.ended_on is None:
            assert period.ending_note == ""
    agreed = [p for p in borough.support_periods if p.ending == "agreed"]
    assert sum(bool(p.ending_note) for p in agreed) / len(agreed) > 0.8


def test_circles_have_up_to_three_people_and_four_in_ten_first_ones_are_carers(
    borough: Borough,
) -> None:
    circles = defaultdict(list)
    for member in borough.circle_members:
        circles[member.person_id].append(member)
        assert member.relationship in RELATIONSHIPS
        assert member.name
        assert not member.phone or DRAMA_PHONE.match(member.phone)
        assert not member.email or member.email.endswith(("@example.com", "@example.org"))
    assert all(1 <= len(c) <= 3 for c in circles.values())
    assert len(circles) < len(borough.plans)  # some people have nobody in their circle yet
    first = [c[0] for c in circles.values()]
    assert 0.3 < sum(m.is_carer for m in first) / len(first) < 0.5
    for circle in circles.values():
        relationships = Counter(m.relationship for m in circle)
        for relationship in ("MTH", "FTH", "SPS", "DOMPART"):
            assert relationships[relationship] <= 1


def test_sharing_choices_share_valid_parts_with_one_recipient(borough: Borough) -> None:
    members = {m.id: m for m in borough.circle_members}
    organisations = {o.id for o in borough.organisations}
    names = {p.id: f"{p.given_name} {p.family_name}".strip() for p in borough.people}
    order = list(SHAREABLE_PARTS)
    start_of_today = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    for choice in borough.sharing_choices:
        assert choice.parts
        assert set(choice.parts) <= set(SHAREABLE_PARTS)
        assert list(choice.parts) == sorted(choice.parts, key=order.index)  # no repeats, in order
        assert (choice.circle_member_id is None) != (choice.organisation_id is None)
        if choice.circle_member_id is not None:
            member = members[choice.circle_member_id]
            assert member.person_id == choice.person_id
            assert member.is_carer
        else:
            assert choice.organisation_id in organisations
        assert choice.decided_at.tzinfo is not None
        assert choice.decided_at <= start_of_today
        assert choice.decided_by == f"{names[choice.person_id]} (the person)"
    per_recipient = Counter(
        (c.person_id, c.circle_member_id, c.organisation_id) for c in borough.sharing_choices
    )
    assert max(per_recipient.values()) == 1


def test_about_a_third_of_carers_and_a_few_people_share_with_an_organisation(
    borough: Borough,
) -> None:
    carers = [m for m in borough.circle_members if m.is_carer]
    with_carers = [c for c in borough.sharing_choices if c.circle_member_id is not None]
    assert 0.25 < len(with_carers) / len(carers) < 0.42
    with_organisations = {c.person_id for c in borough.sharing_choices if c.organisation_id}
    assert 0.01 < len(with_organisations) / len(borough.plans) < 0.08


def test_partner_organisations_are_made_up_and_of_known_kinds(borough: Borough) -> None:
    assert 5 <= len(borough.organisations) <= 12
    assert len({o.name for o in borough.organisations}) == len(borough.organisations)
    assert all(o.kind in ORGANISATION_KINDS for o in borough.organisations)
    assert all(o.ods_code == "" for o in borough.organisations)


def test_the_demo_person_their_carer_and_partner(borough: Borough) -> None:
    assert borough.demo_person_id is not None
    assert borough.demo_carer_id is not None
    person = borough.people[borough.demo_person_id - 1]
    assert person.id == borough.demo_person_id
    assert person.team_id == borough.teams[0].id
    assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.com", person.email)
    assert person.email == f"{person.given_name}.{person.family_name}@example.com".lower()
    assert sum(p.email == person.email for p in borough.people) == 1
    periods = [p for p in borough.support_periods if p.person_id == person.id]
    assert any(p.ended_on is None for p in periods)
    plan = next(p for p in borough.plans if p.person_id == person.id)
    assert plan.crisis_signs

    carer = borough.circle_members[borough.demo_carer_id - 1]
    assert carer.id == borough.demo_carer_id
    assert carer.person_id == person.id
    assert carer.is_carer
    assert carer.email.endswith("@example.org")
    shared = {
        (c.circle_member_id, c.organisation_id): c.parts
        for c in borough.sharing_choices
        if c.person_id == person.id
    }
    assert shared[(carer.id, None)] == ("what-matters", "what-helps", "goals", "crisis", "team")

    (partner,) = borough.organisation_members
    assert partner.username == "lee"
    assert partner.totp_key == synthetic.totp_key_for(seed=11, username="lee")
    assert shared[(None, partner.organisation_id)] == (
        "about",
        "what-matters",
        "life-housing",
        "life-money",
    )
    usernames = {s.username for s in borough.staff}
    assert not usernames & {person.email, carer.email, partner.username}


def test_the_same_seed_gives_the_same_plans_and_another_seed_others() -> None:
    one = make_borough(seed=5, today=TODAY, people=500)
    again = make_borough(seed=5, today=TODAY, people=500)
    other = make_borough(seed=6, today=TODAY, people=500)
    for name in (
        "plans",
        "domain_entries",
        "goals",
        "plan_versions",
        "circle_members",
        "sharing_choices",
    ):
        assert getattr(one, name) == getattr(again, name)
        assert getattr(one, name) != getattr(other, name)
    assert (one.demo_person_id, one.demo_carer_id) == (again.demo_person_id, again.demo_carer_id)


def test_a_borough_with_nobody_in_it_has_no_plans_and_no_demo_person() -> None:
    empty = make_borough(seed=1, today=TODAY, people=0)
    assert empty.plans == ()
    assert empty.circle_members == ()
    assert empty.demo_person_id is None
    assert empty.demo_carer_id is None
    assert len(empty.organisation_members) == 1
