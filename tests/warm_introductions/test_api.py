"""The warm introductions API, for the organisation they were made to: only its own, only what the
person agreed to give it, answered as on its pages, and no call that ends one."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from livingwell.network.models import Organisation, OrganisationMember, Service
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from livingwell.warm_introductions.models import State
from tests.conftest import sign_in, sign_in_partner
from tests.warm_introductions.conftest import made

pytestmark = pytest.mark.django_db
API = "/api/warm-introductions"


def post(client: Client, path: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    response = client.post(path, json.dumps(body), content_type="application/json")
    return response.status_code, response.json() if response.content else {}


def test_the_organisation_lists_reads_and_answers_its_own_introductions(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    elsewhere = Service.objects.create(
        organisation=Organisation.objects.create(name="Lambeth Food Bank", kind="food"),
        name="Food parcels",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    not_ours = made(key_worker, person, elsewhere)
    sign_in_partner(client, partner)

    listed = client.get(API).json()
    assert [w["id"] for w in listed] == [warm.pk]
    one = client.get(f"{API}/{warm.pk}").json()
    assert one["wants"] == "To meet people who have been through it too"
    assert "nhs_number" not in one
    assert client.get(f"{API}/{not_ours.pk}").status_code == 404

    status, answered = post(client, f"{API}/{warm.pk}/accept", {"version": warm.version})
    assert (status, answered["state"]) == (200, State.ACCEPTED)
    status, stale = post(client, f"{API}/{warm.pk}/accept", {"version": warm.version})
    assert status == 409
    assert "it is now accepted" in str(stale["message"])
    status, _ = post(client, f"{API}/{not_ours.pk}/accept", {"version": not_ours.version})
    assert status == 404


def test_no_call_ends_an_introduction_and_not_accepted_says_what_instead(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    partner: OrganisationMember,
    group: Service,
) -> None:
    warm = made(key_worker, person, group)
    sign_in_partner(client, partner)
    status, refused = post(client, f"{API}/{warm.pk}/close", {})
    assert status == 409
    assert "stays open until the person says it landed" in str(refused["message"])
    status, _ = post(
        client,
        f"{API}/{warm.pk}/not-accepted",
        {"version": warm.version, "why": "no-capacity", "words": " "},
    )
    assert status == 409
    status, answered = post(
        client,
        f"{API}/{warm.pk}/not-accepted",
        {"version": warm.version, "why": "no-capacity", "words": "Try the Thursday group"},
    )
    assert (status, answered["state"]) == (200, State.NOT_ACCEPTED)
    warm.refresh_from_db()
    assert warm.needs_following


def test_staff_and_strangers_are_not_the_organisation(
    client: Client, key_worker: StaffMember, person: Person, group: Service
) -> None:
    warm = made(key_worker, person, group)
    assert Client().get(API).status_code == 401
    sign_in(client, key_worker)
    assert client.get(API).status_code == 403
    assert client.get(f"{API}/{warm.pk}").status_code == 403
