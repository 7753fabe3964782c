"""Setting aside, by a team lead (issue 9, item 8; ADR 0006): a repeat, into its original, keeping its
words there; or something that is not a person asking for help, with a reason. Audited, reversible."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.core.errors import Forbidden, Refused
from livingwell.frontdoor import services
from livingwell.frontdoor.models import Introduction, IntroductionStatus, SetAsideKind
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.conftest import sign_in, team_record
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(team: Team) -> StaffMember:
    return StaffMemberFactory.create(team=team, name="Nia Roberts", role=StaffRole.TEAM_LEAD)


@pytest.fixture
def lead_client(client: Client, lead: StaffMember) -> Client:
    return sign_in(client, lead)


def introduction_of(team: Team, **kwargs: Any) -> Introduction:
    return IntroductionFactory.create(person=PersonFactory.create(team=team), **kwargs)


def test_a_lead_sets_aside_a_repeat_and_its_words_stay_on_the_original(
    lead_client: Client, lead: StaffMember, team: Team
) -> None:
    original = introduction_of(team)
    repeat = introduction_of(team, what_matters="Sorry, sending again: I forgot my phone number.")
    response = lead_client.post(
        reverse("introduction-set-aside", args=[repeat.pk]),
        {"kind": "repeat", "original": original.reference.lower(), "reason": ""},
    )
    assert response.status_code == 302
    repeat.refresh_from_db()
    assert repeat.status == IntroductionStatus.SET_ASIDE
    assert repeat.set_aside_kind == SetAsideKind.REPEAT
    assert repeat.repeat_of == original
    assert repeat.set_aside_by == lead
    assert repeat.set_aside_at is not None

    board = lead_client.get(reverse("board")).content.decode()
    assert repeat.reference not in board
    assert original.reference in board
    page = lead_client.get(reverse("introduction", args=[original.pk])).content.decode()
    assert "Sorry, sending again: I forgot my phone number." in page
    assert repeat.reference in page

    entry = AccessLogEntry.objects.filter(person=repeat.person, action=AccessAction.CHANGE).get()
    assert "repeat" in entry.why.lower()
    assert original.reference in entry.why


def test_a_lead_sets_aside_what_is_not_a_person_with_a_reason(
    lead_client: Client, lead: StaffMember, team: Team
) -> None:
    spam = introduction_of(team, what_matters="Cheap watches at http://spam.example")
    response = lead_client.post(
        reverse("introduction-set-aside", args=[spam.pk]),
        {"kind": "not-a-person", "reason": "Advert for watches, no person named"},
    )
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.status == IntroductionStatus.SET_ASIDE
    assert spam.set_aside_reason == "Advert for watches, no person named"
    assert spam.reference not in lead_client.get(reverse("board")).content.decode()

    listing = lead_client.get(reverse("introductions-set-aside")).content.decode()
    assert spam.reference in listing
    assert "Advert for watches, no person named" in listing
    assert lead.name in listing
    assert "Put back on the board" in listing
    assert "&lt;span" not in listing, "the button's hidden words are markup, not escaped text"

    entry = AccessLogEntry.objects.filter(person=spam.person, action=AccessAction.CHANGE).get()
    assert "Advert for watches, no person named" in entry.why


def test_not_a_person_needs_a_reason_and_keeps_what_was_typed(
    lead_client: Client, team: Team
) -> None:
    spam = introduction_of(team)
    response = lead_client.post(
        reverse("introduction-set-aside", args=[spam.pk]), {"kind": "not-a-person", "reason": " "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter why this is not a person asking for help" in page
    assert 'value="not-a-person" checked' in page
    spam.refresh_from_db()
    assert spam.is_open


def test_a_repeat_needs_its_original(lead_client: Client, team: Team) -> None:
    repeat = introduction_of(team)
    response = lead_client.post(
        reverse("introduction-set-aside", args=[repeat.pk]), {"kind": "repeat", "original": ""}
    )
    assert "Enter the reference of the introduction this repeats" in response.content.decode()
    repeat.refresh_from_db()
    assert repeat.is_open


def test_a_repeat_cannot_be_of_itself_of_one_set_aside_or_of_another_team(
    lead: StaffMember, team: Team, other_team: Team
) -> None:
    repeat = introduction_of(team)
    elsewhere = introduction_of(other_team)
    aside = introduction_of(team)
    services.introduction_set_aside(
        actor=lead, introduction=aside, kind=SetAsideKind.NOT_A_PERSON, reason="A test"
    )

    def refused(original: str) -> str:
        with pytest.raises(Refused) as error:
            services.introduction_set_aside(
                actor=lead, introduction=repeat, kind=SetAsideKind.REPEAT, original=original
            )
        return error.value.message

    assert "cannot be a repeat of itself" in refused(repeat.reference)
    assert "is set aside itself" in refused(aside.reference)
    assert "not one of your team's introductions" in refused(elsewhere.reference)
    assert "We could not find introduction LW-NOPE" in refused("LW-NOPE")
    repeat.refresh_from_db()
    assert repeat.is_open


def test_a_refused_repeat_is_shown_as_a_message_on_the_page(
    lead_client: Client, team: Team
) -> None:
    repeat = introduction_of(team)
    response = lead_client.post(
        reverse("introduction-set-aside", args=[repeat.pk]),
        {"kind": "repeat", "original": repeat.reference},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be a repeat of itself" in page
    assert f'value="{repeat.reference}"' in page


def test_an_introduction_that_became_a_conversation_is_not_set_aside(
    lead: StaffMember, team: Team
) -> None:
    introduction = introduction_of(team)
    services.conversation_record(
        team_record(lead, introduction.person),
        introduction=introduction,
        held_on=timezone.localdate(),
        how="phone",
        what_we_talked_about="Talked.",
    )
    with pytest.raises(Refused):
        services.introduction_set_aside(
            actor=lead, introduction=introduction, kind=SetAsideKind.NOT_A_PERSON, reason="x"
        )


def test_a_lead_puts_one_back_on_the_board_and_both_are_on_its_page(
    lead_client: Client, lead: StaffMember, team: Team
) -> None:
    introduction = introduction_of(team)
    services.introduction_set_aside(
        actor=lead, introduction=introduction, kind=SetAsideKind.NOT_A_PERSON, reason="Looked fake"
    )
    response = lead_client.post(reverse("introduction-put-back", args=[introduction.pk]))
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.WAITING
    assert introduction.set_aside_kind == ""
    assert introduction.set_aside_reason == ""
    assert introduction.set_aside_by is None
    assert introduction.repeat_of is None
    assert introduction.reference in lead_client.get(reverse("board")).content.decode()

    page = lead_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "Looked fake" in page, "the history of setting aside stays visible"
    assert "Put back on the board by Nia Roberts" in page

    changes = AccessLogEntry.objects.filter(
        person=introduction.person, action=AccessAction.CHANGE
    ).order_by("at", "pk")
    assert [("set aside" in e.why.lower(), "put back" in e.why.lower()) for e in changes] == [
        (True, False),
        (False, True),
    ]


def test_a_picked_up_introduction_goes_back_to_whoever_had_it(
    lead: StaffMember, key_worker: StaffMember, team: Team
) -> None:
    introduction = introduction_of(team)
    services.introduction_pick_up(actor=key_worker, introduction=introduction, next_step="Call")
    services.introduction_set_aside(
        actor=lead, introduction=introduction, kind=SetAsideKind.NOT_A_PERSON, reason="A test"
    )
    services.introduction_put_back(actor=lead, introduction=introduction)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PICKED_UP
    assert introduction.picked_up_by == key_worker


def test_only_a_team_lead_can_set_aside_or_put_back(
    key_worker_client: Client, key_worker: StaffMember, lead: StaffMember, team: Team
) -> None:
    introduction = introduction_of(team)
    page = key_worker_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "Only a team lead can set an introduction aside" in page

    response = key_worker_client.post(
        reverse("introduction-set-aside", args=[introduction.pk]),
        {"kind": "not-a-person", "reason": "Spam"},
    )
    assert response.status_code == 403
    assert "Only a team lead" in response.content.decode()
    assert not AccessLogEntry.objects.filter(why="Setting an introduction aside").exists()
    introduction.refresh_from_db()
    assert introduction.is_open

    services.introduction_set_aside(
        actor=lead, introduction=introduction, kind=SetAsideKind.NOT_A_PERSON, reason="Spam"
    )
    response = key_worker_client.post(reverse("introduction-put-back", args=[introduction.pk]))
    assert response.status_code == 403
    with pytest.raises(Forbidden):
        services.introduction_put_back(actor=key_worker, introduction=introduction)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.SET_ASIDE


def test_another_teams_lead_cannot_reach_the_introduction(
    client: Client, other_team: Team, team: Team
) -> None:
    introduction = introduction_of(team)
    sign_in(client, StaffMemberFactory.create(team=other_team, role=StaffRole.TEAM_LEAD))
    response = client.post(
        reverse("introduction-set-aside", args=[introduction.pk]),
        {"kind": "not-a-person", "reason": "Spam"},
    )
    assert response.status_code == 404


def test_the_api_board_leaves_out_set_aside_introductions(
    lead_client: Client, lead: StaffMember, team: Team
) -> None:
    kept = introduction_of(team)
    aside = introduction_of(team)
    services.introduction_set_aside(
        actor=lead, introduction=aside, kind=SetAsideKind.REPEAT, original=kept.reference
    )
    references = {row["reference"] for row in lead_client.get("/api/introductions").json()}
    assert references == {kept.reference}


@pytest.mark.parametrize(
    "fields",
    [
        {"set_aside_kind": "not-a-person", "set_aside_reason": ""},
        {"set_aside_kind": "repeat", "repeat_of": None},
        {"set_aside_kind": "not-a-person", "set_aside_reason": "Spam", "set_aside_by": None},
        {"set_aside_kind": "", "set_aside_reason": "Spam"},
    ],
)
def test_the_database_refuses_an_incomplete_set_aside(
    lead: StaffMember, team: Team, fields: dict[str, Any]
) -> None:
    introduction = introduction_of(team)
    original = introduction_of(team)
    complete: dict[str, Any] = {
        "status": IntroductionStatus.SET_ASIDE,
        "set_aside_by": lead,
        "set_aside_at": timezone.now(),
        "repeat_of": original,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(**(complete | fields))


def test_the_database_refuses_a_repeat_of_itself_or_set_aside_fields_on_an_open_one(
    lead: StaffMember, team: Team
) -> None:
    introduction = introduction_of(team)
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(
            status=IntroductionStatus.SET_ASIDE,
            set_aside_kind="repeat",
            set_aside_by=lead,
            set_aside_at=timezone.now(),
            repeat_of=introduction,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(set_aside_kind="not-a-person")
