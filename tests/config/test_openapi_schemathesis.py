"""Schemathesis sends the API what its OpenAPI allows (and some of what it does not), as a signed-in
key worker, and checks every answer: never a 5xx, and every status, content type and body as the
OpenAPI says. Bounded to a few examples for each route, so it stays quick in `make test`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from livingwell.config.wsgi import application
from livingwell.network.models import Service, ServiceAtLocation, TaxonomyTerm
from livingwell.network.services import postcodes_load, synthetic_directory_load
from livingwell.people.models import CircleMember, Person
from livingwell.plans.models import Goal, Plan
from livingwell.synthetic import directory as synthetic
from livingwell.team.models import StaffMember
from livingwell.warm_introductions.models import WarmIntroduction
from tests.conftest import sign_in
from tests.factories import IntroductionFactory

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CSRF_TOKEN = "SchemathesisSendsThisCsrfToken32"  # a CSRF secret: 32 letters and digits


@pytest.fixture
def real_ids(person: Person, carer: CircleMember, key_worker: StaffMember) -> dict[str, Any]:
    """A person the key worker's team supports, with an introduction, a goal and a carer; and a
    few services in the directory, with their places, organisations and taxonomies."""
    postcodes_load(synthetic.postcodes()[:2000])
    synthetic_directory_load(
        synthetic.directory(services=4), city=synthetic.CITY, county=synthetic.COUNTY
    )
    at = ServiceAtLocation.objects.select_related("service__organisation").first()
    assert at is not None
    term = TaxonomyTerm.objects.select_related("taxonomy").first()
    assert term is not None
    assert term.taxonomy is not None
    plan = Plan.objects.create(person=person)
    goal = Goal.objects.create(plan=plan, description="Swim again", domain="physical-health")
    introduction = IntroductionFactory.create(person=person)
    group = Service.objects.filter(warm_introductions=True).first() or at.service
    warm = WarmIntroduction.objects.create(
        person=person,
        team_id=person.team_id,
        introducer=key_worker,
        service=group,
        organisation=group.organisation,
        wants="Someone to talk to",
        contact_way="key-worker",
        made_at=timezone.now(),
    )
    return {
        "person_id": person.pk,
        "goal_id": goal.pk,
        "introduction_id": introduction.pk,
        "recipient_id": carer.pk,
        "plan_id": plan.pk,
        "service_id": str(at.service_id),
        "at_id": str(at.pk),
        "organisation_id": str(at.service.organisation.directory_id),
        "taxonomy_id": str(term.taxonomy.pk),
        "term_id": str(term.pk),
        "warm_id": warm.pk,
    }


@pytest.fixture
def signed_in_cookies(key_worker: StaffMember) -> Iterator[dict[str, Any]]:
    """The cookies of a key worker with their second factor.

    The requests go through the WSGI application in this test's transaction, so Django must not
    close the connection at the end of each one (its test client does the same)."""
    client = sign_in(Client(), key_worker)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@schema.given(real=st.booleans())
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_the_api_answers_as_its_openapi_says_and_never_with_a_5xx(
    case: Any, real: bool, signed_in_cookies: dict[str, Any], real_ids: dict[str, Any]
) -> None:
    if real:
        # Half the time, a person the key worker's team supports (their goal, introduction and
        # carer), so every route is exercised beyond "not found".
        for name in case.path_parameters or {}:
            case.path_parameters[name] = real_ids[name]
        if isinstance(case.body, dict) and "recipient_id" in case.body:
            case.body.update(recipient_kind="circle", recipient_id=real_ids["recipient_id"])
        if isinstance(case.body, dict) and isinstance(case.body.get("version"), int):
            # The plan's version now, so a change is saved rather than caught as out of date.
            case.body["version"] = Plan.objects.get(pk=real_ids["plan_id"]).version
    response = case.call(cookies=signed_in_cookies, headers={"X-CSRFToken": CSRF_TOKEN})
    case.validate_response(response, checks=CHECKS)
