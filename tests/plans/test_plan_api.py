"""The plan's JSON API: conflicts and bad input get a 4xx that says what to fix, and change nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from livingwell.access import policy
from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction, Part
from livingwell.people.models import Person
from livingwell.plans.models import Goal, Plan

pytestmark = pytest.mark.django_db


def _patch(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_a_change_from_an_old_version_of_the_same_part_is_a_conflict_with_the_difference(
    key_worker_client: Client, person: Person
) -> None:
    url = f"/api/people/{person.pk}/plan"
    assert (
        _patch(key_worker_client, url, {"version": 0, "what_matters": "First"}).status_code == 200
    )
    stale = _patch(key_worker_client, url, {"version": 0, "what_matters": "Second"})
    assert stale.status_code == 409
    body = stale.json()
    assert "Someone else changed this part of the plan" in body["message"]
    assert body["detail"]["version"] == 1
    assert body["detail"]["changes"] == [
        {"what": "What matters to me", "before": "", "after": "First"}
    ]
    assert Plan.objects.get(person=person).what_matters == "First"


def test_a_goal_with_an_unknown_part_of_life_is_refused_with_the_choices(
    key_worker_client: Client, person: Person
) -> None:
    response = key_worker_client.post(
        f"/api/people/{person.pk}/plan/goals",
        json.dumps({"version": 0, "description": "Swim", "domain": "hobbies"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "domain: choose one of mental-health" in response.json()["message"]
    assert not Goal.objects.exists()


def test_a_goal_status_outside_fhir_is_refused(key_worker_client: Client, person: Person) -> None:
    created = key_worker_client.post(
        f"/api/people/{person.pk}/plan/goals",
        json.dumps({"version": 0, "description": "Swim", "domain": "physical-health"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    goal_id = created.json()["id"]
    response = _patch(
        key_worker_client,
        f"/api/people/{person.pk}/plan/goals/{goal_id}",
        {"version": 1, "lifecycle_status": "bogus"},
    )
    assert response.status_code == 422
    assert "lifecycle_status" in response.json()["message"]
    assert Goal.objects.get().lifecycle_status == "active"


def test_text_too_long_and_a_missing_version_are_refused(
    key_worker_client: Client, person: Person
) -> None:
    url = f"/api/people/{person.pk}/plan"
    long = _patch(key_worker_client, url, {"version": 0, "strengths": "x" * 5001})
    assert long.status_code == 422
    assert "strengths must be 5,000 characters or fewer" in long.json()["message"]
    missing = _patch(key_worker_client, url, {"strengths": "fine"})
    assert missing.status_code == 422
    assert "version" in missing.json()["message"]
    assert not Plan.objects.filter(person=person, version__gt=0).exists()


def test_sharing_a_part_that_does_not_exist_is_refused(
    key_worker_client: Client, person: Person, carer: Any
) -> None:
    response = key_worker_client.put(
        f"/api/people/{person.pk}/sharing",
        json.dumps({"recipient_kind": "circle", "recipient_id": carer.pk, "parts": ["secrets"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "These cannot be shared: secrets" in response.json()["message"]


def test_the_fhir_export_through_the_api(key_worker_client: Client, person: Person) -> None:
    response = key_worker_client.get(f"/api/people/{person.pk}/plan/fhir")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response.json()["resourceType"] == "Bundle"


# --- The API logs what it returns ------------------------------------------------------------------

_ANSWER_PARTS = {
    "about": Part.ABOUT,
    "plan": Part.PLAN,
    "goals": Part.GOALS,
    "crisis": Part.CRISIS,
    "circle": Part.CIRCLE,
    "sharing": Part.SHARING,
}


def _returned(body: dict[str, Any]) -> str:
    """The parts an answer holds, in the words the access log uses."""
    return policy.parts_in_words(
        part for key, part in _ANSWER_PARTS.items() if body[key] is not None
    )


def _looks(person: Person, since: int) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(person=person, pk__gt=since, action=AccessAction.VIEW)
        .order_by("pk")
        .values_list("what", flat=True)
    )


def _last_entry() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_reading_the_plan_is_logged_as_a_look_at_exactly_the_parts_returned(
    key_worker_client: Client, person: Person
) -> None:
    before = _last_entry()
    response = key_worker_client.get(f"/api/people/{person.pk}/plan")
    assert response.status_code == 200
    assert _looks(person, before) == [_returned(response.json())]
    assert "access log" not in _returned(response.json())


@pytest.mark.parametrize(
    "change",
    [
        ("patch", "/plan", {"version": 0, "what_matters": "Being near the sea"}),
        ("put", "/sharing", {"recipient_kind": "circle", "recipient_id": "carer", "parts": []}),
    ],
    ids=["sections", "sharing"],
)
def test_a_change_that_returns_the_whole_record_is_logged_as_a_look_at_what_it_returned(
    key_worker_client: Client, person: Person, carer: Any, change: tuple[str, str, Any]
) -> None:
    method, path, body = change
    if body.get("recipient_id") == "carer":
        body = {**body, "recipient_id": carer.pk}
    before = _last_entry()
    response = getattr(key_worker_client, method)(
        f"/api/people/{person.pk}{path}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    returned = _returned(response.json())
    assert "their details" in returned
    assert _looks(person, before) == [returned]
    assert AccessLogEntry.objects.filter(
        person=person, pk__gt=before, action=AccessAction.CHANGE
    ).exists()


def test_a_change_of_a_goal_is_logged_as_a_look_at_what_it_returned(
    key_worker_client: Client, person: Person
) -> None:
    created = key_worker_client.post(
        f"/api/people/{person.pk}/plan/goals",
        json.dumps({"version": 0, "description": "Swim", "domain": "physical-health"}),
        content_type="application/json",
    )
    before = _last_entry()
    response = _patch(
        key_worker_client,
        f"/api/people/{person.pk}/plan/goals/{created.json()['id']}",
        {"version": 1, "achievement_status": "improving"},
    )
    assert response.status_code == 200
    assert _looks(person, before) == [_returned(response.json())]
