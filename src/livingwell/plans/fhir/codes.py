"""The names FHIR knows a passport's parts by: UK Core profiles, identifier systems, extensions and
code systems (HL7's, UK Core's and Living Well's own), the words sent with the codes, and the FHIR R4
value sets with required bindings that fhir.resources does not enforce, which reading checks by hand.

Checked against NHS Digital's UK Core R4 sources (the FHIR-R4-UKCORE-STAGING-MAIN repository) while writing:
the six UKCore profile URLs below exist and no UKCore-Goal does; `Extension-UKCore-EthnicCategory` binds
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

from typing import Final

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


def _person_key_system(site: str) -> str:
    return f"{site.rstrip('/')}/Id/person"
