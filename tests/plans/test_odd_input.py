"""Odd and hostile input to the plan's pages and API gets a clear 4xx or the form again, never a 500,
and saves nothing half-written."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.people.models import Person
from livingwell.plans.models import Goal, Plan, PlanVersion
from tests.conftest import sign_in_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {"version": "abc", "description": "Swim", "domain": "housing"},
        {"version": "-1", "description": "Swim", "domain": "housing"},
        {"version": "99", "description": "Swim", "domain": "housing"},
        {"description": "Swim", "domain": "housing"},
        {"version": "0", "description": "Swim", "domain": "not-a-domain"},
        {"version": "0", "description": "Swim\x00", "domain": "housing"},
    ],
)
def test_a_goal_form_with_odd_input_is_answered_not_crashed(
    key_worker_client: Client, person: Person, data: dict[str, str]
) -> None:
    response = key_worker_client.post(reverse("goal-new", args=[person.pk]), data)
    assert response.status_code in (200, 409)
    assert not Goal.objects.exists()
    assert not PlanVersion.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [b"\xff\xfe\x00not utf-8", b"", b"[]", b'{"resourceType": "Bundle"}', b"{" * 10_000],
)
def test_odd_files_to_import_are_refused_with_a_message(
    key_worker_client: Client, upload: bytes
) -> None:
    file = io.BytesIO(upload)
    file.name = "plan.json"
    response = key_worker_client.post(reverse("plan-import"), {"bundle": file})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "body",
    ["not json", "[]", '{"version": "x"}', '{"version": 0, "what_matters": 5}', "{}"],
)
def test_odd_api_bodies_get_a_4xx_with_a_message(
    key_worker_client: Client, person: Person, body: str
) -> None:
    response = key_worker_client.patch(
        f"/api/people/{person.pk}/plan", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert response.json()["message"]
    assert not Plan.objects.filter(version__gt=0).exists()


@pytest.mark.parametrize("body", ["not json", "[]", '{"resourceType": "Bundle", "entry": 5}'])
def test_odd_imports_through_the_api_get_a_4xx(key_worker_client: Client, body: str) -> None:
    response = key_worker_client.post("/api/plans/import", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["message"]
    assert not Person.objects.exists()


def test_sharing_an_unknown_part_through_the_page_shows_the_form_again(
    person: Person, person_user: Any, carer: Any
) -> None:
    client = sign_in_person(Client(), person_user)
    response = client.post(
        reverse("my-sharing-change", args=["circle", carer.pk]), {"parts": ["secrets"]}
    )
    assert response.status_code == 200
    assert "Choose one of the options" in response.content.decode()


def test_an_unknown_kind_of_recipient_is_not_found(person: Person, person_user: Any) -> None:
    client = sign_in_person(Client(), person_user)
    assert client.get(reverse("my-sharing-change", args=["friends", 1])).status_code == 404


def test_an_invitation_link_that_was_never_made_is_not_found(client: Client) -> None:
    response = client.get(reverse("invitation", args=["made-up-token"]))
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_json_bodies_are_not_echoed_back_as_html(key_worker_client: Client, person: Person) -> None:
    script = "<script>alert(1)</script>"
    key_worker_client.post(
        reverse("goal-new", args=[person.pk]),
        {"version": "0", "description": script, "domain": "housing"},
    )
    page = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert json.dumps(script)  # the goal was saved as typed, and shown escaped


def test_a_tampered_version_is_explained_about_the_page_not_a_hidden_box(
    key_worker_client: Client, person: Person
) -> None:
    response = key_worker_client.post(
        reverse("goal-new", args=[person.pk]),
        {"version": "abc", "description": "Swim", "domain": "housing"},
    )
    page = response.content.decode()
    assert "This page is out of date" in page
    assert 'href="#id_version"' not in page  # the error summary does not point at a hidden field
    assert 'value="Swim"' in page or ">Swim<" in page  # what they typed is kept


def test_opening_a_page_to_change_the_plan_is_logged_as_a_look(
    key_worker_client: Client, person: Person
) -> None:
    from livingwell.access.models import AccessLogEntry

    key_worker_client.get(reverse("plan-sections", args=[person.pk, "crisis"]))
    entry = AccessLogEntry.objects.filter(person=person).latest("at", "pk")
    assert (entry.action, entry.what, entry.why) == (
        "view",
        "their crisis and safety plan",
        "Opened the page for changing the plan",  # issue 11: opening a page changes nothing
    )


def test_each_change_goal_link_says_which_goal_to_a_screen_reader(
    key_worker_client: Client, person: Person
) -> None:
    for words in ("Swim on Saturdays", "Pay the rent"):
        version = Plan.objects.filter(person=person).values_list("version", flat=True).first() or 0
        key_worker_client.post(
            reverse("goal-new", args=[person.pk]),
            {"version": str(version), "description": words, "domain": "housing"},
        )
    page = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert (
        'Change this goal<span class="nhsuk-u-visually-hidden">: Swim on Saturdays</span>' in page
    )
    assert 'Change this goal<span class="nhsuk-u-visually-hidden">: Pay the rent</span>' in page


def test_a_file_with_problems_lists_each_problem_once_as_a_sentence(
    key_worker_client: Client,
) -> None:
    file = io.BytesIO(b'{"resourceType": "Bundle"}')
    file.name = "plan.json"
    page = key_worker_client.post(reverse("plan-import"), {"bundle": file}).content.decode()
    assert "The file is not a plan we can bring over" in page
    assert "[&#39;" not in page, "a problem is a sentence, never a Python list"
    assert page.count("Bundle: type is missing") == 1, "each problem is listed once"


@pytest.mark.parametrize(
    ("patient", "said", "not_said"),
    [
        ({"birthDate": "1990-13-45"}, "'1990-13-45' is not a date. FHIR writes dates as", "regex"),
        ({"active": "maybe"}, "should be true or false", "valid boolean"),
        ({"name": "Ada"}, "should be a list", "valid list"),
    ],
)
def test_a_problem_with_a_value_is_said_in_plain_words(
    key_worker_client: Client, patient: dict[str, str], said: str, not_said: str
) -> None:
    resource = {"resourceType": "Patient", **patient}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": resource}]}
    file = io.BytesIO(json.dumps(bundle).encode())
    file.name = "plan.json"
    page = key_worker_client.post(reverse("plan-import"), {"bundle": file}).content.decode()
    page = page.replace("&#39;", "'")
    assert said in page
    assert not_said not in page
    assert "Ask the service that sent it to export the plan again" in page, "what to do next"
