"""What changed between two versions of a plan, in plain words. Pure Python, no Django.

A snapshot is the whole plan as plain data:

    {"sections": {"what_matters": "...", ...},
     "domains": {"housing": {"how_things_are": "...", "what_has_helped": "..."}, ...},
     "goals": {"17": {"description": "...", "domain": "housing",
                      "lifecycle_status": "active", "achievement_status": "in-progress"}, ...}}

Keys in `touched` name the pieces one change writes ("sections.what_matters", "domains.housing",
"goals.17", "goals.new"), so two people editing different parts of a plan at once do not collide, and
two editing the same part do: the second is told, and shown what the first changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from livingwell.codes.plan import (
    GOAL_ACHIEVEMENT,
    GOAL_LIFECYCLE,
    GOAL_STEPS,
    LIFE_DOMAINS,
    SECTION_LABELS,
    goal_step,
)

Snapshot = dict[str, Any]

DOMAIN_FIELD_LABELS = {"how_things_are": "how things are", "what_has_helped": "what has helped"}
STATUS_FIELDS = ("lifecycle_status", "achievement_status")
GOAL_FIELD_LABELS = {
    "description": "words",
    "domain": "part of life",
    "lifecycle_status": "status",
    "achievement_status": "progress",
}


def empty_snapshot() -> Snapshot:
    return {"sections": dict.fromkeys(SECTION_LABELS, ""), "domains": {}, "goals": {}}


@dataclass(frozen=True)
class Difference:
    key: str  # "sections.what_matters", "domains.housing", "goals.17"
    label: str  # "What matters to me", "Housing: what has helped", "Goal: Sleep better"
    before: str
    after: str


def _goal_words(field: str, value: str) -> str:
    if field == "domain":
        return LIFE_DOMAINS.get(value, value)
    if field == "lifecycle_status":
        return GOAL_LIFECYCLE.get(value, value)
    if field == "achievement_status":
        return GOAL_ACHIEVEMENT.get(value, value) if value else "Not said"
    return value


def differences(before: Snapshot, after: Snapshot) -> list[Difference]:
    """Every difference between two snapshots, in the order the plan shows them."""
    found: list[Difference] = []
    before = {**empty_snapshot(), **before}
    after = {**empty_snapshot(), **after}
    for name, label in SECTION_LABELS.items():
        old, new = before["sections"].get(name, ""), after["sections"].get(name, "")
        if old != new:
            found.append(Difference(f"sections.{name}", label, old, new))
    for domain, domain_label in LIFE_DOMAINS.items():
        old_entry = before["domains"].get(domain, {})
        new_entry = after["domains"].get(domain, {})
        for field, field_label in DOMAIN_FIELD_LABELS.items():
            old, new = old_entry.get(field, ""), new_entry.get(field, "")
            if old != new:
                found.append(
                    Difference(f"domains.{domain}", f"{domain_label}: {field_label}", old, new)
                )
    goal_keys = list(before["goals"]) + [k for k in after["goals"] if k not in before["goals"]]
    for key in goal_keys:
        old_goal, new_goal = before["goals"].get(key), after["goals"].get(key)
        if old_goal is None and new_goal is not None:
            found.append(Difference(f"goals.{key}", "New goal", "", new_goal["description"]))
            continue
        if new_goal is None and old_goal is not None:
            found.append(Difference(f"goals.{key}", "Goal taken out", old_goal["description"], ""))
            continue
        if old_goal is None or new_goal is None:
            continue
        found += _goal_differences(key, old_goal, new_goal)
    return found


def _step(goal: dict[str, Any]) -> str:
    return goal_step(goal.get("lifecycle_status", ""), goal.get("achievement_status", ""))


def _goal_differences(
    key: str, old_goal: dict[str, Any], new_goal: dict[str, Any]
) -> list[Difference]:
    """What changed in one goal. How it is going reads in everyday words, as people chose it; only a
    change that keeps those words (FHIR's finer statuses, through the API) is told in FHIR's."""
    found: list[Difference] = []
    label = f"Goal '{old_goal['description']}'"
    step_changed = _step(old_goal) != _step(new_goal)
    if step_changed:
        found.append(
            Difference(
                f"goals.{key}",
                f"{label}: how it is going",
                GOAL_STEPS[_step(old_goal)],
                GOAL_STEPS[_step(new_goal)],
            )
        )
    for field, field_label in GOAL_FIELD_LABELS.items():
        old, new = old_goal.get(field, ""), new_goal.get(field, "")
        if old != new and not (step_changed and field in STATUS_FIELDS):
            found.append(
                Difference(
                    f"goals.{key}",
                    f"{label}: {field_label}",
                    _goal_words(field, old),
                    _goal_words(field, new),
                )
            )
    return found


def collisions(base: Snapshot, current: Snapshot, touched: Iterable[str]) -> list[Difference]:
    """What someone else changed, since `base`, in the pieces this change writes."""
    keys = set(touched)
    return [d for d in differences(base, current) if d.key in keys]


def summary(changes: list[Difference], *, limit: int = 3) -> str:
    """One line for the history and the access log: "Changed: What matters to me; New goal 'Sleep'"."""
    if not changes:
        return "No change"
    labels: list[str] = []
    for change in changes:
        label = change.label if change.label != "New goal" else f"New goal '{change.after}'"
        if label not in labels:
            labels.append(label)
    shown = "; ".join(labels[:limit])
    more = len(labels) - limit
    return f"Changed: {shown}" + (f" and {more} more" if more > 0 else "")
