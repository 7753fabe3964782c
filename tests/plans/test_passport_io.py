"""The passport in and out of the database: export then import gives back the same plan; bundles
from a whole synthetic borough validate; a bad or mismatched import changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from livingwell.access import policy
from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction, Part
from livingwell.core.errors import Refused
from livingwell.network.models import Organisation as OrganisationModel
from livingwell.people.models import CircleMember, Person, SharingChoice
from livingwell.plans import fhir
from livingwell.plans.models import Plan
from livingwell.plans.passport import Organisation, Passport, Sharing
from livingwell.plans.passport_io import passport_of, plan_import
from livingwell.team.models import StaffMember, Team
from tests.conftest import sign_in_person
from tests.factories import PersonFactory, UserFactory, nhs_number_for_test
from tests.plans.test_fhir import synthetic_passports

pytestmark = pytest.mark.django_db


def _staff_user(member: StaffMember) -> Any:
    user = member.user
    # As django-otp marks a session that gave its code: its middleware sets this on the user at run time,
    # an attribute neither Django's User nor django-otp (untyped) declares, so there is no type to say it.
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def _content(passport: Passport) -> dict[str, Any]:
    """What the person told us, without the site's own bookkeeping (keys, versions, team, times)."""
    circle_names = {c.key: c.name for c in passport.circle}
    organisation_names = {o.key: o.name for o in passport.organisations}
    data = dataclasses.asdict(passport)
    for name in ("site", "version", "updated_at", "team", "organisations"):
        data.pop(name)
    data["person"].pop("key")
    data["goals"] = sorted(
        ({k: v for k, v in g.items() if k != "key"} for g in data["goals"]),
        key=lambda g: (g["description"], g["domain"]),
    )
    data["circle"] = sorted(
        ({k: v for k, v in c.items() if k != "key"} for c in data["circle"]),
        key=lambda c: (c["name"], c["relationship"]),
    )
    data["domains"] = sorted(  # a part of life with nothing said about it is not kept
        (d for d in data["domains"] if d["how_things_are"] or d["what_has_helped"]),
        key=lambda d: d["domain"],
    )
    data["sharing"] = sorted(
        (
            s["recipient_kind"],
            circle_names.get(s["recipient_key"]) or organisation_names.get(s["recipient_key"]),
            tuple(sorted(s["parts"])),
        )
        for s in data["sharing"]
        if s["recipient_kind"] == "circle"  # organisations not in this site's network stay behind
    )
    return data


def _known_to_the_team(member: StaffMember, passport: Passport) -> None:
    """The person the passport is for, already known to the team with the same details."""
    details = dataclasses.asdict(passport.person)
    details.pop("key")
    Person.objects.create(team_id=member.team_id, **details)


def test_export_then_import_gives_back_the_same_plan(key_worker: StaffMember) -> None:
    seen: set[str] = set()
    passports = []
    for passport in synthetic_passports(60, seed=11):
        number = passport.person.nhs_number
        if number and number in seen:
            continue
        seen.add(number)
        passports.append(passport)
    assert any(p.person.nhs_number for p in passports)
    assert any(not p.person.nhs_number for p in passports)
    for incoming in passports:
        if incoming.person.nhs_number:
            _known_to_the_team(key_worker, incoming)
        bundle = fhir.to_bundle(incoming)
        imported = plan_import(key_worker, fhir.from_bundle(json.dumps(bundle)))
        record = policy.record_for(
            _staff_user(key_worker), imported.person.pk, part=Part.PLAN, why="Test"
        )
        exported = fhir.from_bundle(fhir.to_bundle(passport_of(record)))
        assert _content(exported) == _content(incoming)
        assert Plan.objects.get(person=imported.person).version == 1


