"""The passport as a FHIR R4 Bundle: out, validated, and back in exactly (livingwell.plans.fhir).

Plain tests with no database: the passport and its FHIR mapping import no Django.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES, nhs_number_is_valid
from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS, RELATIONSHIPS
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.plans.fhir import BundleError, PassportError, from_bundle, to_bundle
from livingwell.plans.fhir.codes import (
    CS_ETHNIC_CATEGORY,
    CS_PERSON_RELATIONSHIP_ROLE,
    CS_RECORD_PART,
    EXT_ETHNIC_CATEGORY,
    NHS_NUMBER_SYSTEM,
    ODS_CODE_SYSTEM,
    PROFILE_CARE_PLAN,
    PROFILE_PATIENT,
)
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

LONDON = ZoneInfo("Europe/London")


def full_passport() -> Passport:
    return Passport(
        person=PassportPerson(
            given_name="Ada",
            family_name="Mensah",
            date_of_birth=dt.date(1980, 5, 1),
            nhs_number="9000000009",
            gender="2",
            ethnic_category="N",
            phone="07700 900123",
            email="ada@example.org",
            address="Flat 2\n1 High Street\nLondon",
            postcode="SE1 7PB",
            key="person-1",
        ),
        what_matters="Being there for my kids.\nGetting out of the flat.",
        strengths="I am kind & I keep going",
        what_helps="Walks <by the river>",
        what_does_not_help="Being rushed",
        crisis_signs="Not sleeping",
        crisis_what_i_can_do="Call my sister",
        crisis_who_to_contact="Sam, then the crisis line",
        domains=(
            DomainEntry("housing", "The flat is damp", "The council came once"),
            DomainEntry("money"),
            DomainEntry("mental-health", how_things_are="Low most days"),
        ),
        goals=(
            PassportGoal(
                "goal-1",
                "Get the damp fixed",
                "housing",
                "active",
                "improving",
                dt.date(2024, 1, 3),
            ),
            PassportGoal("goal-2", "Walk every day", "physical-health", achievement_status=""),
            PassportGoal("goal-3", "Back to college", "work-and-learning", "completed", "achieved"),
        ),
        circle=(
            CircleMember(
                "circle-1",
                "Sam Mensah",
                "SIB",
                is_carer=True,
                phone="07700 900456",
                email="sam@example.org",
            ),
            CircleMember("circle-2", "Jo", "FRND"),
        ),
        team=(
            TeamMember(
                "Amara Okafor", "Peer worker", is_key_worker=True, organisation="Living Well North"
            ),
            TeamMember("Dev Sharma", "Housing worker"),
            TeamMember("Dr Lee", ""),
        ),
        organisations=(
            Organisation("org-1", "Lambeth GP surgery", "G12345"),
            Organisation("org-2", "Food bank"),
        ),
        sharing=(
            Sharing("circle", "circle-1", frozenset({"crisis", "goals"})),
            Sharing("organisation", "org-1"),
            Sharing("circle", "circle-2", frozenset({"about"})),
        ),
        active=False,
        updated_at=dt.datetime(2024, 6, 1, 12, 30, 5, 123, tzinfo=LONDON),
        version=7,
        site="https://lambeth.livingwell.example",
    )


def resources(bundle: dict[str, Any], resource_type: str) -> list[dict[str, Any]]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


def the(bundle: dict[str, Any], resource_type: str) -> dict[str, Any]:
    (resource,) = resources(bundle, resource_type)
    return resource


def assert_valid_r4b(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def problems_of(data: Any) -> list[str]:
    with pytest.raises(BundleError) as caught:
        from_bundle(data)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


# --- Round trips ---------------------------------------------------------------------------------


def test_a_full_passport_comes_back_exactly() -> None:
    passport = full_passport()
    bundle = to_bundle(passport)
    assert_valid_r4b(bundle)
    assert from_bundle(bundle) == passport
    assert from_bundle(json.dumps(bundle)) == passport
    assert from_bundle(json.dumps(bundle).encode()) == passport


def test_a_passport_with_only_a_given_name_comes_back_exactly() -> None:
    passport = Passport(person=PassportPerson(given_name="Ada"))
    bundle = to_bundle(passport)
    assert_valid_r4b(bundle)
    assert "identifier" not in the(bundle, "Patient")
    assert resources(bundle, "CareTeam") == []
    assert from_bundle(bundle) == passport


def test_the_nhs_number_is_an_identifier_only_when_known() -> None:
    with_number = to_bundle(full_passport())
    identifiers = the(with_number, "Patient")["identifier"]
    assert {"system": NHS_NUMBER_SYSTEM, "value": "9000000009"} in identifiers
    without = Passport(person=PassportPerson(given_name="Ada", key="person-9"))
    identifiers = the(to_bundle(without), "Patient")["identifier"]
    assert all(i["system"] != NHS_NUMBER_SYSTEM for i in identifiers)
    assert from_bundle(to_bundle(without)) == without


def test_sharing_nothing_is_one_deny_and_no_sharing_is_deny_all() -> None:
    passport = full_passport()
    consent = the(to_bundle(passport), "Consent")
    assert consent["provision"]["type"] == "deny"
    nested = consent["provision"]["provision"]
    assert [p["type"] for p in nested] == ["permit", "deny", "permit"]
    assert "code" not in nested[1]
    assert [c["coding"][0]["code"] for c in nested[0]["code"]] == ["goals", "crisis"]
    assert nested[0]["code"][0]["coding"][0]["system"] == CS_RECORD_PART
    assert nested[0]["actor"][0]["role"]["coding"][0]["code"] == "IRCP"

    private = Passport(person=PassportPerson(given_name="Ada"), circle=passport.circle)
    consent = the(to_bundle(private), "Consent")
    assert consent["provision"] == {"type": "deny"}
    assert from_bundle(to_bundle(private)) == private


def test_a_bundle_shared_with_the_earlier_plan_choice_shares_only_what_its_label_named() -> None:
    """A site that has not updated still sends "plan" ("What matters to me, my strengths and what
    helps"): it arrives as those two choices, and no part of life."""
    bundle = to_bundle(full_passport())
    consent = entry_of(bundle, "Consent")
    consent["provision"]["provision"][0]["code"] = [
        {"coding": [{"system": CS_RECORD_PART, "code": "plan"}], "text": "What matters to me"}
    ]
    sharing = from_bundle(bundle).sharing[0]
    assert sharing.parts == frozenset({"what-matters", "what-helps"})


def test_unicode_names_and_words_come_back_exactly() -> None:
    passport = Passport(
        person=PassportPerson(
            given_name="Zoë Siobhán",
            family_name="Ó Briain-Nguyễn",
            address="Flat 3\r\n  Ty Gwyn\n\nCaerdydd",
            key="p.1",
        ),
        what_matters="家族と一緒にいること 😊",
        strengths="   leading spaces are kept",
        domains=(DomainEntry("belonging", "Ní bhím ag caint le héinne"),),
        goals=(PassportGoal("g", "Learn Welsh — Dysgu Cymraeg", "work-and-learning"),),
        circle=(CircleMember("c", "Ωmega Ünal", "DOMPART", is_carer=True),),
        team=(TeamMember("Łukasz", "Gweithiwr cymorth"),),
    )
    bundle = to_bundle(passport)
    assert_valid_r4b(bundle)
    assert from_bundle(json.dumps(bundle, ensure_ascii=False).encode()) == passport


def test_the_exported_bundle_follows_uk_core() -> None:
    bundle = to_bundle(full_passport())
    assert bundle["type"] == "collection"
    assert bundle["identifier"]["value"].startswith("urn:uuid:")
    assert bundle["timestamp"] == "2024-06-01T12:30:05.000123+01:00"
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in bundle["entry"])
    patient = the(bundle, "Patient")
    assert patient["meta"]["profile"] == [PROFILE_PATIENT]
    assert patient["gender"] == "female"
    (ethnic,) = [e for e in patient["extension"] if e["url"] == EXT_ETHNIC_CATEGORY]
    assert ethnic["valueCodeableConcept"]["coding"][0]["system"] == CS_ETHNIC_CATEGORY
    assert ethnic["valueCodeableConcept"]["coding"][0]["code"] == "N"
    plan = the(bundle, "CarePlan")
    assert plan["meta"]["profile"] == [PROFILE_CARE_PLAN]
    assert plan["status"] == "completed"
    assert plan["intent"] == "plan"
    assert plan["description"].startswith("Being there")
    assert "I am kind &amp; I keep going" in plan["text"]["div"]
    assert "&lt;by the river&gt;" in plan["text"]["div"]
    goal = resources(bundle, "Goal")[0]
    assert "meta" not in goal
    assert goal["achievementStatus"]["coding"][0]["code"] == "improving"
    assert goal["expressedBy"] == goal["subject"] == {"reference": bundle["entry"][0]["fullUrl"]}
    sam = resources(bundle, "RelatedPerson")[0]
    assert [c["coding"][0]["code"] for c in sam["relationship"]] == ["SIB", "Carer"]
    assert sam["relationship"][1]["coding"][0]["system"] == CS_PERSON_RELATIONSHIP_ROLE
    gp = resources(bundle, "Organization")[0]
    assert gp["identifier"] == [{"system": ODS_CODE_SYSTEM, "value": "G12345"}]
    team = the(bundle, "CareTeam")
    sam_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is sam)
    members = [p["member"] for p in team["participant"]]
    assert members == [
        {"display": "Amara Okafor"},
        {"display": "Dev Sharma"},
        {"display": "Dr Lee"},
        {"reference": sam_url, "display": "Sam Mensah"},
    ]
    assert team["participant"][0]["role"][1]["coding"][0]["code"] == "key-worker"


