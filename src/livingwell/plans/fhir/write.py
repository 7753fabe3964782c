"""Out: the passport as a FHIR R4 collection Bundle (`to_bundle`), one entry per resource, mapped as the
package says (livingwell.plans.fhir). A passport that `passport_problems` finds anything wrong with is
refused with `PassportError`.

`to_bundle` builds plain dicts and does not run the fhir.resources models, which cost about ten times
the export itself; the tests run them on every bundle exported.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from typing import Any, Final

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES
from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS, RELATIONSHIPS
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.plans.fhir.checks import PassportError, passport_problems
from livingwell.plans.fhir.codes import (
    _ACHIEVEMENT_DISPLAY,
    _ROLE_CODE_DISPLAY,
    ADMINISTRATIVE_GENDER,
    CARER,
    CONSENT_CATEGORY,
    CS_ACT_CODE,
    CS_CONSENT_SCOPE,
    CS_ETHNIC_CATEGORY,
    CS_GENDER_IDENTITY,
    CS_GOAL_ACHIEVEMENT,
    CS_LIFE_DOMAIN,
    CS_LOINC,
    CS_PARTICIPATION_TYPE,
    CS_PERSON_RELATIONSHIP_ROLE,
    CS_PLAN_KIND,
    CS_PLAN_SECTION,
    CS_RECORD_PART,
    CS_ROLE_CODE,
    CS_TEAM_ROLE,
    EXT_ETHNIC_CATEGORY,
    EXT_GENDER_IDENTITY,
    EXT_LIFE_DOMAIN_ENTRY,
    EXT_PLAN_SECTION,
    KEY_WORKER,
    LIVING_WELL_PLAN,
    NHS_NUMBER_SYSTEM,
    ODS_CODE_SYSTEM,
    PLAN_SECTIONS,
    PROFILE_CARE_PLAN,
    PROFILE_CARE_TEAM,
    PROFILE_CONSENT,
    PROFILE_ORGANIZATION,
    PROFILE_PATIENT,
    PROFILE_RELATED_PERSON,
    _person_key_system,
)
from livingwell.plans.passport import CircleMember, Organisation, Passport, PassportGoal

_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _instant(value: dt.datetime) -> str:
    """A FHIR instant, keeping the offset unless it has seconds (which FHIR cannot write)."""
    offset = value.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        value = value.astimezone(dt.UTC)
    return value.isoformat()


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
