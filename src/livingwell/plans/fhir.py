"""The passport as a FHIR R4 Bundle, out and back in: `to_bundle(passport)` and `from_bundle(data)`.

Plain Python (no Django), so the mapping can be read and tested alone. `from_bundle(to_bundle(p)) == p` for
every passport that `passport_problems` finds nothing wrong with; `to_bundle` refuses any other passport
with `PassportError`, and `from_bundle` refuses a bundle it cannot read exactly with `BundleError`, listing
every problem it found in plain English ("Entry 3 (Goal goal-2): ..."; entries are counted from 1).

What maps to what (a Bundle of type `collection`, one entry per resource, in this order):

| passport | FHIR R4 | profile |
| --- | --- | --- |
| `site` | `Bundle.meta.source` | |
| `updated_at` | `CarePlan.meta.lastUpdated` (and `Bundle.timestamp`, `Consent.dateTime`) | |
| `version` | `CarePlan.meta.versionId` | |
| `person` | `Patient`: name, birthDate, telecom, address (text, lines, postalCode), NHS number identifier (`https://fhir.nhs.uk/Id/nhs-number`, only when known), administrative gender, the NHS Data Dictionary gender identity code in the R4 core `patient-genderIdentity` extension, ethnic category in `Extension-UKCore-EthnicCategory`; `person.key` as an identifier in the site's namespace (`{site}/Id/person`) | UKCore-Patient |
| `what_matters` | `CarePlan.description` | UKCore-CarePlan |
| strengths, what helps, what does not help, the three crisis sections | `CarePlan.note`, each tagged with the extension `{LIVING_WELL_FHIR}/StructureDefinition/plan-section` (a Coding of the `plan-section` CodeSystem) | |
| `domains` | `CarePlan.extension` `{LIVING_WELL_FHIR}/StructureDefinition/life-domain-entry` (complex: `domain`, `how-things-are`, `what-has-helped`), in order | |
| `active` | `CarePlan.status` `active` or `completed` (`CareTeam.status` `active` or `inactive`) | |
| `goals` | `Goal` (lifecycleStatus, achievementStatus, category = life domain, description.text, subject, expressedBy, startDate), listed in order in `CarePlan.goal` | base R4 (UK Core has no Goal profile) |
| `circle` | `RelatedPerson` (name.text, relationship in v3 RoleCode, telecom; a carer has a second relationship `Carer` from UK Core's AdditionalPersonRelationshipRole) | UKCore-RelatedPerson |
| `team` | `CareTeam.participant`: member and onBehalfOf as display-only references, role text; the key worker has a second role coded `key-worker`. Carers join as participants referencing their RelatedPerson (read back from the circle, not from here) | UKCore-CareTeam |
| `organisations` | `Organization` (name, ODS code identifier `https://fhir.nhs.uk/Id/ods-organization-code`) | UKCore-Organization |
| `sharing` | one `Consent` (scope `patient-privacy`, category LOINC 59284-0, policyRule v3 ActCode `OPTIN`): the base provision denies, and each recipient has a nested provision, `permit` with the shared parts as `code`s of the `record-part` CodeSystem, or `deny` when nothing is shared; the actor has role `IRCP` | UKCore-Consent |

The CarePlan that is the Living Well plan carries the category `{LIVING_WELL_FHIR}/CodeSystem/plan-kind#living-well-plan`.
Every free-text section is also in the CarePlan's generated narrative, with headings, so a system that knows
nothing of Living Well can show the whole plan; the goals' words are in `Goal.description.text`.

Resource ids come from the keys (goal, circle and organisation keys; `person.key` or "person" for the
Patient; "plan", "team" and "sharing" for the rest). fullUrls are `urn:uuid:` UUID5s of the site, the
resource type, the person's key and the id, so they are the same on every export. Give `person.key`: without
it, two people's bundles from one site share fullUrls for their Patient, CarePlan, CareTeam and Consent.

Reading a bundle (`from_bundle`): each Patient, CarePlan, CareTeam, Goal, RelatedPerson, Organization and
Consent is validated with its fhir.resources R4B model, and the Bundle itself without them; then every code
is checked by hand (fhir.resources does not enforce code values) against the tables in `passport` and
`codes.people` and the FHIR R4 required value sets, every reference must resolve to an entry (by fullUrl, or
`Type/id`), there must be exactly one Patient (with a given name) and one Living Well CarePlan, NHS numbers
must pass Modulus 11, and dates must be sane: born from 1890 to today, goals started from 1900 (and not before
the birth date) to five years ahead, updated from 2000 to a day ahead (clock skew). Tolerated and ignored,
since another site may send more than a passport: other FHIR resource types, CarePlans without the Living
Well category, Consents of another scope, notes and extensions we do not know. Refused: a resource type FHIR
does not have, and a Goal or CareTeam the plan does not list (so that nothing the person said is dropped
silently). `to_bundle` builds plain dicts and does not run the fhir.resources models, which cost about ten
times the export itself; the tests run them on every bundle exported.

Checked against NHS Digital's UK Core R4 sources (the FHIR-R4-UKCORE-STAGING-MAIN repository) while writing:
the six UKCore profile URLs above exist and no UKCore-Goal does; `Extension-UKCore-EthnicCategory` binds
`ValueSet/UKCore-EthnicCategory`, which draws on `CodeSystem/UKCore-EthnicCategoryEngland` whose codes (A to
S, Z, 99) are exactly `livingwell.codes.people.ETHNIC_CATEGORIES`; `UKCore-AdditionalPersonRelationshipRole`
has the code `Carer`. Not checked offline: the v3 RoleCode, v3 ActCode, goal-achievement and consentscope
display strings (written from memory of the R4 code systems; LOINC 59284-0 is sent with no display), that
UK Core's relationship value
set takes the Carer code on RelatedPerson (its CodeSystem was seen, the ValueSet composition was not), and
whether any official FHIR CodeSystem exists for the NHS Data Dictionary GENDER IDENTITY CODE (none was found,
so `{LIVING_WELL_FHIR}/CodeSystem/nhs-gender-identity` names it). The Living Well URLs are our own names:
nothing is published at them yet.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES, nhs_number_is_valid
from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS, RELATIONSHIPS
from livingwell.codes.record import EARLIER_PARTS, SHAREABLE_PARTS
from livingwell.core.text import PROBLEM, can_be_saved
from livingwell.plans.passport import (
    CircleMember,
    DomainEntry,
    Organisation,
    Passport,
    PassportGoal,
    PassportPerson,
    Sharing,
    TeamMember,
)

LIVING_WELL_FHIR: Final = "https://fhir.livingwell.org.uk"

# UK Core profiles (HL7 UK, FHIR R4).
_UK_CORE: Final = "https://fhir.hl7.org.uk/StructureDefinition"
PROFILE_PATIENT: Final = f"{_UK_CORE}/UKCore-Patient"
PROFILE_RELATED_PERSON: Final = f"{_UK_CORE}/UKCore-RelatedPerson"
PROFILE_CARE_PLAN: Final = f"{_UK_CORE}/UKCore-CarePlan"
PROFILE_CARE_TEAM: Final = f"{_UK_CORE}/UKCore-CareTeam"
PROFILE_ORGANIZATION: Final = f"{_UK_CORE}/UKCore-Organization"
PROFILE_CONSENT: Final = f"{_UK_CORE}/UKCore-Consent"

# Identifier systems.
NHS_NUMBER_SYSTEM: Final = "https://fhir.nhs.uk/Id/nhs-number"
ODS_CODE_SYSTEM: Final = "https://fhir.nhs.uk/Id/ods-organization-code"

# Extensions.
EXT_ETHNIC_CATEGORY: Final = f"{_UK_CORE}/Extension-UKCore-EthnicCategory"
EXT_GENDER_IDENTITY: Final = "http://hl7.org/fhir/StructureDefinition/patient-genderIdentity"
EXT_PLAN_SECTION: Final = f"{LIVING_WELL_FHIR}/StructureDefinition/plan-section"
EXT_LIFE_DOMAIN_ENTRY: Final = f"{LIVING_WELL_FHIR}/StructureDefinition/life-domain-entry"

# Code systems.
CS_ETHNIC_CATEGORY: Final = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland"
CS_GENDER_IDENTITY: Final = f"{LIVING_WELL_FHIR}/CodeSystem/nhs-gender-identity"
CS_ROLE_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
CS_PERSON_RELATIONSHIP_ROLE: Final = (
    "https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole"
)
CS_GOAL_ACHIEVEMENT: Final = "http://terminology.hl7.org/CodeSystem/goal-achievement"
CS_CONSENT_SCOPE: Final = "http://terminology.hl7.org/CodeSystem/consentscope"
CS_ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CS_PARTICIPATION_TYPE: Final = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
CS_LOINC: Final = "http://loinc.org"
CS_LIFE_DOMAIN: Final = f"{LIVING_WELL_FHIR}/CodeSystem/life-domain"
CS_PLAN_KIND: Final = f"{LIVING_WELL_FHIR}/CodeSystem/plan-kind"
CS_PLAN_SECTION: Final = f"{LIVING_WELL_FHIR}/CodeSystem/plan-section"
CS_TEAM_ROLE: Final = f"{LIVING_WELL_FHIR}/CodeSystem/team-role"
CS_RECORD_PART: Final = f"{LIVING_WELL_FHIR}/CodeSystem/record-part"

LIVING_WELL_PLAN: Final = "living-well-plan"
KEY_WORKER: Final = "key-worker"
CARER: Final = "Carer"
CONSENT_CATEGORY: Final = "59284-0"  # LOINC: Patient consent

# The plan's free-text sections other than what matters: code -> (Passport attribute, heading).
PLAN_SECTIONS: Final[dict[str, tuple[str, str]]] = {
    "strengths": ("strengths", "My strengths"),
    "what-helps": ("what_helps", "What helps me"),
    "what-does-not-help": ("what_does_not_help", "What does not help me"),
    "crisis-signs": ("crisis_signs", "Signs that I may be heading for a crisis"),
    "crisis-what-i-can-do": ("crisis_what_i_can_do", "What I can do in a crisis"),
    "crisis-who-to-contact": ("crisis_who_to_contact", "Who to contact in a crisis"),
}

# NHS Data Dictionary GENDER IDENTITY CODE -> FHIR administrative gender, and back for senders that
# give only the administrative gender ("other" could be 3 or 4: it becomes 4, "Other (not listed)").
ADMINISTRATIVE_GENDER: Final[dict[str, str]] = {
    "1": "male",
    "2": "female",
    "3": "other",
    "4": "other",
    "X": "unknown",
    "Z": "unknown",
}
_GENDER_FROM_ADMINISTRATIVE: Final = {"male": "1", "female": "2", "other": "4", "unknown": "X"}

# HL7 v3 RoleCode display names of the relationships we record.
_ROLE_CODE_DISPLAY: Final = {
    "MTH": "mother",
    "FTH": "father",
    "PRN": "parent",
    "SPS": "spouse",
    "DOMPART": "domestic partner",
    "CHILD": "child",
    "SIB": "sibling",
    "GRPRN": "grandparent",
    "FAMMEMB": "family member",
    "FRND": "unrelated friend",
    "NBOR": "neighbor",
    "ROOM": "Roommate",
}

# FHIR R4 goal-achievement display names.
_ACHIEVEMENT_DISPLAY: Final = {
    "in-progress": "In Progress",
    "improving": "Improving",
    "worsening": "Worsening",
    "no-change": "No Change",
    "achieved": "Achieved",
    "sustaining": "Sustaining",
    "not-achieved": "Not Achieved",
    "no-progress": "No Progress",
    "not-attainable": "Not Attainable",
}

# FHIR R4 required bindings that fhir.resources does not enforce, for the elements we read or write.
_ADMINISTRATIVE_GENDERS: Final = frozenset({"male", "female", "other", "unknown"})
_CARE_PLAN_STATUSES: Final = frozenset(
    {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
)
_CARE_PLAN_INTENTS: Final = frozenset({"proposal", "plan", "order", "option"})
_CARE_TEAM_STATUSES: Final = frozenset(
    {"proposed", "active", "suspended", "inactive", "entered-in-error"}
)
_CONSENT_STATES: Final = frozenset(
    {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
)
_PROVISION_TYPES: Final = frozenset({"deny", "permit"})
_BUNDLE_TYPES: Final = frozenset(
    {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    }
)
_CONTACT_POINT_SYSTEMS: Final = frozenset({"phone", "fax", "email", "pager", "url", "sms", "other"})
_CONTACT_POINT_USES: Final = frozenset({"home", "work", "temp", "old", "mobile"})
_NAME_USES: Final = frozenset(
    {"usual", "official", "temp", "nickname", "anonymous", "old", "maiden"}
)
_ADDRESS_USES: Final = frozenset({"home", "work", "temp", "old", "billing"})
_ADDRESS_TYPES: Final = frozenset({"postal", "physical", "both"})
_IDENTIFIER_USES: Final = frozenset({"usual", "official", "temp", "secondary", "old"})
_NARRATIVE_STATUSES: Final = frozenset({"generated", "extensions", "additional", "empty"})

# The resource types a passport is made of; a bundle's other resources are ignored.
_DOMAIN_ENTRY_PARTS: Final = ("domain", "how-things-are", "what-has-helped")
_USED_TYPES: Final = frozenset(
    {"Patient", "CarePlan", "CareTeam", "Goal", "RelatedPerson", "Organization", "Consent"}
)

_FHIR_ID: Final = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_NHS_NUMBER: Final = re.compile(r"[0-9]{10}")
_FULL_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_VERSION: Final = re.compile(r"[0-9]{1,18}")
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# What counts as a sane date.
EARLIEST_BIRTH_DATE: Final = dt.date(1890, 1, 1)
EARLIEST_GOAL_START: Final = dt.date(1900, 1, 1)
GOAL_START_YEARS_AHEAD: Final = 5
EARLIEST_UPDATE: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
UPDATE_CLOCK_SKEW: Final = dt.timedelta(days=1)


class PassportError(ValueError):
    """A passport that cannot be exported as it stands: `problems` says why, each in plain English."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