def test_exports_are_the_same_every_time() -> None:
    assert to_bundle(full_passport()) == to_bundle(full_passport())


def test_no_part_of_an_exported_bundle_is_shared_with_another_part() -> None:
    """A caller may change one reference without changing every resource that has one like it."""
    seen: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict | list):
            assert id(value) not in seen
            seen.add(id(value))
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(to_bundle(full_passport()))


def test_two_people_at_one_site_have_different_full_urls() -> None:
    ada = Passport(person=PassportPerson(given_name="Ada", key="person-1"))
    bo = Passport(person=PassportPerson(given_name="Bo", key="person-2"))
    ada_urls = {e["fullUrl"] for e in to_bundle(ada)["entry"]}
    bo_urls = {e["fullUrl"] for e in to_bundle(bo)["entry"]}
    assert not ada_urls & bo_urls


def test_an_invalid_passport_is_not_exported() -> None:
    passport = Passport(
        person=PassportPerson(given_name=" ", nhs_number="1234567890", gender="M"),
        goals=(PassportGoal("goal 1", "x", "bogus", "bogus", "bogus"),),
        sharing=(Sharing("circle", "nobody", frozenset({"everything"})),),
        updated_at=dt.datetime(2024, 1, 1, 12, 0),  # noqa: DTZ001 - naive on purpose
    )
    with pytest.raises(PassportError) as caught:
        to_bundle(passport)
    text = str(caught.value)
    for expected in [
        "no given name",
        "Modulus 11",
        "'M' is not an NHS gender",
        "'goal 1' is not a FHIR id",
        "'bogus' is not a Living Well life domain",
        "'bogus' is not a FHIR goal status",
        "no one in the circle",
        "'everything' cannot be shared",
        "no time zone",
    ]:
        assert expected in text


