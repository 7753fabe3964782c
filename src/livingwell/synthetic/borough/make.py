"""`make_borough`: the whole synthetic borough put together. Teams and staff; people arriving over two
years, with their introductions, conversations and support, numbered in time order; then the partner
organisations, everyone's plan, circle and sharing, and the demo's person, carer and partner; then
the measures taken in every period of support."""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect
from collections.abc import Sequence
from dataclasses import replace

from livingwell.synthetic.borough.draw import _arrival_day, _ascii, _Weighted, totp_key_for
from livingwell.synthetic.borough.generator import _Draft, _Drafts, _Generator, _TeamStaff
from livingwell.synthetic.borough.measures import make_measures
from livingwell.synthetic.borough.mixes import RETURN_CHANCE
from livingwell.synthetic.borough.place import (
    DEMO_PARTNER,
    KEY_WORK_WEIGHT,
    ORGANISATIONS,
    TEAM_SHARES,
)
from livingwell.synthetic.borough.plans import _PlanDrafts, _PlanGenerator
from livingwell.synthetic.borough.rows import (
    ADMINISTRATOR,
    Borough,
    ConversationRow,
    IntroductionRow,
    OrganisationMemberRow,
    OrganisationRow,
    PersonRow,
    StaffRow,
    SupportPeriodRow,
    TeamRow,
)


def _numbered(drafts: list[_Draft]) -> list[_Draft]:
    """Drafts in time order, numbered from 1, so that ids rise with time as they would in real use."""
    drafts.sort(key=lambda d: d.sort_key)
    for n, draft in enumerate(drafts, start=1):
        draft.id = n
    return drafts


def make_borough(*, seed: int, today: dt.date, people: int = 2000) -> Borough:
    """A whole synthetic borough: the same seed and today always give the same one."""
    # Millions of small objects and no cycles: the cyclic garbage collector would only slow this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _make_borough(seed=seed, today=today, people=people)
    finally:
        if collecting:
            gc.enable()


def _make_borough(*, seed: int, today: dt.date, people: int) -> Borough:
    generator = _PlanGenerator(seed=seed, today=today)
    rng = generator.rng
    teams = generator.teams()
    staff = generator.staff(teams)
    team_staff = {
        team.id: _TeamStaff(
            admin=next(s.id for s in staff if s.team_id == team.id and s.role == ADMINISTRATOR),
            all=tuple(s.id for s in staff if s.team_id == team.id),
            key_workers=_Weighted.of(
                {
                    s.id: KEY_WORK_WEIGHT[s.role]
                    for s in staff
                    if s.team_id == team.id and s.role != ADMINISTRATOR
                }
            ),
        )
        for team in teams
    }

    # People arrive over the two years; number them in the order they first came to the front door.
    window = (today - generator.start).days
    first_days = sorted(_arrival_day(rng, window) for _ in range(people))
    team_cumulative = tuple(sum(TEAM_SHARES[: n + 1]) for n in range(len(teams)))
    person_rows: list[PersonRow] = []
    drafts = _Drafts([], [], [])
    for person_id, first_day in enumerate(first_days, start=1):
        team = teams[min(len(teams) - 1, bisect(team_cumulative, rng.random()))]
        person = generator.person(person_id, team)
        person_rows.append(person)
        came_back = generator.introduction(
            person=person,
            day=generator.start + dt.timedelta(days=first_day),
            staff_of_team=team_staff[team.id],
            drafts=drafts,
        )
        if came_back is not None and rng.random() < RETURN_CHANCE:
            again = came_back + dt.timedelta(days=rng.randrange(14, 300))
            if again < today:
                generator.introduction(
                    person=person,
                    day=again,
                    staff_of_team=team_staff[team.id],
                    drafts=drafts,
                )

    conversations = tuple(
        ConversationRow(id=d.id, **d.fields)  # type: ignore[arg-type]
        for d in _numbered(drafts.conversations)
    )
    introductions = []
    for d in _numbered(drafts.introductions):
        fields = d.fields
        conversation = fields.pop("conversation")
        fields["conversation_id"] = conversation.id if isinstance(conversation, _Draft) else None
        introductions.append(IntroductionRow(id=d.id, **fields))  # type: ignore[arg-type]

    generator.switch_stream("plans")
    support_periods = []
    for d in _numbered(drafts.support_periods):
        d.fields["ending_note"] = generator.ending_note(str(d.fields["ending"]))
        support_periods.append(SupportPeriodRow(id=d.id, **d.fields))  # type: ignore[arg-type]
    organisations = tuple(
        OrganisationRow(id=n, name=name, kind=kind, ods_code="")
        for n, (name, kind) in enumerate(ORGANISATIONS, start=1)
    )
    partner_username, partner_name, partner_job = DEMO_PARTNER
    partner = OrganisationMemberRow(
        id=1,
        organisation_id=organisations[0].id,
        username=partner_username,
        name=partner_name,
        job=partner_job,
        totp_key=totp_key_for(seed=seed, username=partner_username),
    )
    plans, demo_person_id, demo_carer_id = _plans(
        generator, teams=teams, staff=staff, people=person_rows, support_periods=support_periods
    )
    generator.switch_stream("measures")
    measures = make_measures(
        generator.rng,
        today=today,
        support_periods=support_periods,
        plans=plans.plans,
        goals=plans.goals,
        demo_person_id=demo_person_id,
    )
    return Borough(
        seed=seed,
        today=today,
        teams=teams,
        staff=staff,
        people=tuple(person_rows),
        introductions=tuple(introductions),
        conversations=conversations,
        support_periods=tuple(support_periods),
        organisations=organisations,
        organisation_members=(partner,),
        plans=tuple(plans.plans),
        domain_entries=tuple(plans.domain_entries),
        goals=tuple(plans.goals),
        plan_versions=tuple(plans.plan_versions),
        circle_members=tuple(plans.circle_members),
        sharing_choices=tuple(plans.sharing_choices),
        measures=tuple(measures.measures),
        answers=tuple(measures.answers),
        goal_ratings=tuple(measures.goal_ratings),
        demo_person_id=demo_person_id,
        demo_carer_id=demo_carer_id,
    )


