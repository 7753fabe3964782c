"""Who may read and change which part of a person's record: the rules as one table.

Pure Python, so the table can be read, printed and tested on its own. `livingwell.access.policy` works
out how the asker is related to the person and applies these rules on every request.

| relation | reads | changes |
| --- | --- | --- |
| the person's team (any member: rule 7) | everything | everything except the access log and history |
| the person | everything (their whole record, rule 4) | their contact details, plan, goals, crisis plan, circle and what they share |
| someone in their circle | only the parts the person shares with them | nothing |
| a partner organisation | only the parts the person shares with it | nothing |
| anyone else | nothing | nothing |
"""

from __future__ import annotations

from enum import StrEnum

from livingwell.plans.passport import SHAREABLE_PARTS


class Part(StrEnum):
    ABOUT = "about"  # who they are, date of birth, contact details
    PLAN = "plan"  # what matters, strengths, what helps, the life domains
    GOALS = "goals"
    CRISIS = "crisis"  # the crisis and safety plan
    CIRCLE = "circle"  # who is in their circle of support
    SHARING = "sharing"  # what they share, and with whom
    SUPPORT = "support"  # introductions, conversations, periods of support, key worker, ending
    ACCESS_LOG = "access-log"  # who has looked at or changed the record
    HISTORY = "history"  # earlier versions of the plan


class Relation(StrEnum):
    TEAM = "team"
    SELF = "self"
    CIRCLE = "circle"
    ORGANISATION = "organisation"
    NONE = "none"


ALL_PARTS = frozenset(Part)
SHAREABLE = frozenset(Part(key) for key in SHAREABLE_PARTS)
_TEAM_CHANGES = ALL_PARTS - {Part.ACCESS_LOG, Part.HISTORY}
_SELF_CHANGES = frozenset(
    {Part.ABOUT, Part.PLAN, Part.GOALS, Part.CRISIS, Part.CIRCLE, Part.SHARING}
)


def readable(relation: Relation, shared: frozenset[str] = frozenset()) -> frozenset[Part]:
    """The parts someone with this relation may read. `shared` is what the person shares with them."""
    if relation in (Relation.TEAM, Relation.SELF):
        return ALL_PARTS
    if relation in (Relation.CIRCLE, Relation.ORGANISATION):
        return frozenset(part for part in SHAREABLE if part.value in shared)
    return frozenset()


def changeable(relation: Relation) -> frozenset[Part]:
    """The parts someone with this relation may change."""
    if relation is Relation.TEAM:
        return _TEAM_CHANGES
    if relation is Relation.SELF:
        return _SELF_CHANGES
    return frozenset()
