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

One module each: `codes` (profiles, identifier systems, extensions, code systems and the FHIR value sets
checked by hand), `checks` (what a valid passport is, and the errors that list the problems), `write`
(passport -> Bundle), and for reading `bundle` (the file, the Bundle and its entries, references),
`read_plan` (the Living Well CarePlan, its goals and its care team) and `read` (the person, their
circle, organisations and sharing, put together as a passport).
"""

from __future__ import annotations

from livingwell.plans.fhir.checks import BundleError, PassportError, passport_problems
from livingwell.plans.fhir.read import from_bundle
from livingwell.plans.fhir.write import to_bundle

__all__ = ["BundleError", "PassportError", "from_bundle", "passport_problems", "to_bundle"]