def _plans(
    generator: _PlanGenerator,
    *,
    teams: Sequence[TeamRow],
    staff: Sequence[StaffRow],
    people: list[PersonRow],
    support_periods: Sequence[SupportPeriodRow],
) -> tuple[_PlanDrafts, int | None, int | None]:
    """A plan, a circle and sharing choices for everyone who has had support (nobody else has a
    plan); and the demo person, whose email becomes their username. Answers the rows, the demo
    person's id and their carer's."""
    periods_of: dict[int, list[SupportPeriodRow]] = {}
    for period in support_periods:  # in the order they started
        periods_of.setdefault(period.person_id, []).append(period)
    demo_person_id = _demo_person(generator, teams[0].id, people, periods_of)
    first_names = {s.id: s.name.split(" ")[0] for s in staff}
    team_names = {t.id: t.name for t in teams}
    rows = _PlanDrafts([], [], [], [], [], [])
    demo_carer_id = None
    for person_id in sorted(periods_of):
        person = people[person_id - 1]
        demo = person_id == demo_person_id
        if demo:
            local = ".".join(
                n for n in (_ascii(person.given_name), _ascii(person.family_name)) if n
            )
            person = people[person_id - 1] = replace(
                person, email=f"{local or f'person{person_id}'}@example.com"
            )
            demo_carer_id = len(rows.circle_members) + 1  # the first in their circle
        periods = periods_of[person_id]
        generator.plan(
            person,
            periods,
            rows,
            key_worker=first_names[periods[-1].key_worker_id],
            team=team_names[person.team_id],
            demo=demo,
        )
    return rows, demo_person_id, demo_carer_id


def _demo_person(
    generator: _Generator,
    team_id: int,
    people: Sequence[PersonRow],
    periods_of: dict[int, list[SupportPeriodRow]],
) -> int | None:
    """Someone on the first team supported now, for a month or more, with a name that makes a plain
    email address: the demo's person account."""
    settled = generator.today - dt.timedelta(days=30)

    def plain(name: str) -> bool:
        return name.isascii() and name.isalpha()

    on_team = sorted(pid for pid in periods_of if people[pid - 1].team_id == team_id)
    candidates = [
        pid
        for pid in on_team
        if periods_of[pid][-1].ended_on is None
        and periods_of[pid][-1].started_on <= settled
        and plain(people[pid - 1].given_name)
        and plain(people[pid - 1].family_name)
    ] or on_team
    return generator.pick(candidates) if candidates else None
