"""The OpenAPI tells the truth: each route lists every answer it can give, the FHIR route its FHIR
content type, and each parameter its bounds and choices."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.config.api import api
from livingwell.plans.models import TEXT_LIMIT


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return dict(api.get_openapi_schema(path_prefix="/api/"))


def answers(schema: dict[str, Any], method: str, path: str) -> set[int]:
    return {int(status) for status in schema["paths"][path][method]["responses"]}


# What each of the organisation's answers to a warm introduction can give back.
WARM_ANSWERS = {200, 400, 401, 403, 404, 409, 422}


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/introductions", {200, 401, 422}),
        ("get", "/api/introductions/{introduction_id}", {200, 401, 404, 422}),
        ("post", "/api/introductions/{introduction_id}/close", {400, 401, 403, 404, 409, 422}),
        ("get", "/api/people/{person_id}", {200, 401, 404, 422}),
        ("get", "/api/people/{person_id}/plan", {200, 401, 404, 422}),
        ("patch", "/api/people/{person_id}/plan", {200, 400, 401, 403, 404, 409, 422}),
        ("post", "/api/people/{person_id}/plan/goals", {201, 400, 401, 403, 404, 409, 422}),
        (
            "patch",
            "/api/people/{person_id}/plan/goals/{goal_id}",
            {200, 400, 401, 403, 404, 409, 422},
        ),
        ("put", "/api/people/{person_id}/sharing", {200, 400, 401, 403, 404, 409, 422}),
        ("get", "/api/people/{person_id}/plan/fhir", {200, 401, 403, 404, 422}),
        ("post", "/api/plans/import", {201, 400, 401, 403, 409, 422}),
        ("get", "/api/warm-introductions", {200, 401, 403}),
        ("get", "/api/warm-introductions/{warm_id}", {200, 401, 403, 404, 422}),
        *(
            ("post", f"/api/warm-introductions/{{warm_id}}/{answer}", WARM_ANSWERS)
            for answer in ("seen", "accept", "not-accepted", "met")
        ),
        ("post", "/api/warm-introductions/{warm_id}/close", {401, 403, 404, 409, 422}),
    ],
)
def test_each_route_lists_every_answer_it_gives(
    schema: dict[str, Any], method: str, path: str, expected: set[int]
) -> None:
    assert answers(schema, method, path) == expected


def test_every_route_is_listed_above(schema: dict[str, Any]) -> None:
    routes = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert len(routes) == 18


@pytest.mark.django_db
def test_a_call_without_signing_in_gets_the_401_the_openapi_lists(client: Client) -> None:
    response = client.get("/api/introductions")
    assert response.status_code == 401
    assert response.json()["message"].startswith("Sign in")


def test_the_fhir_route_says_it_sends_fhir_json(schema: dict[str, Any]) -> None:
    ok = schema["paths"]["/api/people/{person_id}/plan/fhir"]["get"]["responses"][200]
    assert list(ok["content"]) == ["application/fhir+json"]


def test_the_board_page_has_its_bounds(schema: dict[str, Any]) -> None:
    (page,) = schema["paths"]["/api/introductions"]["get"]["parameters"]
    assert (page["schema"]["minimum"], page["schema"]["maximum"]) == (1, 10_000)


def _field(schema: dict[str, Any], model: str, name: str) -> dict[str, Any]:
    field = schema["components"]["schemas"][model]["properties"][name]
    return next((s for s in field.get("anyOf", [field]) if s.get("type") != "null"), field)


def test_choices_and_lengths_are_in_the_schemas(schema: dict[str, Any]) -> None:
    assert _field(schema, "GoalIn", "domain")["enum"] == list(LIFE_DOMAINS)
    assert _field(schema, "GoalChangeIn", "lifecycle_status")["enum"] == list(GOAL_LIFECYCLE)
    assert _field(schema, "GoalChangeIn", "achievement_status")["enum"] == list(GOAL_ACHIEVEMENT)
    assert _field(schema, "SharingIn", "parts")["items"]["enum"] == list(SHAREABLE_PARTS)
    assert _field(schema, "SharingIn", "recipient_kind")["enum"] == ["circle", "organisation"]
    assert _field(schema, "SectionsIn", "what_matters")["maxLength"] == TEXT_LIMIT
    assert _field(schema, "GoalIn", "description")["maxLength"] == 1000
    assert _field(schema, "SectionsIn", "version")["minimum"] == 0
