"""Who may read and change which part of a person's record: the rules as one table.

Pure Python, so the table can be read, printed and tested on its own. `livingwell.access.policy` works
out how the asker is related to the person and applies these rules on every request.

| relation | reads | changes |
| --- | --- | --- |
| the person's team (any member: rule 7) | everything | everything except the access log and history |
| the person | everything (their whole record, rule 4) | their contact details, plan, goals, crisis plan, circle, what they share, messages to their team, and their questionnaires and goal ratings |
| someone in their circle | only what the person shares with them, choice by choice | nothing |
| a partner organisation | only what the person shares with it, choice by choice | nothing |
| anyone else | nothing | nothing |

The parts and the sharing choices themselves, with their words, are in `livingwell.codes.record`.
A sharing choice (`SHAREABLE_PARTS`) is finer than a part: each part of life is its own choice, and what
matters and what helps are two. `shares` says which choices an asker sees; `readable` says which parts
those open, so a page can be refused at once; what each page then shows is built from `shares` alone.
"""

from __future__ import annotations

from livingwell.codes.record import ALL_PARTS, ALL_SHARES, SHARE_OPENS, Part, Relation

_TEAM_CHANGES = ALL_PARTS - {Part.ACCESS_LOG, Part.HISTORY}
_SELF_CHANGES = frozenset(
    {
        Part.ABOUT,
        Part.PLAN,
        Part.GOALS,
        Part.CRISIS,
        Part.CIRCLE,
        Part.SHARING,
        Part.MESSAGES,
        Part.MEASURES,
    }
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
