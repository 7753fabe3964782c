"""The headers every answer carries: nothing signed-in is kept in a cache, HSTS unless DEBUG, and a
Permissions-Policy that turns off what the site never uses (camera, microphone, location...)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.conftest import sign_in_person
from tests.core.test_settings import settings_value

pytestmark = pytest.mark.django_db


def _no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "address",
    [
        "/board/",
        "/people/{id}/",
        "/people/{id}/plan/",
        "/people/{id}/plan.fhir.json",
        "/people/{id}/plan.pdf",
        "/api/introductions",
        "/api/people/{id}",
        "/api/people/{id}/plan",
        "/api/people/{id}/plan/fhir",
        "/api/people/999999",  # a signed-in 404 too
        "/",  # the front door, signed in
    ],
)
def test_every_answer_to_a_signed_in_member_of_staff_is_not_stored(
    key_worker_client: Client, person: Person, address: str
) -> None:
    response = key_worker_client.get(address.format(id=person.pk))
    assert response.status_code in (200, 404)
    assert _no_store(response), response.get("Cache-Control")


@pytest.mark.parametrize("name", ["my-home", "my-plan", "my-plan-fhir", "my-access-log"])
def test_every_answer_to_a_signed_in_person_is_not_stored(
    client: Client, person: Person, person_user: Any, name: str
) -> None:
    response = sign_in_person(client, person_user).get(reverse(name))
    assert response.status_code == 200
    assert _no_store(response)


def test_signing_in_is_not_stored(client: Client, key_worker: StaffMember) -> None:
    key_worker.user.set_password("a long enough password")
    key_worker.user.save(update_fields=["password"])
    response = client.post(
        reverse("staff-sign-in"),
        {"username": key_worker.user.username, "password": "a long enough password"},
    )
    assert response.status_code == 302
    assert _no_store(response)


def test_the_public_front_door_may_be_kept_by_a_browser(client: Client) -> None:
    assert not _no_store(client.get("/"))


@pytest.mark.parametrize("address", ["/", "/api/introductions", "/no-such-page/"])
def test_every_answer_has_a_permissions_policy(client: Client, address: str) -> None:
    policy = client.get(address)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_hsts_is_on_by_default_unless_debug() -> None:
    assert int(settings_value("settings.SECURE_HSTS_SECONDS")) >= 31_536_000
    assert settings_value("settings.SECURE_HSTS_SECONDS", DEBUG="true") == "0"
    assert settings_value("settings.SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="60") == "60"


def test_an_answer_over_https_carries_hsts(client: Client) -> None:
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