class BundleError(ValueError):
    """A bundle that cannot be read as a passport: `problems` lists everything found wrong with it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


# ---------------------------------------------------------------------------------------------------
# What a valid passport is
# ---------------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _latest_goal_start() -> dt.date:
    today = _today()
    return today.replace(year=today.year + GOAL_START_YEARS_AHEAD, day=min(today.day, 28))


def _text_problem(value: str) -> str | None:
    """FHIR strings may not be empty (we leave those out) nor only spaces."""
    if value and not value.strip():
        return "is only spaces"
    return None


def passport_problems(passport: Passport) -> list[str]:
    """Everything that stops a passport from making a valid bundle that reads back the same."""
    problems: list[str] = []
    person = passport.person

    texts: list[tuple[str, str]] = [
        ("The person's given name", person.given_name),
        ("The person's family name", person.family_name),
        ("The person's phone number", person.phone),
        ("The person's email address", person.email),
        ("The person's address", person.address),
        ("The person's postcode", person.postcode),
        ("What matters", passport.what_matters),
    ]
    texts += [(heading, getattr(passport, attr)) for attr, heading in PLAN_SECTIONS.values()]
    if not person.given_name.strip():
        problems.append("The person has no given name")
    if person.key and not _FHIR_ID.fullmatch(person.key):
        problems.append(f"The person's key {person.key!r} is not a FHIR id")
    if person.nhs_number:
        problem = _nhs_number_problem(person.nhs_number)
        if problem:
            problems.append(f"The person's {problem}")
    if person.gender not in GENDER_IDENTITIES:
        problems.append(f"The person's gender {person.gender!r} is not an NHS gender identity code")
    if person.ethnic_category not in ETHNIC_CATEGORIES:
        problems.append(
            f"The person's ethnic category {person.ethnic_category!r} is not an NHS ethnic category"
        )
    if person.date_of_birth is not None:
        problem = _birth_date_problem(person.date_of_birth)
        if problem:
            problems.append(f"The person's date of birth {problem}")

    seen_domains: set[str] = set()
    for entry in passport.domains:
        where = f"Life domain {entry.domain!r}"
        if entry.domain not in LIFE_DOMAINS:
            problems.append(f"{where} is not a Living Well life domain")
        if entry.domain in seen_domains:
            problems.append(f"{where} is there more than once")
        seen_domains.add(entry.domain)
        texts += [(f"{where}: how things are", entry.how_things_are)]
        texts += [(f"{where}: what has helped", entry.what_has_helped)]

    goal_keys: set[str] = set()
    for goal in passport.goals:
        where = f"Goal {goal.key}"
        problems += _key_problems(where, goal.key, goal_keys)
        if not goal.description.strip():
            problems.append(f"{where} has no description")
        if goal.domain not in LIFE_DOMAINS:
            problems.append(f"{where}: the domain {goal.domain!r} is not a Living Well life domain")
        if goal.lifecycle_status not in GOAL_LIFECYCLE:
            problems.append(
                f"{where}: lifecycle status {goal.lifecycle_status!r} is not a FHIR goal status"
            )
        if goal.achievement_status and goal.achievement_status not in GOAL_ACHIEVEMENT:
            problems.append(
                f"{where}: achievement status {goal.achievement_status!r}"
                " is not a FHIR goal achievement status"
            )
        if goal.start_date is not None:
            problem = _goal_start_problem(goal.start_date, person.date_of_birth)
            if problem:
                problems.append(f"{where}: the start date {problem}")

    circle_keys: set[str] = set()
    for member in passport.circle:
        where = f"Circle member {member.key}"
        problems += _key_problems(where, member.key, circle_keys)
        if not member.name.strip():
            problems.append(f"{where} has no name")
        if member.relationship not in RELATIONSHIPS:
            problems.append(
                f"{where}: the relationship {member.relationship!r} is not one Living Well records"
            )
        texts += [(f"{where}'s phone number", member.phone), (f"{where}'s email", member.email)]

    for number, team_member in enumerate(passport.team, start=1):
        where = f"Team member {number}"
        if not team_member.name.strip():
            problems.append(f"{where} has no name")
        texts += [
            (f"{where}'s role", team_member.role),
            (f"{where}'s organisation", team_member.organisation),
        ]

    organisation_keys: set[str] = set()
    for organisation in passport.organisations:
        where = f"Organisation {organisation.key}"
        problems += _key_problems(where, organisation.key, organisation_keys)
        if not organisation.name.strip():
            problems.append(f"{where} has no name")
        texts += [(f"{where}'s ODS code", organisation.ods_code)]

    recipients: set[tuple[str, str]] = set()
    for sharing in passport.sharing:
        where = f"Sharing with {sharing.recipient_kind} {sharing.recipient_key}"
        if sharing.recipient_kind == "circle":
            if sharing.recipient_key not in circle_keys:
                problems.append(f"{where}: there is no one in the circle with that key")
        elif sharing.recipient_kind == "organisation":
            if sharing.recipient_key not in organisation_keys:
                problems.append(f"{where}: there is no organisation with that key")
        else:
            problems.append(f"{where}: the kind of recipient must be 'circle' or 'organisation'")
        if (sharing.recipient_kind, sharing.recipient_key) in recipients:
            problems.append(f"{where} is there more than once")
        recipients.add((sharing.recipient_kind, sharing.recipient_key))
        unknown = sorted(part for part in sharing.parts if part not in SHAREABLE_PARTS)
        if unknown:
            problems.append(f"{where}: {', '.join(map(repr, unknown))} cannot be shared")

    if passport.updated_at is not None:
        problem = _updated_at_problem(passport.updated_at)
        if problem:
            problems.append(f"The time the plan was updated {problem}")
    if passport.version < 0:
        problems.append(f"The plan's version {passport.version} is below 0")
    if not re.fullmatch(r"https?://\S+", passport.site):
        problems.append(f"The site {passport.site!r} is not an http(s) URL")

    for what, value in texts:
        problem = _text_problem(value)
        if problem:
            problems.append(f"{what} {problem}")
    return problems


def _key_problems(where: str, key: str, seen: set[str]) -> list[str]:
    problems = []
    if not _FHIR_ID.fullmatch(key):
        problems.append(f"{where}: the key {key!r} is not a FHIR id (letters, digits, - and .)")
    if key in seen:
        problems.append(f"{where}: the key is used more than once")
    seen.add(key)
    return problems


def _nhs_number_problem(value: str) -> str | None:
    if not _NHS_NUMBER.fullmatch(value):
        return f"NHS number {value!r} is not 10 digits"
    if not nhs_number_is_valid(value):
        return f"NHS number {value!r} does not pass the Modulus 11 check"
    return None


def _birth_date_problem(value: dt.date) -> str | None:
    if value > _today():
        return f"{value.isoformat()} is in the future"
    if value < EARLIEST_BIRTH_DATE:
        return f"{value.isoformat()} is before {EARLIEST_BIRTH_DATE.isoformat()}"
    return None


def _goal_start_problem(value: dt.date, born: dt.date | None) -> str | None:
    if value < EARLIEST_GOAL_START:
        return f"{value.isoformat()} is before {EARLIEST_GOAL_START.isoformat()}"
    if born is not None and value < born:
        return f"{value.isoformat()} is before the person was born"
    if value > _latest_goal_start():
        return f"{value.isoformat()} is more than {GOAL_START_YEARS_AHEAD} years ahead"
    return None


def _updated_at_problem(value: dt.datetime) -> str | None:
    if value.tzinfo is None or value.utcoffset() is None:
        return "has no time zone"
    if value < EARLIEST_UPDATE:
        return f"{value.isoformat()} is before {EARLIEST_UPDATE.date().isoformat()}"
    if value > dt.datetime.now(dt.UTC) + UPDATE_CLOCK_SKEW:
        return f"{value.isoformat()} is in the future"
    return None


# ---------------------------------------------------------------------------------------------------
# Out: passport -> bundle
# ---------------------------------------------------------------------------------------------------


def _instant(value: dt.datetime) -> str:
    """A FHIR instant, keeping the offset unless it has seconds (which FHIR cannot write)."""
    offset = value.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        value = value.astimezone(dt.UTC)
    return value.isoformat()


def _person_key_system(site: str) -> str:
    return f"{site.rstrip('/')}/Id/person"


def _coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def _telecom(phone: str, email: str) -> list[dict[str, str]]:
    telecom = []
    if phone:
        telecom.append({"system": "phone", "value": phone})
    if email:
        telecom.append({"system": "email", "value": email})
    return telecom


def _xhtml(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text), quote=False).replace("\n", "<br/>")


def _plan_narrative(passport: Passport) -> str:
    name = " ".join(filter(None, (passport.person.given_name, passport.person.family_name)))
    parts = [
        '<div xmlns="http://www.w3.org/1999/xhtml">',
        f"<h1>{_xhtml(name)}: Living Well plan</h1>",
    ]
    if not passport.active:
        parts.append("<p>Support has ended; the plan is kept for coming back.</p>")
    sections = [("What matters to me", passport.what_matters)]
    sections += [(heading, getattr(passport, attr)) for attr, heading in PLAN_SECTIONS.values()]
    for heading, text in sections:
        if text:
            parts.append(f"<h2>{_xhtml(heading)}</h2><p>{_xhtml(text)}</p>")
    if passport.domains:
        parts.append("<h2>My life</h2>")
        for entry in passport.domains:
            parts.append(f"<h3>{_xhtml(LIFE_DOMAINS[entry.domain])}</h3>")
            if entry.how_things_are:
                parts.append(f"<p>How things are: {_xhtml(entry.how_things_are)}</p>")
            if entry.what_has_helped:
                parts.append(f"<p>What has helped: {_xhtml(entry.what_has_helped)}</p>")
    if passport.goals:
        parts.append("<h2>My goals</h2><ul>")
        for goal in passport.goals:
            status = GOAL_LIFECYCLE[goal.lifecycle_status]
            parts.append(f"<li>{_xhtml(goal.description)} ({_xhtml(status)})</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def to_bundle(passport: Passport) -> dict[str, Any]:
    """The passport as a FHIR R4 collection Bundle (a JSON-ready dict); `PassportError` if it is invalid."""
    problems = passport_problems(passport)
    if problems:
        raise PassportError(problems)

    site = passport.site
    person = passport.person
    person_key = person.key

    def full_url(resource_type: str, resource_id: str) -> str:
        name = f"{site}|{resource_type}|{person_key}|{resource_id}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    patient_url = full_url("Patient", person_key or "person")
    entries: list[dict[str, Any]] = []

    def add(resource: dict[str, Any]) -> str:
        url = full_url(resource["resourceType"], resource["id"])
        entries.append({"fullUrl": url, "resource": resource})
        return url

    add(_patient(passport, _person_key_system(site)))
    circle_urls = {member.key: full_url("RelatedPerson", member.key) for member in passport.circle}
    organisation_urls = {
        organisation.key: full_url("Organization", organisation.key)
        for organisation in passport.organisations
    }
    goal_urls = [full_url("Goal", goal.key) for goal in passport.goals]
    carers = [member for member in passport.circle if member.is_carer]
    team_url = full_url("CareTeam", "team") if passport.team or carers else None

    add(_care_plan(passport, patient_url, goal_urls, team_url))
    if team_url is not None:
        add(_care_team(passport, patient_url, carers, circle_urls))
    for goal in passport.goals:
        add(_goal(goal, patient_url))
    for member in passport.circle:
        add(_related_person(member, patient_url))
    for organisation in passport.organisations:
        add(_organization(organisation))
    add(_consent(passport, patient_url, circle_urls, organisation_urls))

    bundle_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{site}|Bundle|{person_key}|{passport.version}")
    timestamp = passport.updated_at or dt.datetime.now(dt.UTC)
    return {
        "resourceType": "Bundle",
        "id": str(bundle_id),
        "meta": {"source": site},
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{bundle_id}"},
        "type": "collection",
        "timestamp": _instant(timestamp),
        "entry": entries,
    }


def _patient(passport: Passport, person_key_system: str) -> dict[str, Any]:
    person = passport.person
    identifier = []
    if person.key:
        identifier.append({"system": person_key_system, "value": person.key})
    if person.nhs_number:
        identifier.append({"system": NHS_NUMBER_SYSTEM, "value": person.nhs_number})
    name: dict[str, Any] = {
        "text": " ".join(filter(None, (person.given_name, person.family_name))),
        "given": [person.given_name],
    }
    if person.family_name:
        name["family"] = person.family_name
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": person.key or "person",
        "meta": {"profile": [PROFILE_PATIENT]},
        "extension": [
            {
                "url": EXT_ETHNIC_CATEGORY,
                "valueCodeableConcept": {
                    "coding": [
                        _coding(
                            CS_ETHNIC_CATEGORY,
                            person.ethnic_category,
                            ETHNIC_CATEGORIES[person.ethnic_category],
                        )
                    ]
                },
            },
            {
                "url": EXT_GENDER_IDENTITY,
                "valueCodeableConcept": {
                    "coding": [
                        _coding(CS_GENDER_IDENTITY, person.gender, GENDER_IDENTITIES[person.gender])
                    ],
                    "text": GENDER_IDENTITIES[person.gender],
                },
            },
        ],
    }
    if identifier:
        patient["identifier"] = identifier
    patient["name"] = [name]
    telecom = _telecom(person.phone, person.email)
    if telecom:
        patient["telecom"] = telecom
    patient["gender"] = ADMINISTRATIVE_GENDER[person.gender]
    if person.date_of_birth is not None:
        patient["birthDate"] = person.date_of_birth.isoformat()
    if person.address or person.postcode:
        address: dict[str, Any] = {"use": "home"}
        if person.address:
            address["text"] = person.address
            lines = [line.strip() for line in person.address.splitlines() if line.strip()]
            if lines:
                address["line"] = lines
        if person.postcode:
            address["postalCode"] = person.postcode
        patient["address"] = [address]
    return patient


def _care_plan(
    passport: Passport, patient_url: str, goal_urls: list[str], team_url: str | None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"profile": [PROFILE_CARE_PLAN], "versionId": str(passport.version)}
    if passport.updated_at is not None:
        meta["lastUpdated"] = _instant(passport.updated_at)
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": "plan",
        "meta": meta,
        "text": {"status": "generated", "div": _plan_narrative(passport)},
    }
    domain_entries = []
    for entry in passport.domains:
        parts: list[dict[str, Any]] = [
            {
                "url": "domain",
                "valueCoding": _coding(CS_LIFE_DOMAIN, entry.domain, LIFE_DOMAINS[entry.domain]),
            }
        ]
        if entry.how_things_are:
            parts.append({"url": "how-things-are", "valueString": entry.how_things_are})
        if entry.what_has_helped:
            parts.append({"url": "what-has-helped", "valueString": entry.what_has_helped})
        domain_entries.append({"url": EXT_LIFE_DOMAIN_ENTRY, "extension": parts})
    if domain_entries:
        plan["extension"] = domain_entries
    plan["status"] = "active" if passport.active else "completed"
    plan["intent"] = "plan"
    plan["category"] = [
        {
            "coding": [_coding(CS_PLAN_KIND, LIVING_WELL_PLAN, "Living Well plan")],
            "text": "Living Well plan",
        }
    ]
    plan["title"] = "Living Well plan"
    if passport.what_matters:
        plan["description"] = passport.what_matters
    plan["subject"] = {"reference": patient_url}
    if team_url is not None:
        plan["careTeam"] = [{"reference": team_url}]
    if goal_urls:
        plan["goal"] = [{"reference": url} for url in goal_urls]
    notes = []
    for code, (attr, heading) in PLAN_SECTIONS.items():
        text = getattr(passport, attr)
        if text:
            notes.append(
                {
                    "extension": [
                        {
                            "url": EXT_PLAN_SECTION,
                            "valueCoding": _coding(CS_PLAN_SECTION, code, heading),
                        }
                    ],
                    "text": text,
                }
            )
    if notes:
        plan["note"] = notes
    return plan


def _care_team(
    passport: Passport,
    patient_url: str,
    carers: list[CircleMember],
    circle_urls: dict[str, str],
) -> dict[str, Any]:
    participants = []
    for member in passport.team:
        roles: list[dict[str, Any]] = []
        if member.role:
            roles.append({"text": member.role})
        if member.is_key_worker:
            roles.append(
                {"coding": [_coding(CS_TEAM_ROLE, KEY_WORKER, "Key worker")], "text": "Key worker"}
            )
        participant: dict[str, Any] = {}
        if roles:
            participant["role"] = roles
        participant["member"] = {"display": member.name}
        if member.organisation:
            participant["onBehalfOf"] = {"display": member.organisation}
        participants.append(participant)
    for carer in carers:
        participants.append(
            {
                "role": [
                    {
                        "coding": [_coding(CS_PERSON_RELATIONSHIP_ROLE, CARER, "Carer of patient")],
                        "text": "Carer",
                    }
                ],
                "member": {"reference": circle_urls[carer.key], "display": carer.name},
            }
        )
    return {
        "resourceType": "CareTeam",
        "id": "team",
        "meta": {"profile": [PROFILE_CARE_TEAM]},
        "status": "active" if passport.active else "inactive",
        "name": "Living Well team",
        "subject": {"reference": patient_url},
        "participant": participants,
    }


def _goal(goal: PassportGoal, patient_url: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Goal",
        "id": goal.key,
        "lifecycleStatus": goal.lifecycle_status,
    }
    if goal.achievement_status:
        resource["achievementStatus"] = {
            "coding": [
                _coding(
                    CS_GOAL_ACHIEVEMENT,
                    goal.achievement_status,
                    _ACHIEVEMENT_DISPLAY[goal.achievement_status],
                )
            ],
            "text": GOAL_ACHIEVEMENT[goal.achievement_status],
        }
    resource["category"] = [
        {
            "coding": [_coding(CS_LIFE_DOMAIN, goal.domain, LIFE_DOMAINS[goal.domain])],
            "text": LIFE_DOMAINS[goal.domain],
        }
    ]
    resource["description"] = {"text": goal.description}
    resource["subject"] = {"reference": patient_url}
    if goal.start_date is not None:
        resource["startDate"] = goal.start_date.isoformat()
    resource["expressedBy"] = {"reference": patient_url}
    return resource


def _related_person(member: CircleMember, patient_url: str) -> dict[str, Any]:
    # A carer keeps their family relationship and gains a second one, "Carer" from UK Core's
    # AdditionalPersonRelationshipRole: RelatedPerson.relationship is a list of concepts, UK Core's own
    # code system has the code, and a UK system that knows nothing of Living Well reads it as meant.
    relationships: list[dict[str, Any]] = [
        {
            "coding": [
                _coding(CS_ROLE_CODE, member.relationship, _ROLE_CODE_DISPLAY[member.relationship])
            ],
            "text": RELATIONSHIPS[member.relationship],
        }
    ]
    if member.is_carer:
        relationships.append(
            {
                "coding": [_coding(CS_PERSON_RELATIONSHIP_ROLE, CARER, "Carer of patient")],
                "text": "Carer",
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "RelatedPerson",
        "id": member.key,
        "meta": {"profile": [PROFILE_RELATED_PERSON]},
        "patient": {"reference": patient_url},
        "relationship": relationships,
        "name": [{"text": member.name}],
    }
    telecom = _telecom(member.phone, member.email)
    if telecom:
        resource["telecom"] = telecom
    return resource


def _organization(organisation: Organisation) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": organisation.key,
        "meta": {"profile": [PROFILE_ORGANIZATION]},
    }
    if organisation.ods_code:
        resource["identifier"] = [{"system": ODS_CODE_SYSTEM, "value": organisation.ods_code}]
    resource["active"] = True
    resource["name"] = organisation.name
    return resource


def _consent(
    passport: Passport,
    patient_url: str,
    circle_urls: dict[str, str],
    organisation_urls: dict[str, str],
) -> dict[str, Any]:
    names = {member.key: member.name for member in passport.circle}
    organisation_names = {org.key: org.name for org in passport.organisations}
    provisions = []
    for sharing in passport.sharing:
        if sharing.recipient_kind == "circle":
            actor_ref = {
                "reference": circle_urls[sharing.recipient_key],
                "display": names[sharing.recipient_key],
            }
        else:
            actor_ref = {
                "reference": organisation_urls[sharing.recipient_key],
                "display": organisation_names[sharing.recipient_key],
            }
        provision: dict[str, Any] = {
            "type": "permit" if sharing.parts else "deny",
            "actor": [
                {
                    "role": {
                        "coding": [_coding(CS_PARTICIPATION_TYPE, "IRCP", "information recipient")]
                    },
                    "reference": actor_ref,
                }
            ],
        }
        if sharing.parts:
            provision["code"] = [
                {"coding": [_coding(CS_RECORD_PART, part, label)], "text": label}
                for part, label in SHAREABLE_PARTS.items()
                if part in sharing.parts
            ]
        provisions.append(provision)
    consent: dict[str, Any] = {
        "resourceType": "Consent",
        "id": "sharing",
        "meta": {"profile": [PROFILE_CONSENT]},
        "status": "active",
        "scope": {
            "coding": [_coding(CS_CONSENT_SCOPE, "patient-privacy", "Privacy Consent")],
            "text": "What the person shares, and with whom",
        },
        "category": [{"coding": [{"system": CS_LOINC, "code": CONSENT_CATEGORY}]}],
        "patient": {"reference": patient_url},
    }
    if passport.updated_at is not None:
        consent["dateTime"] = _instant(passport.updated_at)
    consent["performer"] = [{"reference": patient_url}]
    consent["policyRule"] = {
        "coding": [_coding(CS_ACT_CODE, "OPTIN", "opt-in")],
        "text": "Nothing is shared unless the person has chosen to share it",
    }
    base: dict[str, Any] = {"type": "deny"}
    if provisions:
        base["provision"] = provisions
    consent["provision"] = base
    return consent


# ---------------------------------------------------------------------------------------------------
# In: bundle -> passport
# ---------------------------------------------------------------------------------------------------


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _codings(concept: object) -> list[dict[str, Any]]:
    return [c for c in _list(_dict(concept).get("coding")) if isinstance(c, dict)]


def _codes(concept: object, system: str) -> list[str]:
    return [_str(c.get("code")) for c in _codings(concept) if c.get("system") == system]


def _extensions(element: object, url: str) -> list[dict[str, Any]]:
    return [
        e
        for e in _list(_dict(element).get("extension"))
        if isinstance(e, dict) and e.get("url") == url
    ]


def _references(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every Reference.reference in a resource, with where it is."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield path, item
            elif key != "contained":
                yield from _references(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _references(item, f"{path}[{number}]")


def _explain(error: Any, resource_type: str) -> str:
    """A pydantic error as a sentence."""
    loc = [part for part in error.get("loc", ()) if part != "root"]
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = str(error.get("type", ""))
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return f"{path!r} is not an element of a FHIR R4 {resource_type}"
    if kind in {"missing", "model_field_validation.missing"}:
        return f"{path or 'a required element'} is missing"
    if kind == "string_pattern_mismatch":
        value = repr(error.get("input"))
        value = value if len(value) <= 40 else f"{value[:37]}..."
        return f"{path}: {value} is not a value FHIR allows here (empty or badly formed)"
    return f"{path}: {message}" if path else message


def _is_fhir_type(resource_type: str) -> bool:
    try:
        get_fhir_model_class(resource_type)
    except Exception:
        return False
    return True


@dataclass
class _Entry:
    number: int  # counted from 1
    full_url: str
    resource_type: str
    resource: dict[str, Any]
    valid: bool = True

    @property
    def id(self) -> str:
        return _str(self.resource.get("id"))

    @property
    def where(self) -> str:
        name = f"{self.resource_type} {self.id}".strip()
        return f"Entry {self.number} ({name})"


@dataclass
class _Reader:
    """Reads one bundle, gathering every problem before giving up."""

    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    by_url: dict[str, _Entry] = field(default_factory=dict)
    by_type_and_id: dict[str, _Entry] = field(default_factory=dict)
    site: str = ""
    patient: _Entry | None = None

    def problem(self, message: str) -> None:
        self.problems.append(message)

    # The bundle and its entries --------------------------------------------------------------------

    def read(self) -> Passport:
        self.check_bundle()
        self.collect_entries()
        self.check_references()
        passport = self.read_passport()
        if self.problems or passport is None:
            raise BundleError(self.problems or ["The bundle could not be read"])
        # A final net: the passport read must itself be valid (duplicate keys and the like).
        problems = passport_problems(passport)
        if problems:
            raise BundleError(problems)
        return passport

    def check_bundle(self) -> None:
        shell = dict(self.data)
        if isinstance(shell.get("entry"), list):
            shell["entry"] = [
                {k: v for k, v in e.items() if k != "resource"} if isinstance(e, dict) else e
                for e in shell["entry"]
            ]
        try:
            Bundle.model_validate(shell)
        except ValidationError as error:
            for detail in error.errors():
                loc = detail.get("loc", ())
                if len(loc) >= 2 and loc[0] == "entry" and isinstance(loc[1], int):
                    rest = dict(detail, loc=loc[2:])
                    self.problem(f"Entry {loc[1] + 1}: {_explain(rest, 'Bundle entry')}")
                else:
                    self.problem(f"Bundle: {_explain(detail, 'Bundle')}")
        except Exception as error:  # fhir.resources can raise other errors on odd input
            self.problem(f"Bundle: could not be read ({error})")
        bundle_type = self.data.get("type")
        if isinstance(bundle_type, str) and bundle_type != "collection":
            if bundle_type in _BUNDLE_TYPES:
                self.problem(f"Bundle: type is {bundle_type!r}; a passport is a 'collection'")
            else:
                self.problem(f"Bundle: type {bundle_type!r} is not a FHIR bundle type")
        self.site = _str(_dict(self.data.get("meta")).get("source"))
        if not self.site:
            self.problem("Bundle: meta.source (the site that wrote the passport) is missing")

    def collect_entries(self) -> None:
        for number, item in enumerate(_list(self.data.get("entry")), start=1):
            if not isinstance(item, dict):
                continue  # the Bundle's own validation has said so
            resource = item.get("resource")
            if not isinstance(resource, dict):
                self.problem(f"Entry {number} has no resource")
                continue
            resource_type = _str(resource.get("resourceType"))
            if not resource_type:
                self.problem(f"Entry {number}: the resource has no resourceType")
                continue
            if not _is_fhir_type(resource_type):
                self.problem(f"Entry {number}: {resource_type!r} is not a FHIR R4 resource type")
                continue
            entry = _Entry(number, _str(item.get("fullUrl")), resource_type, resource)
            if not entry.full_url:
                self.problem(f"{entry.where} has no fullUrl")
            elif entry.full_url in self.by_url:
                other = self.by_url[entry.full_url]
                self.problem(f"{entry.where} has the same fullUrl as entry {other.number}")
            else:
                self.by_url[entry.full_url] = entry
            if resource_type and entry.id:
                self.by_type_and_id.setdefault(f"{resource_type}/{entry.id}", entry)
            if resource_type not in _USED_TYPES:
                continue  # another site may send more than a passport: tolerated, not read
            entry.valid = self.validate(entry)
            self.entries.append(entry)

    def validate(self, entry: _Entry) -> bool:
        try:
            get_fhir_model_class(entry.resource_type).model_validate(entry.resource)
        except ValidationError as error:
            for detail in error.errors():
                self.problem(f"{entry.where}: {_explain(detail, entry.resource_type)}")
            return False
        except Exception as error:
            self.problem(f"{entry.where}: could not be read as a FHIR R4 resource ({error})")
            return False
        return True

    def resolve(self, reference: str) -> _Entry | None:
        entry = self.by_url.get(reference)
        if entry is None and not reference.startswith(("urn:", "#")):
            entry = self.by_type_and_id.get("/".join(reference.split("/")[-2:]))
        return entry

    def check_references(self) -> None:
        for entry in self.entries:
            contained = {
                f"#{_str(c.get('id'))}"
                for c in _list(entry.resource.get("contained"))
                if isinstance(c, dict)
            }
            for path, reference in _references(entry.resource, ""):
                if reference in contained:
                    continue
                if self.resolve(reference) is None:
                    self.problem(
                        f"{entry.where}: the reference {reference!r} at {path} does not point to"
                        " any entry in the bundle"
                    )

    def points_to(
        self, entry: _Entry, element: str, reference: object, target: _Entry | None
    ) -> None:
        """Check that a reference resolves to the given entry (dangling ones are reported already)."""
        ref = _str(_dict(reference).get("reference"))
        if not ref:
            self.problem(f"{entry.where}: {element} is missing")
            return
        found = self.resolve(ref)
        if target is not None and found is not None and found is not target:
            self.problem(f"{entry.where}: {element} should point to {target.where}")

    def of_type(self, resource_type: str) -> list[_Entry]:
        return [entry for entry in self.entries if entry.resource_type == resource_type]

    # The passport -------------------------------------------------------------------------------

    def read_passport(self) -> Passport | None:
        patients = self.of_type("Patient")
        if not patients:
            self.problem("The bundle has no Patient: a passport is about one person")
        elif len(patients) > 1:
            numbers = ", ".join(str(p.number) for p in patients)
            self.problem(
                f"The bundle has {len(patients)} Patients (entries {numbers}): a passport has one"
            )
        else:
            self.patient = patients[0]
        plans = [
            e
            for e in self.of_type("CarePlan")
            if LIVING_WELL_PLAN
            in [
                c
                for concept in _list(e.resource.get("category"))
                for c in _codes(concept, CS_PLAN_KIND)
            ]
        ]
        if not plans:
            self.problem("The bundle has no Living Well CarePlan (category living-well-plan)")
        elif len(plans) > 1:
            numbers = ", ".join(str(p.number) for p in plans)
            self.problem(
                f"The bundle has {len(plans)} Living Well CarePlans (entries {numbers}): it must"
                " have one"
            )
        # Without exactly one Patient there is no passport, but the rest is still read for problems.
        patient = self.patient
        for entry in self.entries:
            self.check_common_codes(entry)
        person = self.read_person(patient) if patient is not None and patient.valid else None

        circle: list[CircleMember] = []
        for entry in self.of_type("RelatedPerson"):
            if entry.valid:
                self.points_to(entry, "patient", entry.resource.get("patient"), patient)
                member = self.read_circle_member(entry)
                if member is not None:
                    circle.append(member)
        organisations: list[Organisation] = []
        for entry in self.of_type("Organization"):
            if entry.valid:
                organisation = self.read_organisation(entry)
                if organisation is not None:
                    organisations.append(organisation)

        plan_fields: dict[str, Any] | None = None
        if len(plans) == 1 and plans[0].valid:
            plan_fields = self.read_plan(plans[0], patient)
        else:  # no plan to list the goals, but their problems are still worth knowing
            for entry in self.of_type("Goal"):
                if entry.valid:
                    self.read_goal(entry, patient)
        sharing = self.read_sharing(patient)
        if person is None or plan_fields is None or sharing is None or self.problems:
            return None
        return Passport(
            person=person,
            circle=tuple(circle),
            organisations=tuple(organisations),
            sharing=sharing,
            site=self.site,
            **plan_fields,
        )

    def check_common_codes(self, entry: _Entry) -> None:
        """Codes in elements with required bindings that fhir.resources lets through."""
        resource = entry.resource
        checks: list[tuple[str, object, frozenset[str]]] = [
            ("text.status", _dict(resource.get("text")).get("status"), _NARRATIVE_STATUSES)
        ]
        for number, name in enumerate(_list(resource.get("name"))):
            checks.append((f"name[{number}].use", _dict(name).get("use"), _NAME_USES))
        for number, point in enumerate(_list(resource.get("telecom"))):
            point = _dict(point)
            checks.append(
                (f"telecom[{number}].system", point.get("system"), _CONTACT_POINT_SYSTEMS)
            )
            checks.append((f"telecom[{number}].use", point.get("use"), _CONTACT_POINT_USES))
            if point.get("value") and not point.get("system"):
                self.problem(f"{entry.where}: telecom[{number}] has a value but no system")
        for number, address in enumerate(_list(resource.get("address"))):
            address = _dict(address)
            checks.append((f"address[{number}].use", address.get("use"), _ADDRESS_USES))
            checks.append((f"address[{number}].type", address.get("type"), _ADDRESS_TYPES))
        for number, identifier in enumerate(_list(resource.get("identifier"))):
            checks.append(
                (f"identifier[{number}].use", _dict(identifier).get("use"), _IDENTIFIER_USES)
            )
        for path, value, allowed in checks:
            if isinstance(value, str) and value not in allowed:
                self.problem(f"{entry.where}: {path} {value!r} is not a FHIR code for it")

    def read_person(self, entry: _Entry) -> PassportPerson | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        names = [n for n in _list(resource.get("name")) if isinstance(n, dict)]
        given_name = family_name = ""
        if names:
            given_name = " ".join(g for g in _list(names[0].get("given")) if isinstance(g, str))
            family_name = _str(names[0].get("family"))
        if not names:
            self.problem(f"{where}: the person has no name")
        elif not given_name.strip():
            self.problem(f"{where}: the person has no given name")

        key = ""
        nhs_numbers = []
        for identifier in _list(resource.get("identifier")):
            identifier = _dict(identifier)
            if identifier.get("system") == _person_key_system(self.site):
                key = _str(identifier.get("value"))
            elif identifier.get("system") == NHS_NUMBER_SYSTEM:
                nhs_numbers.append(_str(identifier.get("value")))
        nhs_number = nhs_numbers[0] if nhs_numbers else ""
        if len(set(nhs_numbers)) > 1:
            self.problem(f"{where}: the person has more than one NHS number")
        if nhs_number:
            problem = _nhs_number_problem(nhs_number)
            if problem:
                self.problem(f"{where}: {problem}")

        administrative = resource.get("gender")
        if isinstance(administrative, str) and administrative not in _ADMINISTRATIVE_GENDERS:
            self.problem(f"{where}: gender {administrative!r} is not a FHIR administrative gender")
        gender_codes = [
            code
            for ext in _extensions(resource, EXT_GENDER_IDENTITY)
            for code in _codes(ext.get("valueCodeableConcept"), CS_GENDER_IDENTITY)
        ]
        if gender_codes:
            gender = gender_codes[0]
            if gender not in GENDER_IDENTITIES:
                self.problem(f"{where}: {gender!r} is not an NHS gender identity code")
            elif administrative is not None and ADMINISTRATIVE_GENDER[gender] != administrative:
                self.problem(
                    f"{where}: gender {administrative!r} does not agree with the NHS gender identity"
                    f" code {gender!r} ({GENDER_IDENTITIES[gender]})"
                )
        elif isinstance(administrative, str):
            gender = _GENDER_FROM_ADMINISTRATIVE.get(administrative, "Z")
        else:
            gender = "Z"

        ethnic_category = "Z"
        ethnic = _extensions(resource, EXT_ETHNIC_CATEGORY)
        if len(ethnic) > 1:
            self.problem(f"{where}: there is more than one ethnic category")
        if ethnic:
            codes = _codes(ethnic[0].get("valueCodeableConcept"), CS_ETHNIC_CATEGORY)
            if not codes:
                self.problem(f"{where}: the ethnic category is not coded in {CS_ETHNIC_CATEGORY}")
            elif codes[0] not in ETHNIC_CATEGORIES:
                self.problem(f"{where}: {codes[0]!r} is not an NHS ethnic category")
            else:
                ethnic_category = codes[0]

        date_of_birth = None
        if "birthDate" in resource:
            date_of_birth = self.read_date(where, "birthDate", resource.get("birthDate"))
            if date_of_birth is not None:
                problem = _birth_date_problem(date_of_birth)
                if problem:
                    self.problem(f"{where}: birthDate {problem}")
                    date_of_birth = None

        phone, email = self.read_telecom(resource)
        addresses = [a for a in _list(resource.get("address")) if isinstance(a, dict)]
        address = postcode = ""
        if addresses:
            lines = [line for line in _list(addresses[0].get("line")) if isinstance(line, str)]
            address = _str(addresses[0].get("text")) or "\n".join(lines)
            postcode = _str(addresses[0].get("postalCode"))
        if len(self.problems) > before:
            return None
        return PassportPerson(
            given_name=given_name,
            family_name=family_name,
            date_of_birth=date_of_birth,
            nhs_number=nhs_number,
            gender=gender,
            ethnic_category=ethnic_category,
            phone=phone,
            email=email,
            address=address,
            postcode=postcode,
            key=key,
        )

    def read_date(self, where: str, element: str, value: object) -> dt.date | None:
        text = _str(value)
        if not _FULL_DATE.fullmatch(text):
            self.problem(f"{where}: {element} {text!r} is not a full date (year, month and day)")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(f"{where}: {element} {text!r} is not a real date")
            return None

    def read_telecom(self, resource: dict[str, Any]) -> tuple[str, str]:
        points = [_dict(p) for p in _list(resource.get("telecom"))]
        phones = [_str(p.get("value")) for p in points if p.get("system") == "phone"]
        emails = [_str(p.get("value")) for p in points if p.get("system") == "email"]
        return (phones[0] if phones else "", emails[0] if emails else "")

    def read_plan(self, entry: _Entry, patient: _Entry | None) -> dict[str, Any] | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        fields: dict[str, Any] = {}
        self.points_to(entry, "subject", resource.get("subject"), patient)

        status = _str(resource.get("status"))
        if status not in _CARE_PLAN_STATUSES:
            self.problem(f"{where}: status {status!r} is not a FHIR CarePlan status")
        elif status not in {"active", "completed"}:
            self.problem(
                f"{where}: status {status!r}: a Living Well plan is either active or completed"
            )
        fields["active"] = status == "active"
        intent = _str(resource.get("intent"))
        if intent not in _CARE_PLAN_INTENTS:
            self.problem(f"{where}: intent {intent!r} is not a FHIR CarePlan intent")

        meta = _dict(resource.get("meta"))
        version = meta.get("versionId")
        if version is not None:
            if not _VERSION.fullmatch(_str(version)):
                self.problem(f"{where}: meta.versionId {version!r} is not a plan version number")
            else:
                fields["version"] = int(_str(version))
        if "lastUpdated" in meta:
            try:
                updated_at = dt.datetime.fromisoformat(_str(meta.get("lastUpdated")))
            except ValueError:
                self.problem(f"{where}: meta.lastUpdated {meta.get('lastUpdated')!r} is not a time")
            else:
                problem = _updated_at_problem(updated_at)
                if problem:
                    self.problem(f"{where}: meta.lastUpdated {problem}")
                fields["updated_at"] = updated_at

        fields["what_matters"] = _str(resource.get("description"))
        for number, note in enumerate(_list(resource.get("note"))):
            tags = _extensions(note, EXT_PLAN_SECTION)
            if not tags:
                continue  # someone else's note: not part of the passport
            codes = _codes({"coding": [t.get("valueCoding") for t in tags]}, CS_PLAN_SECTION)
            code = codes[0] if codes else ""
            if code not in PLAN_SECTIONS:
                self.problem(
                    f"{where}: note[{number}] is in section {code!r}, which the plan has not"
                )
                continue
            attr = PLAN_SECTIONS[code][0]
            if attr in fields:
                self.problem(f"{where}: the section {code!r} is there more than once")
            fields[attr] = _str(_dict(note).get("text"))

        domains = []
        seen_domains: set[str] = set()
        for number, ext in enumerate(_extensions(resource, EXT_LIFE_DOMAIN_ENTRY)):
            parts: dict[str, dict[str, Any]] = {}
            for part in _list(ext.get("extension")):
                url = _str(_dict(part).get("url"))
                if url not in _DOMAIN_ENTRY_PARTS:
                    self.problem(
                        f"{where}: life domain entry {number + 1} has a part {url!r}, which is not"
                        f" one of {', '.join(_DOMAIN_ENTRY_PARTS)}"
                    )
                elif url in parts:
                    self.problem(f"{where}: life domain entry {number + 1} has {url!r} twice")
                elif url != "domain" and not _str(_dict(part).get("valueString")):
                    self.problem(f"{where}: life domain entry {number + 1}: {url!r} has no words")
                parts[url] = _dict(part)
            codes = _codes(
                {"coding": [_dict(parts.get("domain")).get("valueCoding")]}, CS_LIFE_DOMAIN
            )
            domain = codes[0] if codes else ""
            if domain not in LIFE_DOMAINS:
                self.problem(
                    f"{where}: life domain entry {number + 1} has the domain {domain!r}, which is"
                    " not a Living Well life domain"
                )
                continue
            if domain in seen_domains:
                self.problem(f"{where}: the life domain {domain!r} is there more than once")
            seen_domains.add(domain)
            domains.append(
                DomainEntry(
                    domain=domain,
                    how_things_are=_str(_dict(parts.get("how-things-are")).get("valueString")),
                    what_has_helped=_str(_dict(parts.get("what-has-helped")).get("valueString")),
                )
            )
        fields["domains"] = tuple(domains)

        goals: list[PassportGoal] = []
        listed: set[int] = set()
        for number, reference in enumerate(_list(resource.get("goal"))):
            ref = _str(_dict(reference).get("reference"))
            if not ref:
                self.problem(f"{where}: goal[{number}] does not point to a Goal in the bundle")
                continue
            target = self.resolve(ref)
            if target is None:
                continue  # reported as dangling
            if target.resource_type != "Goal":
                self.problem(f"{where}: goal[{number}] points to {target.where}, not a Goal")
                continue
            listed.add(id(target))
            if target.valid:
                goal = self.read_goal(target, patient)
                if goal is not None:
                    goals.append(goal)
        for goal_entry in self.of_type("Goal"):
            if id(goal_entry) not in listed:
                self.problem(f"{goal_entry.where}: this goal is not one of the plan's goals")
        fields["goals"] = tuple(goals)

        teams = _list(resource.get("careTeam"))
        team: tuple[TeamMember, ...] = ()
        if len(teams) > 1:
            self.problem(f"{where}: the plan has more than one CareTeam")
        elif teams:
            ref = _str(_dict(teams[0]).get("reference"))
            target = self.resolve(ref) if ref else None
            if not ref:
                self.problem(f"{where}: careTeam[0] does not point to a CareTeam in the bundle")
            elif target is not None and target.resource_type != "CareTeam":
                self.problem(f"{where}: careTeam points to {target.where}, not a CareTeam")
            elif target is not None and target.valid:
                team = self.read_team(target, patient)
            if target is not None:
                listed.add(id(target))
        for team_entry in self.of_type("CareTeam"):
            if id(team_entry) not in listed:
                self.problem(f"{team_entry.where}: this CareTeam is not the plan's care team")
        fields["team"] = team
        return fields if len(self.problems) == before else None

    def read_goal(self, entry: _Entry, patient: _Entry | None) -> PassportGoal | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        if not entry.id:
            self.problem(f"{where}: the goal has no id, which Living Well keeps as its key")
        self.points_to(entry, "subject", resource.get("subject"), patient)
        lifecycle = _str(resource.get("lifecycleStatus"))
        if lifecycle not in GOAL_LIFECYCLE:
            self.problem(f"{where}: lifecycleStatus {lifecycle!r} is not a FHIR goal status")
        achievement = ""
        if "achievementStatus" in resource:
            codes = _codes(resource.get("achievementStatus"), CS_GOAL_ACHIEVEMENT)
            if not codes:
                self.problem(f"{where}: achievementStatus is not coded in {CS_GOAL_ACHIEVEMENT}")
            elif codes[0] not in GOAL_ACHIEVEMENT:
                self.problem(
                    f"{where}: achievementStatus {codes[0]!r} is not a FHIR goal achievement status"
                )
            else:
                achievement = codes[0]
        domains = [
            code
            for concept in _list(resource.get("category"))
            for code in _codes(concept, CS_LIFE_DOMAIN)
        ]
        domain = domains[0] if domains else ""
        if not domains:
            self.problem(f"{where}: the goal has no Living Well life domain in its category")
        elif len(domains) > 1:
            self.problem(f"{where}: the goal has more than one life domain")
        elif domain not in LIFE_DOMAINS:
            self.problem(f"{where}: the domain {domain!r} is not a Living Well life domain")
        description = _str(_dict(resource.get("description")).get("text"))
        if not description.strip():
            self.problem(f"{where}: the goal has no description in words (description.text)")
        start_date = None
        if "startDate" in resource:
            start_date = self.read_date(where, "startDate", resource.get("startDate"))
            born = None
            if self.patient is not None and _FULL_DATE.fullmatch(
                _str(self.patient.resource.get("birthDate"))
            ):
                try:
                    born = dt.date.fromisoformat(_str(self.patient.resource.get("birthDate")))
                except ValueError:
                    born = None
            if start_date is not None:
                problem = _goal_start_problem(start_date, born)
                if problem:
                    self.problem(f"{where}: startDate {problem}")
        if len(self.problems) > before:
            return None
        return PassportGoal(
            key=entry.id,
            description=description,
            domain=domain,
            lifecycle_status=lifecycle,
            achievement_status=achievement,
            start_date=start_date,
        )

    def read_circle_member(self, entry: _Entry) -> CircleMember | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        if not entry.id:
            self.problem(f"{where}: the person has no id, which Living Well keeps as their key")
        names = [n for n in _list(resource.get("name")) if isinstance(n, dict)]
        name = ""
        if names:
            parts = [g for g in _list(names[0].get("given")) if isinstance(g, str)]
            parts.append(_str(names[0].get("family")))
            name = _str(names[0].get("text")) or " ".join(p for p in parts if p)
        if not name.strip():
            self.problem(f"{where}: the person in the circle has no name")
        concepts = _list(resource.get("relationship"))
        relationships = [code for concept in concepts for code in _codes(concept, CS_ROLE_CODE)]
        relationship = relationships[0] if relationships else ""
        if not relationships:
            self.problem(f"{where}: the relationship is not coded in {CS_ROLE_CODE}")
        elif len(relationships) > 1:
            self.problem(f"{where}: there is more than one v3 RoleCode relationship")
        elif relationship not in RELATIONSHIPS:
            known = ", ".join(RELATIONSHIPS)
            self.problem(
                f"{where}: the relationship {relationship!r} is not one Living Well records ({known})"
            )
        is_carer = any(
            CARER in _codes(concept, CS_PERSON_RELATIONSHIP_ROLE) for concept in concepts
        )
        phone, email = self.read_telecom(resource)
        if len(self.problems) > before:
            return None
        return CircleMember(
            key=entry.id,
            name=name,
            relationship=relationship,
            is_carer=is_carer,
            phone=phone,
            email=email,
        )

    def read_organisation(self, entry: _Entry) -> Organisation | None:
        resource = entry.resource
        before = len(self.problems)
        if not entry.id:
            self.problem(
                f"{entry.where}: the organisation has no id, which Living Well keeps as its key"
            )
        name = _str(resource.get("name"))
        if not name.strip():
            self.problem(f"{entry.where}: the organisation has no name")
        ods_codes = [
            _str(_dict(i).get("value"))
            for i in _list(resource.get("identifier"))
            if _dict(i).get("system") == ODS_CODE_SYSTEM
        ]
        if len(self.problems) > before:
            return None
        return Organisation(key=entry.id, name=name, ods_code=ods_codes[0] if ods_codes else "")

    def read_team(self, entry: _Entry, patient: _Entry | None) -> tuple[TeamMember, ...]:
        resource = entry.resource
        status = resource.get("status")
        if isinstance(status, str) and status not in _CARE_TEAM_STATUSES:
            self.problem(f"{entry.where}: status {status!r} is not a FHIR CareTeam status")
        if "subject" in resource:
            self.points_to(entry, "subject", resource.get("subject"), patient)
        team = []
        for number, participant in enumerate(_list(resource.get("participant"))):
            member = _dict(_dict(participant).get("member"))
            if member.get("reference"):
                continue  # a carer (or someone else with a record): read from the circle, not here
            roles = [_dict(r) for r in _list(_dict(participant).get("role"))]
            is_key_worker = any(KEY_WORKER in _codes(role, CS_TEAM_ROLE) for role in roles)
            words = [
                _str(role.get("text")) or next((_str(c.get("display")) for c in _codings(role)), "")
                for role in roles
                if not _codes(role, CS_TEAM_ROLE)
            ]
            name = _str(member.get("display"))
            if not name.strip():
                self.problem(f"{entry.where}: participant[{number}] has no name (member.display)")
            team.append(
                TeamMember(
                    name=name,
                    role=words[0] if words else "",
                    is_key_worker=is_key_worker,
                    organisation=_str(_dict(_dict(participant).get("onBehalfOf")).get("display")),
                )
            )
        return tuple(team)

    def read_sharing(self, patient: _Entry | None) -> tuple[Sharing, ...] | None:
        consents = []
        for entry in self.of_type("Consent"):
            scopes = _codes(entry.resource.get("scope"), CS_CONSENT_SCOPE)
            if not scopes:
                self.problem(f"{entry.where}: scope is not coded in {CS_CONSENT_SCOPE}")
            elif "patient-privacy" in scopes:
                consents.append(entry)  # other scopes (treatment, research) are not sharing choices
        if len(consents) > 1:
            numbers = ", ".join(str(c.number) for c in consents)
            self.problem(
                f"The bundle has {len(consents)} patient-privacy Consents (entries {numbers}):"
                " the person's sharing choices must be in one"
            )
            return None
        if not consents:
            return ()
        entry = consents[0]
        if not entry.valid:
            return None
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        self.points_to(entry, "patient", resource.get("patient"), patient)
        status = _str(resource.get("status"))
        if status not in _CONSENT_STATES:
            self.problem(f"{where}: status {status!r} is not a FHIR Consent status")
        elif status != "active":
            self.problem(f"{where}: status {status!r}: only active sharing choices can be read")
        categories = [
            code
            for concept in _list(resource.get("category"))
            for code in _codes(concept, CS_LOINC)
        ]
        if CONSENT_CATEGORY not in categories:
            self.problem(f"{where}: category must include LOINC {CONSENT_CATEGORY}")
        if not resource.get("policy") and not resource.get("policyRule"):
            self.problem(f"{where}: has neither policy nor policyRule (FHIR R4 requires one)")
        base = _dict(resource.get("provision"))
        if base.get("type") != "deny":
            self.problem(
                f"{where}: the base provision must be 'deny' (nothing is shared unless the person"
                f" chose to share it), not {base.get('type')!r}"
            )
        sharing: list[Sharing] = []
        for number, provision in enumerate(_list(base.get("provision"))):
            provision = _dict(provision)
            at = f"{where}: provision {number + 1}"
            kind = _str(provision.get("type"))
            if kind not in _PROVISION_TYPES:
                self.problem(f"{at}: type {kind!r} is not 'permit' or 'deny'")
                continue
            actors = [_dict(a) for a in _list(provision.get("actor"))]
            if len(actors) != 1:
                self.problem(f"{at}: must name exactly one recipient (actor)")
                continue
            if "IRCP" not in _codes(actors[0].get("role"), CS_PARTICIPATION_TYPE):
                self.problem(f"{at}: the actor's role must be IRCP (information recipient)")
            target = self.resolve(_str(_dict(actors[0].get("reference")).get("reference")))
            if target is None:
                if not _dict(actors[0].get("reference")).get("reference"):
                    self.problem(f"{at}: the actor has no reference")
                continue
            if target.resource_type == "RelatedPerson":
                recipient_kind = "circle"
            elif target.resource_type == "Organization":
                recipient_kind = "organisation"
            else:
                self.problem(
                    f"{at}: the recipient is {target.where}; it must be a RelatedPerson or an"
                    " Organization"
                )
                continue
            parts = []
            for concept in _list(provision.get("code")):
                codes = _codes(concept, CS_RECORD_PART)
                if len(codes) != 1:
                    self.problem(
                        f"{at}: each code must be one part of the record ({CS_RECORD_PART})"
                    )
                # A bundle written before each part of life was its own choice: the narrowest
                # choices its earlier part named (never more).
                parts += [key for code in codes for key in EARLIER_PARTS.get(code, (code,))]
            unknown = [part for part in parts if part not in SHAREABLE_PARTS]
            if unknown:
                self.problem(f"{at}: {', '.join(map(repr, unknown))} is not a part of the record")
            if kind == "permit" and not parts:
                self.problem(f"{at}: permits sharing but names no part of the record to share")
            if kind == "deny" and parts:
                self.problem(f"{at}: a nested deny naming parts is not something a passport holds")
            sharing.append(Sharing(recipient_kind, target.id, frozenset(parts)))
        if len(self.problems) > before:
            return None
        return tuple(sharing)


def _load(data: dict[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, (str, bytes, bytearray)):
        try:
            loaded = json.loads(data)
        except UnicodeDecodeError:
            raise BundleError(
                ["The file is not text in UTF-8, so it cannot be a FHIR JSON Bundle"]
            ) from None
        except json.JSONDecodeError as error:
            raise BundleError(
                [
                    f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
                ]
            ) from None
    else:
        loaded = data
    if not isinstance(loaded, dict):
        raise BundleError(["The file is not a FHIR resource: it should be a JSON object"])
    resource_type = loaded.get("resourceType")
    if resource_type != "Bundle":
        if isinstance(resource_type, str) and resource_type:
            raise BundleError(
                [f"This is a FHIR {resource_type}, not a Bundle: send the whole Bundle"]
            )
        raise BundleError(["This is not a FHIR resource: it has no resourceType"])
    unsaveable = [where for where, text in _texts(loaded, "") if not can_be_saved(text)]
    if unsaveable:
        raise BundleError([f"{where} {PROBLEM}" for where in unsaveable[:10]])
    return loaded


def _texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every piece of text in the file (keys too), with where it is: "entry[1].resource.name".
    A stack, not recursion, so a deeply nested file is read without running out of stack."""
    stack = [(where, value)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where or "The file", value
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                yield where or "The file", str(key)
                stack.append((f"{where}.{key}" if where else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def from_bundle(data: dict[str, Any] | str | bytes) -> Passport:
    """Read a passport from a FHIR R4 Bundle (a dict, or its JSON text); `BundleError` lists every problem."""
    return _Reader(_load(data)).read()
