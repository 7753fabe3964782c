"""Who may read and change which part of a person's record: the rules as one table.

Pure Python, so the table can be read, printed and tested on its own. `livingwell.access.policy` works
out how the asker is related to the person and applies these rules on every request.

| relation | reads | changes |
| --- | --- | --- |
| the person's team (any member: rule 7) | everything | everything except the access log and history |
| the person | everything (their whole record, rule 4) | their contact details, plan, goals, crisis plan, circle and what they share |
| someone in their circle | only what the person shares with them, choice by choice | nothing |
| a partner organisation | only what the person shares with it, choice by choice | nothing |

A sharing choice (`SHAREABLE_PARTS`) is finer than a part: each part of life is its own choice, and what
matters and what helps are two. `shares` says which choices an asker sees; `readable` says which parts
those open, so a page can be refused at once; what each page then shows is built from `shares` alone.
| anyone else | nothing | nothing |
"""

from __future__ import annotations

from enum import StrEnum

from livingwell.plans.passport import LIFE_DOMAINS, SHAREABLE_PARTS, life_part


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
ALL_SHARES = frozenset(SHAREABLE_PARTS)
# The part of the record each sharing choice opens.
SHARE_OPENS: dict[str, frozenset[Part]] = {
    "about": frozenset({Part.ABOUT}),
    "what-matters": frozenset({Part.PLAN}),
    "what-helps": frozenset({Part.PLAN}),
    "goals": frozenset({Part.GOALS}),
    "crisis": frozenset({Part.CRISIS}),
    "circle": frozenset({Part.CIRCLE}),
    "team": frozenset({Part.PLAN}),
    **{life_part(domain): frozenset({Part.PLAN, Part.GOALS}) for domain in LIFE_DOMAINS},
}
_TEAM_CHANGES = ALL_PARTS - {Part.ACCESS_LOG, Part.HISTORY}
_SELF_CHANGES = frozenset(
    {Part.ABOUT, Part.PLAN, Part.GOALS, Part.CRISIS, Part.CIRCLE, Part.SHARING}
)


def shares(relation: Relation, shared: frozenset[str] = frozenset()) -> frozenset[str]:
    """The sharing choices someone with this relation sees. `shared` is what the person shares with them."""
    if relation in (Relation.TEAM, Relation.SELF):
        return ALL_SHARES
    if relation in (Relation.CIRCLE, Relation.ORGANISATION):
        return ALL_SHARES & shared
    return frozenset()


def readable(relation: Relation, shared: frozenset[str] = frozenset()) -> frozenset[Part]:
    """The parts someone with this relation may read. `shared` is what the person shares with them."""
    if relation in (Relation.TEAM, Relation.SELF):
        return ALL_PARTS
    return frozenset().union(*(SHARE_OPENS[key] for key in shares(relation, shared)))


def changeable(relation: Relation) -> frozenset[Part]:
    """The parts someone with this relation may change."""
    if relation is Relation.TEAM:
        return _TEAM_CHANGES
    if relation is Relation.SELF:
        return _SELF_CHANGES
    return frozenset()
