"""Issue 11: bringing over the plan of someone the team already knows offers to join it to their
record, by the front door's "Coming back" rules, instead of making a second person. Nothing changes
until the team answers; the look at the record it may be is logged."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.core.errors import Refused
from livingwell.people.models import Person
from livingwell.plans import fhir
from livingwell.plans.models import Plan
from livingwell.plans.passport import Passport
from livingwell.plans.passport_io import MayBeKnown, plan_import
from livingwell.team.models import StaffMember
from tests.factories import PersonFactory
from tests.plans.test_fhir import synthetic_passports

pytestmark = pytest.mark.django_db


def _without_nhs_number() -> Passport:
    passport = synthetic_passports(1, seed=21)[0]
    return dataclasses.replace(
        passport, person=dataclasses.replace(passport.person, nhs_number="", postcode="SE11 5AA")
    )


@pytest.fixture
def incoming() -> Passport:
    return _without_nhs_number()


@pytest.fixture
def known(key_worker: StaffMember, incoming: Passport) -> Person:
    """Someone the team knows, by the same names, date of birth and postcode as the file."""
    person: Person = PersonFactory.create(
        team=key_worker.team,
        given_name=incoming.person.given_name,
        family_name=incoming.person.family_name,
        date_of_birth=incoming.person.date_of_birth,
        postcode="se115aa",
        phone="",
        email="",
    )
    return person


def _upload(passport: Passport) -> io.BytesIO:
    upload = io.BytesIO(json.dumps(fhir.to_bundle(passport)).encode())
    upload.name = "plan.fhir.json"
    return upload


def test_a_file_for_someone_known_asks_first_and_changes_nothing(
    key_worker: StaffMember, incoming: Passport, known: Person
) -> None:
    people = Person.objects.count()
    with pytest.raises(MayBeKnown) as asked:
        plan_import(key_worker, incoming)
    assert asked.value.person_id == known.pk
    assert Person.objects.count() == people
    assert not Plan.objects.filter(person=known).exists()


def test_the_answer_adds_the_plan_to_their_record_or_makes_a_new_one(
    key_worker: StaffMember, incoming: Passport, known: Person
) -> None:
    added = plan_import(key_worker, incoming, into=known.pk)
    assert added.person == known
    assert not added.created
    assert Plan.objects.get(person=known).what_matters == incoming.what_matters

    other: Person = PersonFactory.create(team=key_worker.team)
    second = dataclasses.replace(incoming, what_matters="Someone else's words")
    with pytest.raises(Refused, match="already has a plan here"):
        plan_import(key_worker, second, into=known.pk)
    with pytest.raises(Refused, match="only be added to the record this file matched"):
        plan_import(key_worker, second, into=other.pk)
    made = plan_import(key_worker, second, as_new=True)
    assert made.created
    assert made.person != known


def test_someone_on_another_team_is_never_offered(
    other_team_member: StaffMember, incoming: Passport, known: Person
) -> None:
    made = plan_import(other_team_member, incoming)
    assert made.created, "another team's people are not compared: a new record on this team"
    assert made.person.team_id == other_team_member.team_id


def test_the_page_asks_then_adds_the_plan_to_their_record(
    key_worker_client: Client, incoming: Passport, known: Person
) -> None:
    people = Person.objects.count()
    asked = key_worker_client.post(reverse("plan-import"), {"bundle": _upload(incoming)})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert f"Is this plan for {known.name}?" in page
    assert Person.objects.count() == people
    assert AccessLogEntry.objects.filter(
        person=known, why="Checking who a plan file is for"
    ).exists()
    carried = re.search(r'name="bundle_text" value="([^"]*)"', page)
    assert carried is not None
    bundle_text = carried.group(1).replace("&#34;", '"').replace("&quot;", '"')
    bundle_text = bundle_text.replace("&#39;", "'").replace("&amp;", "&")

    added = key_worker_client.post(
        reverse("plan-import"),
        {"bundle_text": bundle_text, "into": str(known.pk), "answer": "into"},
    )
    assert "added to their record" in added.content.decode()
    assert Person.objects.count() == people
    assert Plan.objects.get(person=known).what_matters == incoming.what_matters


def test_the_api_answers_409_with_who_it_may_be_then_takes_the_answer(
    key_worker_client: Client, incoming: Passport, known: Person
) -> None:
    bundle: dict[str, Any] = fhir.to_bundle(incoming)
    asked = key_worker_client.post(
        "/api/plans/import", json.dumps(bundle), content_type="application/json"
    )
    assert asked.status_code == 409
    assert asked.json()["detail"]["may_be"] == known.pk
    answered = key_worker_client.post(
        f"/api/plans/import?into={known.pk}", json.dumps(bundle), content_type="application/json"
    )
    assert answered.status_code == 201
    assert answered.json()["person_id"] == known.pk


def test_a_refused_answer_is_logged_in_words_that_fit_a_file_with_no_nhs_number(
    key_worker: StaffMember, incoming: Passport, known: Person
) -> None:
    plan_import(key_worker, incoming, into=known.pk)
    with pytest.raises(Refused, match="already has a plan here"):
        plan_import(key_worker, incoming, into=known.pk)
    tried = AccessLogEntry.objects.filter(person=known, why__startswith="Tried to bring in").get()
    assert "NHS number" not in tried.what + tried.why
    assert tried.what == "their name and details, in a plan file from another service"
