"""Relational rule 2: "of course", or "let me connect you". No code path declines an introduction."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from livingwell.config.api import api
from livingwell.core.errors import Refused
from livingwell.frontdoor import services
from livingwell.frontdoor.models import Introduction, IntroductionStatus
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.conftest import team_record
from tests.factories import IntroductionFactory

pytestmark = pytest.mark.django_db

DECLINING_WORDS = (
    "declin",
    "reject",
    "ineligib",
    "not-eligible",
    "not_eligible",
    "refus",
    "discharg",
    "threshold",
)


def test_there_is_no_status_that_declines_an_introduction() -> None:
    # "set-aside" is for what is not a person asking for help: a repeat or spam (ADR 0006).
    assert set(IntroductionStatus.values) == {
        "waiting",
        "picked-up",
        "conversation",
        "landed",
        "set-aside",
    }
    for value, label in IntroductionStatus.choices:
        assert not any(word in f"{value} {label}".lower() for word in DECLINING_WORDS)


def test_no_page_or_api_route_is_named_for_declining() -> None:
    names = [f"{p.pattern} {getattr(p, 'name', '')}" for p in get_resolver().url_patterns]
    schema = json.dumps(api.get_openapi_schema(path_prefix="/api/"))
    routes = " ".join(names).lower() + " " + " ".join(json.loads(schema)["paths"]).lower()
    assert not any(word in routes for word in DECLINING_WORDS)


def test_the_close_service_refuses_and_says_why(key_worker: StaffMember, person: Person) -> None:
    introduction = IntroductionFactory.create(person=person)
    with pytest.raises(Refused) as refused:
        services.introduction_close(
            actor=key_worker, introduction=introduction, reason="Not for us"
        )
    assert "stays on the team board until it becomes a conversation" in refused.value.message
    introduction.refresh_from_db()
    assert introduction.is_open


def test_closing_from_the_page_is_refused_with_a_message(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = key_worker_client.post(
        reverse("introduction-close", args=[introduction.pk]), {"reason": "Too complex for us"}
    )
    assert response.status_code == 409
    assert "Nobody is turned away" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WAITING


def test_closing_through_the_api_is_refused_with_a_message(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = key_worker_client.post(
        f"/api/introductions/{introduction.pk}/close",
        {"reason": "Not eligible"},
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert "stays on the team board" in body["message"]
    assert body["detail"]["introduction"] == introduction.reference
    introduction.refresh_from_db()
    assert introduction.is_open


@pytest.mark.parametrize("status", [IntroductionStatus.CONVERSATION, IntroductionStatus.LANDED])
def test_the_database_refuses_to_close_an_introduction_any_other_way(
    person: Person, status: IntroductionStatus
) -> None:
    introduction = IntroductionFactory.create(person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(
            status=status,
            closed_at=timezone.now() if status == IntroductionStatus.CONVERSATION else None,
        )


def test_an_introduction_cannot_be_closed_by_just_setting_a_closed_date(person: Person) -> None:
    introduction = IntroductionFactory.create(person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(closed_at=timezone.now())


def test_an_introduction_stays_on_the_board_until_it_becomes_a_conversation(
    key_worker_client: Client, key_worker: StaffMember, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    board = reverse("board")
    assert introduction.reference in key_worker_client.get(board).content.decode()

    services.introduction_pick_up(
        actor=key_worker, introduction=introduction, next_step="Phone Tuesday"
    )
    page = key_worker_client.get(board).content.decode()
    assert introduction.reference in page
    assert "Phone Tuesday" in page
    assert key_worker.name in page

    services.conversation_record(
        team_record(key_worker, person),
        introduction=introduction,
        held_on=timezone.localdate(),
        how="phone",
        what_we_talked_about="Sleep, rent and her sister.",
    )
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.CONVERSATION
    assert introduction.conversation is not None
    assert introduction.reference not in key_worker_client.get(board).content.decode()


def test_the_api_answers_bad_input_with_a_message_that_says_what_to_fix(
    key_worker_client: Client,
) -> None:
    response = key_worker_client.get("/api/introductions?page=first")
    assert response.status_code == 422
    body = response.json()
    assert body["message"].startswith("The request has problems: query.page")
    assert body["detail"]["problems"][0]["where"] == "query.page"


def test_an_unknown_introduction_in_the_api_is_a_404_with_a_message(
    key_worker_client: Client,
) -> None:
    response = key_worker_client.get("/api/introductions/999999")
    assert response.status_code == 404
    assert response.json()["message"] == "We could not find that introduction."
