"""Changes to a plan. Each one checks who is asking (a `Record` from the access policy), refuses a
change that would overwrite someone else's, writes a new version and logs the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from livingwell.access.policy import Record
from livingwell.codes.plan import LIFE_DOMAINS, SECTION_LABELS
from livingwell.codes.record import AccessAction, Part, narrowed
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.network.models import Organisation
from livingwell.outbox.services import Words, message_to_circle_member
from livingwell.people.models import CircleMember, Person, SharingChoice
from livingwell.people.services import sharing_set
from livingwell.plans import history
from livingwell.plans.models import DomainEntry, Goal, Plan, PlanVersion

PLAN_SECTIONS = ("what_matters", "strengths", "what_helps", "what_does_not_help")
CRISIS_SECTIONS = ("crisis_signs", "crisis_what_i_can_do", "crisis_who_to_contact")


class PlanConflict(Refused):
    """Someone else changed the same part of the plan since this person started editing."""

    title = "Someone else changed this part of the plan"

    def __init__(self, changes: list[history.Difference], *, version: int) -> None:
        super().__init__(
            "Someone else changed this part of the plan while you were editing it. Check what they "
            "changed, then save your changes again if you still want them.",
            detail={
                "version": version,
                "changes": [
                    {"what": c.label, "before": c.before, "after": c.after} for c in changes
                ],
            },
        )
        self.changes = changes
        self.version = version


def _plan_made(person: Person) -> Plan:
    """The person's plan: there is one for life, made empty by the first change saved to it."""
    plan, _ = Plan.objects.get_or_create(person=person)
    return plan


def snapshot(plan: Plan) -> history.Snapshot:
    return {
        "sections": {name: getattr(plan, name) for name in SECTION_LABELS},
        "domains": {
            entry.domain: {
                "how_things_are": entry.how_things_are,
                "what_has_helped": entry.what_has_helped,
            }
            for entry in plan.domains.all()
            if entry.how_things_are or entry.what_has_helped
        },
        "goals": {
            str(goal.pk): {
                "description": goal.description,
                "domain": goal.domain,
                "lifecycle_status": goal.lifecycle_status,
                "achievement_status": goal.achievement_status,
            }
            for goal in plan.goals.all()
        },
    }


def _snapshot_at(plan: Plan, number: int) -> history.Snapshot:
    if number == 0:
        return history.empty_snapshot()
    version = PlanVersion.objects.filter(plan=plan, number=number).first()
    if version is None:
        raise Refused("That version of the plan does not exist. Open the plan again.")
    snap: history.Snapshot = version.snapshot
    return snap


@dataclass
class _Change:
    """One change in progress: the locked plan and what it looked like before."""

    plan: Plan
    before: history.Snapshot


def _begin(record: Record, base_version: int, touched: Iterable[str]) -> _Change:
    plan = Plan.objects.select_for_update().filter(person=record.person).first()
    if plan is None:
        _plan_made(record.person)
        plan = Plan.objects.select_for_update().get(person=record.person)
    before = snapshot(plan)
    if base_version > plan.version or base_version < 0:
        raise Refused("That version of the plan does not exist. Open the plan again.")
    if base_version != plan.version:
        collided = history.collisions(_snapshot_at(plan, base_version), before, touched)
        if collided:
            raise PlanConflict(collided, version=plan.version)
    return _Change(plan, before)


def _finish(record: Record, change: _Change, why: str) -> PlanVersion | None:
    plan = change.plan
    after = snapshot(plan)
    differences = history.differences(change.before, after)
    if not differences:
        return None
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    summary = history.summary(differences)
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=after,
        changed_at=timezone.now(),
        changed_by_id=record.actor_id,
        changed_by_description=record.actor_description,
        summary=summary[:500],
    )
    record.log(action=AccessAction.CHANGE, what=f"their plan: {summary}"[:300], why=why)
    return version


def _require(record: Record, part: Part) -> None:
    if not record.can_change(part):
        raise Forbidden("You can read this but not change it.")


@transaction.atomic
def sections_change(
    record: Record, *, base_version: int, changes: dict[str, str], why: str
) -> PlanVersion | None:
    """Change sections of the plan ("what matters to me", the crisis plan and so on)."""
    for name in changes:
        if name in PLAN_SECTIONS:
            _require(record, Part.PLAN)
        elif name in CRISIS_SECTIONS:
            _require(record, Part.CRISIS)
        else:
            raise ValueError(f"Not a section of the plan: {name}")
    change = _begin(record, base_version, (f"sections.{name}" for name in changes))
    for name, text in changes.items():
        setattr(change.plan, name, text.strip())
    change.plan.save(update_fields=list(changes))
    return _finish(record, change, why)