# --- A thousand synthetic plans ------------------------------------------------------------------

GIVEN = ["Ada", "Bo", "Chidi", "Dafydd", "Eilidh", "Fatima", "Grzegorz", "Hiroshi", "Zoë", "Ngọc"]
FAMILY = ["Mensah", "O'Neill", "Smith-Jones", "Kowalski", "Ó Briain", "Nguyễn", "李", ""]
WORDS = ["I", "want", "to", "feel", "safe", "at home", "see my kids", "sleep", "walk", "cook", "€5"]
ROLES = ["Peer worker", "Support worker", "Housing worker", "Psychologist", "GP liaison", ""]
OFFSETS = [0, 60, -300, 330, 545, -210]


def synthetic_nhs_number(rng: random.Random) -> str:
    """A test-range NHS number: 999, six digits and a valid Modulus 11 check digit."""
    while True:
        first_nine = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 10:
            continue
        number = first_nine + str(0 if check == 11 else check)
        assert nhs_number_is_valid(number)
        return number


def words(rng: random.Random, empty: float = 0.3) -> str:
    if rng.random() < empty:
        return ""
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
    return text + ("\nand more" if rng.random() < 0.2 else "")


def synthetic_passport(rng: random.Random, number: int) -> Passport:
    born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(28_000))
    person = PassportPerson(
        given_name=rng.choice(GIVEN),
        family_name=rng.choice(FAMILY),
        date_of_birth=born if rng.random() < 0.8 else None,
        nhs_number=synthetic_nhs_number(rng) if rng.random() < 0.7 else "",
        gender=rng.choice(list(GENDER_IDENTITIES)),
        ethnic_category=rng.choice(list(ETHNIC_CATEGORIES)),
        phone=f"07700 9{rng.randrange(10**5):05d}" if rng.random() < 0.7 else "",
        email=f"person{number}@example.org" if rng.random() < 0.5 else "",
        address=words(rng, 0.4),
        postcode=rng.choice(["SE1 7PB", "M1 1AE", "EH1 1YZ", ""]),
        key=f"person-{number}" if rng.random() < 0.9 else "",
    )
    goals = tuple(
        PassportGoal(
            key=f"goal-{number}-{g}",
            description=words(rng, 0) or "A goal",
            domain=rng.choice(list(LIFE_DOMAINS)),
            lifecycle_status=rng.choice(list(GOAL_LIFECYCLE)),
            achievement_status=rng.choice([*GOAL_ACHIEVEMENT, ""]),
            start_date=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
            if rng.random() < 0.6
            else None,
        )
        for g in range(rng.randint(0, 6))
    )
    circle = tuple(
        CircleMember(
            key=f"circle-{number}-{c}",
            name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}".strip(),
            relationship=rng.choice(list(RELATIONSHIPS)),
            is_carer=rng.random() < 0.3,
            phone=f"07700 8{rng.randrange(10**5):05d}" if rng.random() < 0.5 else "",
            email=f"circle{number}.{c}@example.org" if rng.random() < 0.3 else "",
        )
        for c in range(rng.randint(0, 5))
    )
    team = tuple(
        TeamMember(
            name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}".strip(),
            role=rng.choice(ROLES),
            is_key_worker=t == 0 and rng.random() < 0.8,
            organisation=rng.choice(["", "Living Well North", "NHS trust"]),
        )
        for t in range(rng.randint(0, 4))
    )
    organisations = tuple(
        Organisation(
            key=f"org-{o}",
            name=rng.choice(["GP surgery", "Food bank", "Council housing", "Mind"]),
            ods_code=f"G{rng.randrange(10**5):05d}" if rng.random() < 0.5 else "",
        )
        for o in range(rng.randint(0, 3))
    )
    recipients = [("circle", m.key) for m in circle] + [
        ("organisation", o.key) for o in organisations
    ]
    rng.shuffle(recipients)
    sharing = tuple(
        Sharing(kind, key, frozenset(rng.sample(list(SHAREABLE_PARTS), rng.randint(0, 5))))
        for kind, key in recipients[: rng.randint(0, len(recipients))]
    )
    domains = tuple(
        DomainEntry(domain, words(rng), words(rng))
        for domain in rng.sample(list(LIFE_DOMAINS), rng.randint(0, len(LIFE_DOMAINS)))
    )
    updated_at = None
    if rng.random() < 0.9:
        zone = dt.timezone(dt.timedelta(minutes=rng.choice(OFFSETS)))
        updated_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            seconds=rng.randrange(150_000_000), microseconds=rng.choice([0, rng.randrange(10**6)])
        )
        updated_at = updated_at.astimezone(zone)
    return Passport(
        person=person,
        what_matters=words(rng),
        strengths=words(rng),
        what_helps=words(rng),
        what_does_not_help=words(rng),
        crisis_signs=words(rng),
        crisis_what_i_can_do=words(rng),
        crisis_who_to_contact=words(rng),
        domains=domains,
        goals=goals,
        circle=circle,
        team=team,
        organisations=organisations,
        sharing=sharing,
        active=rng.random() < 0.8,
        updated_at=updated_at,
        version=rng.randint(0, 500),
        site=rng.choice(
            ["https://lambeth.livingwell.example", "https://salford.livingwell.example/"]
        ),
    )


