"""The plan as it travels: a person's Living Well plan with no database behind it.

The passport is what moves between services and sites (relational rule 4): exported as a FHIR R4 Bundle
(`livingwell.plans.fhir`), printed, or imported at another Living Well site to start a plan without the
person telling their story again. It imports no Django, so the FHIR mapping can be read and tested alone.

Every text field is in the person's own words. Keys are stable identifiers of goals and people in the
circle within one site, so a bundle that comes back names the same things.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The life domains of the first conversation and of goals (relational rule 5: the whole person).
LIFE_DOMAINS: dict[str, str] = {
    "mental-health": "Mental health",
    "physical-health": "Physical health",
    "housing": "Housing",
    "money": "Money and benefits",
    "work-and-learning": "Work, learning and occupation",
    "relationships": "Relationships and family",
    "belonging": "Friends and belonging",
    "safety": "Safety",
    "substances": "Alcohol and drugs",
    "caring": "Caring for others",
}

# FHIR R4 Goal.lifecycleStatus (http://hl7.org/fhir/goal-status, required binding), with plain words.
GOAL_LIFECYCLE: dict[str, str] = {
    "proposed": "Suggested",
    "planned": "Planned",
    "accepted": "Agreed",
    "active": "Working on it",
    "on-hold": "On hold",
    "completed": "Done",
    "cancelled": "Stopped",
    "entered-in-error": "Added by mistake",
    "rejected": "Not wanted",
}

# FHIR R4 Goal.achievementStatus (http://terminology.hl7.org/CodeSystem/goal-achievement).
GOAL_ACHIEVEMENT: dict[str, str] = {
    "in-progress": "Getting there",
    "improving": "Getting better",
    "worsening": "Getting worse",
    "no-change": "No change",
    "achieved": "Achieved",
    "sustaining": "Keeping it up",
    "not-achieved": "Not achieved",
    "no-progress": "No progress",
    "not-attainable": "Not possible now",
}

# How someone in the circle is related to the person (HL7 v3 RoleCode, as FHIR RelatedPerson uses).
RELATIONSHIPS: dict[str, str] = {
    "MTH": "Mother",
    "FTH": "Father",
    "PRN": "Parent",
    "SPS": "Husband or wife",
    "DOMPART": "Partner",
    "CHILD": "Son or daughter",
    "SIB": "Brother or sister",
    "GRPRN": "Grandparent",
    "FAMMEMB": "Other family",
    "FRND": "Friend",
    "NBOR": "Neighbour",
    "ROOM": "Someone I live with",
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


@dataclass(frozen=True)
class PassportPerson:
    given_name: str
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""  # 10 digits passing Modulus 11, or "" when not known
    gender: str = "Z"  # NHS Data Dictionary person stated gender code (livingwell.people.codes)
    ethnic_category: str = "Z"  # NHS Data Dictionary ethnic category code (A to Z)
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    # Stable within a site like the other keys ("person-42"), FHIR id pattern; "" when not given. It keeps
    # one person's FHIR resources apart from another's when both come from the same site.
    key: str = ""


@dataclass(frozen=True)
class DomainEntry:
    """What the person said about one life domain at the first conversation (or since)."""

    domain: str  # a key of LIFE_DOMAINS
    how_things_are: str = ""  # needs and hopes, in their words
    what_has_helped: str = ""


@dataclass(frozen=True)
class PassportGoal:
    key: str  # stable within a site, FHIR id pattern [A-Za-z0-9-.]{1,64}
    description: str  # the person's own words
    domain: str  # a key of LIFE_DOMAINS
    lifecycle_status: str = "active"  # a key of GOAL_LIFECYCLE
    achievement_status: str = "in-progress"  # a key of GOAL_ACHIEVEMENT, or "" if not said
    start_date: dt.date | None = None


@dataclass(frozen=True)
class CircleMember:
    key: str  # stable within a site
    name: str
    relationship: str  # a key of RELATIONSHIPS
    is_carer: bool = False
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class TeamMember:
    """Someone on the person's team: the key worker and others who work with them."""

    name: str
    role: str  # in words, "Peer worker"
    is_key_worker: bool = False
    organisation: str = ""


@dataclass(frozen=True)
class Organisation:
    key: str  # stable within a site
    name: str
    ods_code: str = ""  # NHS Organisation Data Service code, where it has one


@dataclass(frozen=True)
class Sharing:
    """What the person lets one person in their circle, or one organisation, see."""

    recipient_kind: str  # "circle" or "organisation"
    recipient_key: str  # CircleMember.key or Organisation.key
    parts: frozenset[str] = frozenset()  # keys of SHAREABLE_PARTS; empty means nothing is shared


@dataclass(frozen=True)
class Passport:
    person: PassportPerson
    what_matters: str = ""
    strengths: str = ""
    what_helps: str = ""
    what_does_not_help: str = ""
    crisis_signs: str = ""
    crisis_what_i_can_do: str = ""
    crisis_who_to_contact: str = ""
    domains: tuple[DomainEntry, ...] = ()
    goals: tuple[PassportGoal, ...] = ()
    circle: tuple[CircleMember, ...] = ()
    team: tuple[TeamMember, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    sharing: tuple[Sharing, ...] = ()
    active: bool = True  # False once support has ended (the plan is kept for coming back)
    updated_at: dt.datetime | None = None  # timezone-aware
    version: int = 1
    site: str = field(default="https://livingwell.example")  # the site that wrote it, a URL
