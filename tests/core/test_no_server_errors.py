"""Input that used to give a server error (500) gets a 4xx in plain words, and the error pages
themselves need no session, no user and no database, so someone in distress always sees where to
get urgent help, even while the database is restarting."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from livingwell.core import views
from livingwell.core.forms import NhsDateField
from livingwell.people.models import Person
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from tests.conftest import sign_in
from tests.frontdoor.test_front_door import self_introduction

TWENTY_DIGITS = "9" * 20


@pytest.mark.parametrize(
    "typed",
    [
        {"day": "1", "month": "1", "year": TWENTY_DIGITS},
        {"day": TWENTY_DIGITS, "month": "1", "year": "1990"},
        {"day": "1", "month": TWENTY_DIGITS, "year": "1990"},
    ],
)
def test_a_date_with_a_huge_number_is_not_a_real_date(typed: dict[str, str]) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="The date of birth must be a real date"):
        NhsDateField(noun="date of birth").clean(typed)


@pytest.mark.django_db
def test_a_twenty_digit_year_on_the_front_door_shows_the_form_again(client: Client) -> None:
    data = self_introduction(**{"date_of_birth[year]": TWENTY_DIGITS})
    response = client.post(reverse("introduce-yourself"), data)
    assert response.status_code == 200
    assert "The date of birth must be a real date" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", [TWENTY_DIGITS, str(2**63), "0", "-5"])
def test_a_board_page_out_of_range_gets_a_4xx_with_a_message(
    key_worker_client: Client, page: str
) -> None:
    response = key_worker_client.get(f"/api/introductions?page={page}")
    assert response.status_code == 422
    assert "page" in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/board/", "/api/introductions", "/no-such-page/"])
def test_a_bad_host_header_gets_our_400_page_with_the_urgent_help_numbers(
    client: Client, path: str
) -> None:
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "We could not understand that request" in page
    assert "116 123" in page


NUL = "Swim\x00 on Tuesdays"
HALF_A_PAIR = "Swim \ud83c on Tuesdays"  # the first half of an emoji, from a broken file


@pytest.mark.django_db
@pytest.mark.parametrize("text", [NUL, HALF_A_PAIR])
@pytest.mark.parametrize(
    ("method", "route", "body"),
    [
        ("patch", "/api/people/{id}/plan", {"version": 0, "what_matters": "{text}"}),
        ("patch", "/api/people/{id}/plan", {"version": 0, "crisis_signs": "{text}"}),
        ("post", "/api/people/{id}/plan/goals", {"version": 0, "description": "{text}"}),
    ],
)
def test_text_the_forms_refuse_is_refused_by_the_api_too_in_plain_words(
    key_worker_client: Client,
    person: Person,
    text: str,
    method: str,
    route: str,
    body: dict[str, Any],
) -> None:
    body = {k: text if v == "{text}" else v for k, v in body.items()}
    if "description" in body:
        body["domain"] = "housing"
    send: Callable[..., Any] = getattr(key_worker_client, method)
    response = send(
        route.format(id=person.pk),
        json_dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "hidden character we cannot save" in response.json()["message"]
    assert not Plan.objects.filter(version__gt=0).exists()
    assert not Goal.objects.exists()


def json_dumps(body: dict[str, Any]) -> str:
    return json.dumps(body)  # escapes a lone surrogate as \ud83c, as a broken client would send it


def test_the_forms_and_the_api_share_one_definition_of_acceptable_text() -> None:
    from django import forms

    from livingwell.core.forms import NhsForm, check_text

    class Form(NhsForm):
        words = forms.CharField()

    assert check_text in Form().fields["words"].validators
    form = Form({"words": HALF_A_PAIR})
    assert form.errors["words"] == [
        "Words has a hidden character we cannot save. Delete it and try again"
    ]


# --- The error pages need nothing but the template ---------------------------------------------


class Untouchable:
    """A session or user that must not be looked at: the error page would fail if it did."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the error page looked at {name}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("handler", "status"),
    [
        (views.server_error, 500),
        (views.bad_request, 400),
        (views.page_not_found, 404),
        (views.permission_denied, 403),
        (views.csrf_failure, 403),
    ],
)
def test_error_pages_need_no_session_user_or_database(
    handler: Callable[..., Any], status: int, django_assert_num_queries: Any
) -> None:
    request = RequestFactory().get("/board/")
    request.session = Untouchable()  # type: ignore[assignment]
    request.user = Untouchable()  # type: ignore[assignment]
    with django_assert_num_queries(0):
        response = handler(request)
    assert response.status_code == status
    page = response.content.decode()
    assert "116 123" in page, "the urgent-help numbers are on every error page"
    assert "NHS 111" in page


def _database_down(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise OperationalError("terminating connection due to administrator command")


@pytest.mark.django_db
def test_while_the_database_is_down_a_signed_in_visitor_gets_our_500_page_with_urgent_help(
    key_worker: StaffMember,
) -> None:
    client = sign_in(Client(raise_request_exception=False), key_worker)
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("board"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "116 123" in page


def _bundle_with(text: str) -> str:
    from livingwell.plans import fhir
    from tests.plans.test_fhir import synthetic_passports

    bundle = json.dumps(fhir.to_bundle(synthetic_passports(1, seed=9)[0]))
    return bundle.replace('"family": "', '"family": "' + json.dumps(text)[1:-1], 1)


@pytest.mark.django_db
@pytest.mark.parametrize("text", [NUL, HALF_A_PAIR])
def test_a_plan_to_bring_over_with_a_hidden_character_is_refused_by_the_api_and_the_page(
    key_worker_client: Client, text: str
) -> None:
    import io

    bundle = _bundle_with(text)
    response = key_worker_client.post("/api/plans/import", bundle, content_type="application/json")
    assert response.status_code == 422
    assert "hidden character we cannot save" in response.json()["message"]
    upload = io.BytesIO(bundle.encode())
    upload.name = "plan.json"
    page = key_worker_client.post(reverse("plan-import"), {"bundle": upload})
    assert page.status_code == 200
    assert "hidden character we cannot save" in page.content.decode()
    assert not Person.objects.exists()