def synthetic_passports(count: int, seed: int = 20240601) -> list[Passport]:
    rng = random.Random(seed)  # noqa: S311 - seeded test data, not secrets
    return [synthetic_passport(rng, number) for number in range(count)]


def test_a_thousand_synthetic_plans_validate_and_come_back_exactly() -> None:
    for passport in synthetic_passports(1000):
        bundle = to_bundle(passport)
        Bundle.model_validate(bundle)
        assert from_bundle(bundle) == passport


# --- Bundles that are refused --------------------------------------------------------------------


def entry_of(bundle: dict[str, Any], resource_type: str, number: int = 0) -> dict[str, Any]:
    return resources(bundle, resource_type)[number]


def good_bundle() -> dict[str, Any]:
    return to_bundle(full_passport())


def test_invalid_json_is_refused_in_words() -> None:
    (problem,) = problems_of('{"resourceType": "Bundle", ')
    assert "not valid JSON" in problem
    (problem,) = problems_of(b"\xff\xfe\x00")
    assert "JSON" in problem or "UTF-8" in problem


def test_a_patient_is_not_a_bundle() -> None:
    (problem,) = problems_of(entry_of(good_bundle(), "Patient"))
    assert "Patient, not a Bundle" in problem


def test_a_bundle_without_a_patient_is_refused() -> None:
    bundle = good_bundle()
    patient_url = bundle["entry"][0]["fullUrl"]
    bundle["entry"] = bundle["entry"][1:]
    problems = problems_of(bundle)
    assert any("no Patient" in p for p in problems)
    assert any(patient_url in p and "does not point to any entry" in p for p in problems)


