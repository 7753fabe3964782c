"""Reads of a plan for its pages and the API: only the parts the asker may read (a `Record`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from livingwell.access.policy import Record
from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.codes.record import (
    PLAN_FIELD_SHARED_BY,
    SHAREABLE_PARTS,
    Part,
    Relation,
    goal_shown,
    life_part,
)
from livingwell.core.errors import NotFound
from livingwell.people.models import CircleMember, SharingChoice, SupportPeriod
from livingwell.plans.models import DomainEntry, Goal, Plan, PlanVersion


@dataclass
class PlanView:
    """What one asker may see of a plan, built from the sharing choices they see (`Record.shares`).

    Pages and the API show the plan only through this: `text` holds only the sections the asker sees,
    and `domains` and `goals` only the parts of life and goals their choices name. Nothing else is
    filled, so a page cannot show more than the labels of what is shared. `plan` itself is given only
    to the team and the person, who see all of it."""

    record: Record
    plan: Plan | None
    version: int = 0
    text: dict[str, str] = field(default_factory=dict)
    domains: list[DomainEntry] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    circle: list[CircleMember] = field(default_factory=list)
    sharing: list[dict[str, Any]] = field(default_factory=list)
    support: SupportPeriod | None = None
    last_support: SupportPeriod | None = None

    def shows(self, part: str) -> bool:
        return self.record.can_read(Part(part))

    @property
    def whole(self) -> bool:
        """The team and the person see the whole plan; anyone else only what is shared."""
        return self.record.relation in (Relation.TEAM, Relation.SELF)

    def sees(self, share: str) -> bool:
        return self.record.sees(share)

    @property
    def sees_life(self) -> bool:
        """Whether any part of life is shown."""
        return any(self.record.sees(life_part(domain)) for domain in LIFE_DOMAINS)

    def changes(self, part: str) -> bool:
        return self.record.can_change(Part(part))


def plan_view(record: Record) -> PlanView:
    person = record.person
    plan = Plan.objects.filter(person=person).first()
    whole = record.relation in (Relation.TEAM, Relation.SELF)
    view = PlanView(
        record=record, plan=plan if whole else None, version=plan.version if plan else 0
    )
    if plan is not None:
        view.text = {
            name: getattr(plan, name)
            for name, share in PLAN_FIELD_SHARED_BY.items()
            if record.sees(share)
        }
        order = list(LIFE_DOMAINS)
        view.domains = sorted(
            (
                d
                for d in plan.domains.all()
                if (d.how_things_are or d.what_has_helped) and record.sees(life_part(d.domain))
            ),
            key=lambda d: order.index(d.domain),
        )
        view.goals = [g for g in plan.goals.all() if goal_shown(g.domain, record.shares)]
    if record.sees("circle"):
        view.circle = list(CircleMember.objects.filter(person=person))
    if record.can_read(Part.SHARING):
        view.sharing = sharing_table(record)
    if record.sees("team") or record.can_read(Part.SUPPORT):
        periods = list(
            SupportPeriod.objects.filter(person=person)
            .select_related("key_worker")
            .order_by("-started_on")[:1]
        )
        if periods:
            view.last_support = periods[0]
            view.support = periods[0] if periods[0].ended_on is None else None
    return view


def sharing_table(record: Record) -> list[dict[str, Any]]:
    """Who may see what: every person in the circle and every organisation shared with."""
    person = record.person
    choices = list(
        SharingChoice.objects.filter(person=person).select_related("organisation", "circle_member")
    )
    by_member = {c.circle_member_id: c for c in choices if c.circle_member_id}
    rows: list[dict[str, Any]] = []
    for member in CircleMember.objects.filter(person=person):
        choice = by_member.get(member.pk)
        rows.append(
            {
                "kind": "circle",
                "id": member.pk,
                "name": member.name,
                "about": member.get_relationship_display() + (", carer" if member.is_carer else ""),
                "has_account": member.user_id is not None,
                "parts": [SHAREABLE_PARTS[p] for p in (choice.parts if choice else [])],
                "keys": list(choice.parts) if choice else [],
                "decided": choice.decided_at if choice else None,
                "review": choice.review_note if choice else "",
            }
        )
    for choice in choices:
        if choice.organisation is not None:
            rows.append(
                {
                    "kind": "organisation",
                    "id": choice.organisation.pk,
                    "name": choice.organisation.name,
                    "about": choice.organisation.get_kind_display(),
                    "has_account": True,
                    "parts": [SHAREABLE_PARTS[p] for p in choice.parts],
                    "keys": list(choice.parts),
                    "decided": choice.decided_at,
                    "review": choice.review_note,
                }
            )
    return rows


def versions(plan: Plan | None) -> list[PlanVersion]:
    if plan is None:
        return []
    return list(PlanVersion.objects.filter(plan=plan).order_by("-number")[:200])


def plan_of(record: Record) -> Plan | None:
    return Plan.objects.filter(person=record.person).first()


def plan_or_new(record: Record) -> Plan:
    """The person's plan, or a new empty one that is not saved: opening a page never writes. The
    first change saved makes it (`services`)."""
    return plan_of(record) or Plan(person=record.person)


def goal_of(record: Record, goal_id: int) -> Goal:
    goal = Goal.objects.filter(plan__person=record.person, pk=goal_id).first()
    if goal is None:
        raise NotFound("We could not find that goal.")
    return goal