def test_every_plan_in_a_synthetic_borough_exports_as_valid_fhir() -> None:
    call_command(
        "borough",
        "--people=400",
        "--seed=5",
        "--today=2026-11-23",
        "--quiet",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    user = _staff_user(StaffMember.objects.select_related("user").get(user__username="sam"))
    team_id = user.staff_member.team_id
    person_ids = list(
        Plan.objects.filter(person__team_id=team_id).values_list("person_id", flat=True)
    )
    assert len(person_ids) > 50
    for person_id in person_ids:
        record = policy.record_for(user, person_id, part=Part.PLAN, why="Test")
        passport = passport_of(record)
        bundle = fhir.to_bundle(passport)
        Bundle.model_validate(bundle)
        assert fhir.from_bundle(bundle) == passport


def test_an_import_naming_someone_known_here_differently_is_refused_and_changes_nothing(
    key_worker: StaffMember, person: Person
) -> None:
    incoming = synthetic_passports(1, seed=3)[0]
    mismatched = dataclasses.replace(
        incoming,
        person=dataclasses.replace(
            incoming.person, nhs_number=person.nhs_number, given_name="Adeline"
        ),
    )
    before = (Person.objects.count(), Plan.objects.count(), CircleMember.objects.count())
    with pytest.raises(
        Refused, match="but the first name, last name and date of birth in the file are different"
    ):
        plan_import(key_worker, mismatched)
    assert (Person.objects.count(), Plan.objects.count(), CircleMember.objects.count()) == before


def test_an_import_for_someone_with_a_plan_here_already_is_refused(
    key_worker: StaffMember, person: Person
) -> None:
    Plan.objects.create(person=person, what_matters="Already here", version=1)
    incoming = synthetic_passports(1, seed=3)[0]
    same = dataclasses.replace(
        incoming,
        person=dataclasses.replace(
            incoming.person,
            nhs_number=person.nhs_number,
            given_name="Ada",
            family_name="Mensah",
            date_of_birth=person.date_of_birth,
        ),
    )
    with pytest.raises(Refused, match="already has a plan here"):
        plan_import(key_worker, same)
    assert Plan.objects.get(person=person).what_matters == "Already here"


def test_the_import_page_brings_a_plan_over(key_worker_client: Client) -> None:
    incoming = _new_here(synthetic_passports(1, seed=21)[0])
    upload = io.BytesIO(json.dumps(fhir.to_bundle(incoming)).encode())
    upload.name = "plan.fhir.json"
    response = key_worker_client.post(reverse("plan-import"), {"bundle": upload})
    assert response.status_code == 200
    assert "Plan brought over" in response.content.decode()
    assert Person.objects.filter(given_name=incoming.person.given_name).exists()


def test_the_import_page_adds_the_plan_to_someone_the_team_knows_by_nhs_number(
    key_worker_client: Client, key_worker: StaffMember
) -> None:
    incoming = synthetic_passports(1, seed=21)[0]
    incoming = dataclasses.replace(
        incoming,
        person=dataclasses.replace(incoming.person, nhs_number=nhs_number_for_test(901)),
    )
    _known_to_the_team(key_worker, incoming)
    upload = io.BytesIO(json.dumps(fhir.to_bundle(incoming)).encode())
    upload.name = "plan.fhir.json"
    response = key_worker_client.post(reverse("plan-import"), {"bundle": upload})
    assert "added to their record" in response.content.decode()
    person = Person.objects.get(nhs_number=incoming.person.nhs_number)
    assert Plan.objects.get(person=person).what_matters == incoming.what_matters


def test_a_file_that_is_not_fhir_is_refused_on_the_page_with_what_is_wrong(
    key_worker_client: Client,
) -> None:
    upload = io.BytesIO(b'{"resourceType": "Patient", "name": [{"given": ["Ada"]}]}')
    upload.name = "plan.json"
    response = key_worker_client.post(reverse("plan-import"), {"bundle": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The file is not a plan we can bring over." in page
    assert "Bundle" in page
    assert not Person.objects.exists()


def test_the_api_refuses_a_bundle_with_problems_with_each_problem(
    key_worker_client: Client,
) -> None:
    bundle = fhir.to_bundle(synthetic_passports(1, seed=8)[0])
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "Patient":
            entry["resource"]["identifier"] = [
                {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000019"}
            ]
    response = key_worker_client.post(
        "/api/plans/import", json.dumps(bundle), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert "Modulus 11" in body["message"] or "not a real NHS number" in body["message"]
    assert body["detail"]["problems"]
    assert not Person.objects.exists()


def test_the_api_imports_a_good_bundle(key_worker_client: Client) -> None:
    bundle = fhir.to_bundle(_new_here(synthetic_passports(1, seed=9)[0]))
    response = key_worker_client.post(
        "/api/plans/import", json.dumps(bundle), content_type="application/json"
    )
    assert response.status_code == 201
    assert Person.objects.filter(pk=response.json()["person_id"]).exists()


# --- What an imported plan keeps, and what it never grants ------------------------------------------


def _with_organisation(passport: Passport, organisation: Organisation) -> Passport:
    """The passport, sharing its plan and goals with this organisation as well."""
    return dataclasses.replace(
        passport,
        organisations=(*passport.organisations, organisation),
        sharing=(
            *passport.sharing,
            Sharing(
                recipient_kind="organisation",
                recipient_key=organisation.key,
                parts=frozenset({"plan", "goals"}),
            ),
        ),
    )


def _new_here(passport: Passport) -> Passport:
    """The passport of someone not known here at all (no NHS number in the file)."""
    return dataclasses.replace(passport, person=dataclasses.replace(passport.person, nhs_number=""))


def test_an_import_never_shares_with_an_organisation_matched_only_by_name(
    key_worker: StaffMember, partner_organisation: OrganisationModel
) -> None:
    incoming = _with_organisation(
        _new_here(synthetic_passports(1, seed=4)[0]),
        Organisation(key="organisation-x", name=partner_organisation.name, ods_code="X99999"),
    )
    imported = plan_import(key_worker, incoming)
    assert not SharingChoice.objects.filter(organisation=partner_organisation).exists()
    said = [item for item in imported.left_out if partner_organisation.name in item]
    assert said == [
        f"sharing with {partner_organisation.name}: no organisation here has the same ODS code, "
        "so nothing is shared with it. Ask the person if they want to share with an "
        "organisation here."
    ]


def test_an_import_shares_with_an_organisation_matched_by_its_ods_code(
    key_worker: StaffMember,
) -> None:
    here = OrganisationModel.objects.create(name="Lambeth Talking Therapies", ods_code="RV5")
    incoming = _with_organisation(
        _new_here(synthetic_passports(1, seed=4)[0]),
        Organisation(key="organisation-y", name="Talking Therapies (old name)", ods_code="RV5"),
    )
    imported = plan_import(key_worker, incoming)
    choice = SharingChoice.objects.get(person=imported.person, organisation=here)
    assert sorted(choice.parts) == ["goals", "plan"]


@pytest.mark.parametrize("active", [True, False], ids=["active", "completed"])
def test_an_imported_plan_keeps_its_status(key_worker: StaffMember, active: bool) -> None:
    incoming = dataclasses.replace(_new_here(synthetic_passports(1, seed=6)[0]), active=active)
    imported = plan_import(key_worker, incoming)
    record = policy.record_for(
        _staff_user(key_worker), imported.person.pk, part=Part.PLAN, why="Test"
    )
    assert passport_of(record).active is active
    bundle = fhir.to_bundle(passport_of(record))
    plans = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    assert [p["status"] for p in plans] == ["active" if active else "completed"]


# --- Someone on another team: answered exactly as for a number not known here ------------------------


def _bundle_for(nhs_number: str, *, right_details: bool = True) -> dict[str, Any]:
    """A plan file with this NHS number, and the name and date of birth of Jonas Berg or others."""
    incoming = synthetic_passports(1, seed=3)[0]
    details = (
        {"given_name": "Jonas", "family_name": "Berg", "date_of_birth": dt.date(1979, 2, 3)}
        if right_details
        else {"given_name": "Wrong"}
    )
    return fhir.to_bundle(
        dataclasses.replace(
            incoming,
            person=dataclasses.replace(incoming.person, nhs_number=nhs_number, **details),
        )
    )


def _page_answer(client: Client, bundle: dict[str, Any]) -> tuple[int, str]:
    upload = io.BytesIO(json.dumps(bundle).encode())
    upload.name = "plan.fhir.json"
    response = client.post(reverse("plan-import"), {"bundle": upload})
    # The form's CSRF token and the scripts' CSP nonce are new on every page, whoever asks: they are
    # the only things left out.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    page = re.sub(r'nonce="[^"]*"', "", page)
    return response.status_code, page


def _api_answer(client: Client, bundle: dict[str, Any]) -> tuple[int, bytes]:
    response = client.post("/api/plans/import", json.dumps(bundle), content_type="application/json")
    return response.status_code, response.content


@pytest.fixture
def someone_on_another_team(other_team: Team) -> Person:
    return PersonFactory.create(
        team=other_team, given_name="Jonas", family_name="Berg", date_of_birth=dt.date(1979, 2, 3)
    )


@pytest.mark.parametrize("right_details", [True, False], ids=["right-details", "wrong-details"])
@pytest.mark.parametrize("answer", [_page_answer, _api_answer], ids=["page", "api"])
def test_someone_on_another_team_is_answered_exactly_as_a_number_not_known_here(
    key_worker_client: Client,
    someone_on_another_team: Person,
    right_details: bool,
    answer: Any,
) -> None:
    before = (Person.objects.count(), Plan.objects.count(), CircleMember.objects.count())
    unknown = answer(
        key_worker_client, _bundle_for(nhs_number_for_test(900), right_details=right_details)
    )
    known = answer(
        key_worker_client,
        _bundle_for(someone_on_another_team.nhs_number, right_details=right_details),
    )
    assert known == unknown
    status, body = known
    assert status in (200, 409)
    words = body.decode() if isinstance(body, bytes) else body
    assert "No one your team supports has the NHS number in this file" in words
    for stored in ("known to another team", "already known", "Jonas here", "do not match"):
        assert stored not in words
    assert (Person.objects.count(), Plan.objects.count(), CircleMember.objects.count()) == before


def test_the_attempt_is_in_the_access_log_of_the_person_on_the_other_team(
    key_worker_client: Client, key_worker: StaffMember, someone_on_another_team: Person
) -> None:
    _api_answer(key_worker_client, _bundle_for(someone_on_another_team.nhs_number))
    entry = AccessLogEntry.objects.get(person=someone_on_another_team)
    assert entry.actor_id == key_worker.user_id
    assert entry.actor_description == "Amara Okafor, Peer worker, North"
    assert "Tried to bring in a plan with their NHS number" in entry.why
    assert "NHS number" in entry.what
    # Nothing about what was in the file, or about the importer beyond their name, role and team.
    assert "Jonas" not in entry.what + entry.why
    assert entry.action == AccessAction.VIEW


def test_the_person_on_the_other_team_can_read_the_attempt_in_their_own_log(
    key_worker_client: Client, someone_on_another_team: Person
) -> None:
    user = UserFactory.create(username="jonas@example.com")
    someone_on_another_team.user = user
    someone_on_another_team.save(update_fields=["user"])
    _api_answer(key_worker_client, _bundle_for(someone_on_another_team.nhs_number))
    page = sign_in_person(Client(), user).get(reverse("my-access-log")).content.decode()
    assert "Tried to bring in a plan with your NHS number" in page
    assert "Amara Okafor, Peer worker, North" in page


def test_a_mismatch_on_the_team_says_what_differs_without_echoing_what_is_held(
    key_worker: StaffMember, person: Person
) -> None:
    incoming = synthetic_passports(1, seed=3)[0]
    mismatched = dataclasses.replace(
        incoming,
        person=dataclasses.replace(
            incoming.person,
            nhs_number=person.nhs_number,
            given_name="Adeline",
            family_name=person.family_name,
            date_of_birth=dt.date(1990, 1, 1),
        ),
    )
    with pytest.raises(Refused) as refused:
        plan_import(key_worker, mismatched)
    message = refused.value.message
    assert "the first name and date of birth in the file are different" in message
    assert "Ada" not in message
    assert person.date_of_birth is not None
    assert str(person.date_of_birth.year) not in message
