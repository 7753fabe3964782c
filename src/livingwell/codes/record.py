"""The parts of a person's record, with their words, and the sharing choices a person makes.

One list for everything that names a part of the record: the access rules (`livingwell.access.rules`)
say who reads and changes each part, the access log says which part someone looked at, and the
sharing page offers the choices below. What a choice's label says is all it shows.
"""

from __future__ import annotations

from enum import StrEnum

from livingwell.codes.plan import LIFE_DOMAINS


class Part(StrEnum):
    """A part of a person's record. `words` is how the access log names it: "looked at their plan"."""

    ABOUT = "about"  # who they are, date of birth, contact details
    PLAN = "plan"  # what matters, strengths, what helps, the life domains
    GOALS = "goals"
    CRISIS = "crisis"  # the crisis and safety plan
    CIRCLE = "circle"  # who is in their circle of support
    SHARING = "sharing"  # what they share, and with whom
    SUPPORT = "support"  # introductions, conversations, periods of support, key worker, ending
    MESSAGES = "messages"  # what the person has written to their team
    ACCESS_LOG = "access-log"  # who has looked at or changed the record
    HISTORY = "history"  # earlier versions of the plan
    MEASURES = "measures"  # questionnaires and goal ratings, filled in with the person or by them

    @property
    def words(self) -> str:
        return PART_WORDS[self]


PART_WORDS: dict[Part, str] = {
    Part.ABOUT: "their details",
    Part.PLAN: "their plan",
    Part.GOALS: "their goals",
    Part.CRISIS: "their crisis and safety plan",
    Part.CIRCLE: "their circle of support",
    Part.SHARING: "what they share and with whom",
    Part.SUPPORT: "their support",
    Part.MESSAGES: "their messages to the team",
    Part.ACCESS_LOG: "their access log",
    Part.HISTORY: "the history of their plan",
    Part.MEASURES: "their questionnaires and goal ratings",
}
ALL_PARTS = frozenset(Part)


class Relation(StrEnum):
    """How someone asking is related to the person whose record it is."""

    TEAM = "team"
    SELF = "self"
    CIRCLE = "circle"
    ORGANISATION = "organisation"
    NONE = "none"


class AccessAction(StrEnum):
    """What someone did with a record, as its access log says: "Looked at their plan"."""

    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"

    @property
    def label(self) -> str:
        return ACTION_WORDS[self]


ACTION_WORDS: dict[AccessAction, str] = {
    AccessAction.VIEW: "Looked at",
    AccessAction.CREATE: "Added",
    AccessAction.CHANGE: "Changed",
}


# Parts of life that are never bundled into another sharing choice: what the person says about them, and
# their goals about them, are shared only by choosing that part of life itself.
SENSITIVE_DOMAINS: frozenset[str] = frozenset({"mental-health", "safety", "substances"})


def life_part(domain: str) -> str:
    """The sharing choice for one part of life: "life-housing"."""
    return f"life-{domain}"


# What a person may share with someone in their circle or an organisation, each choice on its own. What a
# label says is all it shows (`shown_by` says which plan fields each shows, and `goal_shown` which goals).
SHAREABLE_PARTS: dict[str, str] = {
    "about": "My contact details and date of birth",
    "what-matters": "What matters to me and my strengths",
    "what-helps": "What helps me, and what does not",
    "goals": "My goals, but not goals about my mental health, safety, or alcohol and drugs",
    "crisis": "My crisis and safety plan",
    "circle": "Who is in my circle of support",
    "team": "Who my key worker is",
    "measures": "My questionnaire scores, and how I rate the goals I share",
    **{
        life_part(domain): f"{label}: what I said about it, and my goals for it"
        for domain, label in LIFE_DOMAINS.items()
    },
}

# Each plan field and the one choice that shows it. The life domains' entries go by `life_part`.
PLAN_FIELD_SHARED_BY: dict[str, str] = {
    "what_matters": "what-matters",
    "strengths": "what-matters",
    "what_helps": "what-helps",
    "what_does_not_help": "what-helps",
    "crisis_signs": "crisis",
    "crisis_what_i_can_do": "crisis",
    "crisis_who_to_contact": "crisis",
}

# Choices made before each part of life was shared on its own, and the narrowest choices that now hold
# what their label named. "plan" read "What matters to me, my strengths and what helps" and also showed
# every part of life: it becomes the two choices its words named, and never more.
EARLIER_PARTS: dict[str, tuple[str, ...]] = {
    "plan": ("what-matters", "what-helps"),
}
EARLIER_LABELS: dict[str, str] = {
    "plan": "What matters to me, my strengths and what helps",
    "goals": "My goals",
}


def goal_shown(domain: str, shared: frozenset[str] | set[str]) -> bool:
    """Whether a goal in this part of life is shown to someone the person shares `shared` with."""
    if life_part(domain) in shared:
        return True
    return "goals" in shared and domain not in SENSITIVE_DOMAINS


def narrowed(parts: list[str] | tuple[str, ...] | frozenset[str]) -> list[str]:
    """Choices made with the earlier parts, as today's parts (never more than their labels named)."""
    keys: set[str] = set()
    for part in parts:
        keys.update(EARLIER_PARTS.get(part, (part,)))
    return [key for key in SHAREABLE_PARTS if key in keys]


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
    "measures": frozenset({Part.MEASURES}),
    **{life_part(domain): frozenset({Part.PLAN, Part.GOALS}) for domain in LIFE_DOMAINS},
}