def test_a_bundle_with_two_patients_is_refused() -> None:
    bundle = good_bundle()
    second = copy.deepcopy(bundle["entry"][0])
    second["fullUrl"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    bundle["entry"].append(second)
    problems = problems_of(bundle)
    assert any("2 Patients" in p for p in problems)


def test_a_bogus_lifecycle_status_is_refused() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Goal", 1)["lifecycleStatus"] = "bogus"
    (problem,) = problems_of(bundle)
    assert problem == "Entry 5 (Goal goal-2): lifecycleStatus 'bogus' is not a FHIR goal status"


def test_a_bogus_achievement_status_is_refused() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Goal")["achievementStatus"]["coding"][0]["code"] = "nearly"
    (problem,) = problems_of(bundle)
    assert "Goal goal-1" in problem
    assert "'nearly' is not a FHIR goal achievement status" in problem


def test_an_nhs_number_failing_modulus_11_is_refused() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Patient")["identifier"][1]["value"] = "9000000008"
    (problem,) = problems_of(bundle)
    assert problem.startswith("Entry 1 (Patient person-1)")
    assert "'9000000008' does not pass the Modulus 11 check" in problem


def test_a_dangling_reference_is_refused() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Goal")["subject"]["reference"] = (
        "urn:uuid:11111111-1111-4111-8111-111111111111"
    )
    (problem,) = problems_of(bundle)
    assert "Goal goal-1" in problem
    assert "at subject does not point to any entry" in problem


def test_a_goal_in_an_unknown_domain_is_refused() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Goal")["category"][0]["coding"][0]["code"] = "astrology"
    (problem,) = problems_of(bundle)
    assert "Goal goal-1" in problem
    assert "'astrology' is not a Living Well life domain" in problem


def test_a_patient_with_no_name_is_refused() -> None:
    bundle = good_bundle()
    del entry_of(bundle, "Patient")["name"]
    (problem,) = problems_of(bundle)
    assert "has no name" in problem


def test_a_resource_fhir_does_not_allow_is_refused_in_words() -> None:
    bundle = good_bundle()
    goal = entry_of(bundle, "Goal")
    goal["startDate"] = "2024-13-45"
    goal["mood"] = "cheerful"
    problems = problems_of(bundle)
    assert any(p.startswith("Entry 4 (Goal goal-1): startDate") for p in problems)
    assert any("'mood' is not an element of a FHIR R4 Goal" in p for p in problems)