@transaction.atomic
def domains_change(
    record: Record,
    *,
    base_version: int,
    entries: dict[str, tuple[str, str]],
    sections: dict[str, str] | None = None,
    why: str,
) -> PlanVersion | None:
    """Record what the person said about parts of their life: the first conversation, or later.

    `entries` maps a life domain to (how things are, what has helped)."""
    _require(record, Part.PLAN)
    sections = sections or {}
    unknown = [d for d in entries if d not in LIFE_DOMAINS] + [
        s for s in sections if s not in PLAN_SECTIONS
    ]
    if unknown:
        raise ValueError(f"Not part of the plan: {', '.join(unknown)}")
    touched = [f"domains.{d}" for d in entries] + [f"sections.{s}" for s in sections]
    change = _begin(record, base_version, touched)
    for name, text in sections.items():
        setattr(change.plan, name, text.strip())
    if sections:
        change.plan.save(update_fields=list(sections))
    existing = {entry.domain: entry for entry in change.plan.domains.all()}
    for domain, (how, helped) in entries.items():
        entry = existing.get(domain) or DomainEntry(plan=change.plan, domain=domain)
        entry.how_things_are, entry.what_has_helped = how.strip(), helped.strip()
        if entry.pk is None:
            entry.save()
        else:
            entry.save(update_fields=["how_things_are", "what_has_helped"])
    return _finish(record, change, why)


@transaction.atomic
def goal_add(
    record: Record,
    *,
    base_version: int,
    description: str,
    domain: str,
    start_date: dt.date | None = None,
    why: str,
) -> Goal:
    _require(record, Part.GOALS)
    change = _begin(record, base_version, ())
    goal = Goal.objects.create(
        plan=change.plan,
        description=description.strip(),
        domain=domain,
        start_date=start_date or timezone.localdate(),
    )
    _finish(record, change, why)
    return goal


@transaction.atomic
def goal_change(
    record: Record, *, goal_id: int, base_version: int, why: str, **fields: Any
) -> PlanVersion | None:
    """Change a goal's words, part of life, status or progress."""
    _require(record, Part.GOALS)
    allowed = {"description", "domain", "lifecycle_status", "achievement_status"}
    if not set(fields) <= allowed:
        raise ValueError(f"Not part of a goal: {', '.join(set(fields) - allowed)}")
    change = _begin(record, base_version, [f"goals.{goal_id}"])
    goal = Goal.objects.filter(plan=change.plan, pk=goal_id).first()
    if goal is None:
        raise NotFound("We could not find that goal.")
    for name, value in fields.items():
        setattr(goal, name, value.strip() if name == "description" else value)
    goal.save(update_fields=list(fields))
    return _finish(record, change, why)


# --- Sharing, and telling someone in the circle there is more to see -------------------------------


def circle_told_words(person: Person) -> Words:
    """What a message to someone in the circle says when the person shares more with them: that
    there is more, never what. The sharing page quotes it before the person chooses to send it."""
    said = (
        f"{person.given_name} has chosen to share more with you on Living Well. Sign in to see it"
    )
    return Words(
        subject=f"{person.given_name} has shared more with you",
        full=f"{said}: {settings.LIVINGWELL_SITE_URL.rstrip('/')}/shared/",
        plain=f"{said}.",
    )


@dataclass(frozen=True)
class Shared:
    choice: SharingChoice
    added: bool  # something is shared now that was not before
    told: bool  # a message to them was written


@transaction.atomic
def sharing_choose(
    record: Record,
    *,
    parts: Iterable[str],
    circle_member: CircleMember | None = None,
    organisation: Organisation | None = None,
    tell: bool = False,
) -> Shared:
    """What the person shares with one person in their circle or one organisation (as
    `sharing_set`) and, when they chose to tell someone in their circle, a message saying there is
    more to see, written with the change. Sharing less, or the same, is never told."""
    before = (
        SharingChoice.objects.select_for_update()
        .filter(person=record.person, circle_member=circle_member, organisation=organisation)
        .values_list("parts", flat=True)
        .first()
    )
    choice = sharing_set(
        record, parts=parts, circle_member=circle_member, organisation=organisation
    )
    added = bool(set(choice.parts) - set(narrowed(before or [])))
    told = False
    if tell and added and circle_member is not None:
        told = (
            message_to_circle_member(
                circle_member,
                circle_told_words(record.person),
                why="They were told there is more to see",
            )
            is not None
        )
    return Shared(choice=choice, added=added, told=told)
