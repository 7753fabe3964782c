"""In: a passport read from a FHIR R4 Bundle (`from_bundle`), or `BundleError` listing every problem.

Reading a bundle: each Patient, CarePlan, CareTeam, Goal, RelatedPerson, Organization and Consent is
validated with its fhir.resources R4B model, and the Bundle itself without them (`bundle`); then every
code is checked by hand (fhir.resources does not enforce code values) against the tables in `passport`
and `codes.people` and the FHIR R4 required value sets, every reference must resolve to an entry (by
fullUrl, or `Type/id`), there must be exactly one Patient (with a given name) and one Living Well
CarePlan, NHS numbers must pass Modulus 11, and dates must be sane (`checks`). Tolerated and ignored,
since another site may send more than a passport: other FHIR resource types, CarePlans without the
Living Well category, Consents of another scope, notes and extensions we do not know. Refused: a
resource type FHIR does not have, and a Goal or CareTeam the plan does not list (`read_plan`), so that
nothing the person said is dropped silently.

Here: the person (Patient), their circle (RelatedPerson), organisations and sharing (Consent), put
together with the plan as one passport.
"""

from __future__ import annotations

from typing import Any

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES
from livingwell.codes.plan import RELATIONSHIPS
from livingwell.codes.record import EARLIER_PARTS, SHAREABLE_PARTS
from livingwell.plans.fhir.bundle import _codes, _dict, _Entry, _extensions, _list, _load, _str
from livingwell.plans.fhir.checks import (
    BundleError,
    _birth_date_problem,
    _nhs_number_problem,
    passport_problems,
)
from livingwell.plans.fhir.codes import (
    _ADDRESS_TYPES,
    _ADDRESS_USES,
    _ADMINISTRATIVE_GENDERS,
    _CONSENT_STATES,
    _CONTACT_POINT_SYSTEMS,
    _CONTACT_POINT_USES,
    _GENDER_FROM_ADMINISTRATIVE,
    _IDENTIFIER_USES,
    _NAME_USES,
    _NARRATIVE_STATUSES,
    _PROVISION_TYPES,
    ADMINISTRATIVE_GENDER,
    CARER,
    CONSENT_CATEGORY,
    CS_CONSENT_SCOPE,
    CS_ETHNIC_CATEGORY,
    CS_GENDER_IDENTITY,
    CS_LOINC,
    CS_PARTICIPATION_TYPE,
    CS_PERSON_RELATIONSHIP_ROLE,
    CS_PLAN_KIND,
    CS_RECORD_PART,
    CS_ROLE_CODE,
    EXT_ETHNIC_CATEGORY,
    EXT_GENDER_IDENTITY,
    LIVING_WELL_PLAN,
    NHS_NUMBER_SYSTEM,
    ODS_CODE_SYSTEM,
    _person_key_system,
)
from livingwell.plans.fhir.read_plan import _PlanReader
from livingwell.plans.passport import CircleMember, Organisation, Passport, PassportPerson, Sharing


class _Reader(_PlanReader):
    """Reads one bundle as a passport, gathering every problem before giving up."""

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


def from_bundle(data: dict[str, Any] | str | bytes) -> Passport:
    """Read a passport from a FHIR R4 Bundle (a dict, or its JSON text); `BundleError` lists every problem."""
    return _Reader(_load(data)).read()
