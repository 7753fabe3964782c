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


@dataclass(frozen=True)
class PassportPerson:
    given_name: str
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""  # 10 digits passing Modulus 11, or "" when not known
    gender: str = "Z"  # NHS Data Dictionary person stated gender code (livingwell.codes.people)
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