def test_every_problem_is_reported_at_once() -> None:
    bundle = good_bundle()
    entry_of(bundle, "Patient")["identifier"][1]["value"] = "9000000008"
    entry_of(bundle, "Patient")["gender"] = "blue"
    entry_of(bundle, "Goal", 0)["lifecycleStatus"] = "bogus"
    entry_of(bundle, "Goal", 1)["category"][0]["coding"][0]["code"] = "astrology"
    entry_of(bundle, "Goal", 2)["subject"]["reference"] = "urn:uuid:nowhere"
    entry_of(bundle, "RelatedPerson")["relationship"][0]["coding"][0]["code"] = "BOSS"
    entry_of(bundle, "Consent")["provision"]["provision"][0]["code"][0]["coding"][0]["code"] = "all"
    entry_of(bundle, "CarePlan")["status"] = "paused"
    bundle["type"] = "searchset"
    problems = problems_of(bundle)
    text = "\n".join(problems)
    for expected in [
        "Modulus 11",
        "gender 'blue' is not a FHIR administrative gender",
        "lifecycleStatus 'bogus'",
        "'astrology' is not a Living Well life domain",
        "'urn:uuid:nowhere'",
        "'BOSS' is not one Living Well records",
        "'all' is not a part of the record",
        "status 'paused' is not a FHIR CarePlan status",
        "type is 'searchset'",
    ]:
        assert expected in text
    assert len(problems) >= 9


def test_a_bundle_from_another_site_may_hold_resources_we_do_not_use() -> None:
    bundle = good_bundle()
    bundle["entry"].append(
        {
            "fullUrl": "urn:uuid:22222222-2222-4222-8222-222222222222",
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "mood"},
            },
        }
    )
    bundle["entry"].append(
        {
            "fullUrl": "urn:uuid:33333333-3333-4333-8333-333333333333",
            "resource": {"resourceType": "Basic", "code": {"text": "something else"}},
        }
    )
    assert from_bundle(bundle) == full_passport()


def test_a_resource_type_fhir_does_not_have_is_refused() -> None:
    bundle = good_bundle()
    bundle["entry"].append({"fullUrl": "urn:x:foo", "resource": {"resourceType": "Foo", "x": 1}})
    (problem,) = problems_of(bundle)
    assert problem == "Entry 12: 'Foo' is not a FHIR R4 resource type"


def test_a_consent_actor_that_is_not_a_recipient_is_refused() -> None:
    bundle = good_bundle()
    goal_url = bundle["entry"][3]["fullUrl"]
    consent = entry_of(bundle, "Consent")
    consent["provision"]["provision"][0]["actor"][0]["reference"]["reference"] = goal_url
    consent["provision"]["type"] = "permit"
    problems = problems_of(bundle)
    assert any("must be a RelatedPerson or an Organization" in p for p in problems)
    assert any("base provision must be 'deny'" in p for p in problems)


JUNK: list[object] = [None, 0, 1.5, True, "", " ", "bogus", [], {}, [{}], {"reference": "x"}]


def test_a_damaged_bundle_is_refused_in_words_never_with_a_traceback() -> None:
    """Seeded random damage: any exception other than BundleError fails the test."""
    rng = random.Random(7)  # noqa: S311 - seeded test data, not secrets
    bundles = [to_bundle(p) for p in synthetic_passports(20)] + [good_bundle()]

    def places(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
        found = [path] if path else []
        if isinstance(value, dict):
            for key, item in value.items():
                found += places(item, (*path, key))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                found += places(item, (*path, number))
        return found

    for _ in range(300):
        bundle = copy.deepcopy(rng.choice(bundles))
        for _ in range(rng.randint(1, 3)):
            *parents, last = rng.choice(places(bundle))
            parent: Any = bundle
            for step in parents:
                parent = parent[step]
            parent[last] = copy.deepcopy(rng.choice(JUNK))
        problems: list[str] = ["(accepted)"]
        try:
            from_bundle(bundle)
        except BundleError as error:
            problems = error.problems
        assert problems
        assert all(isinstance(problem, str) and problem for problem in problems)


# --- Purity ------------------------------------------------------------------------------------
