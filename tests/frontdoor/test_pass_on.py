"""Issue 11: a team lead can pass an introduction to a colleague, who then has it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.frontdoor.models import IntroductionStatus
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.conftest import sign_in
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(team: Team) -> StaffMember:
    return StaffMemberFactory.create(team=team, name="Nia Roberts", role=StaffRole.TEAM_LEAD)


def test_a_team_lead_passes_an_introduction_to_a_colleague(
    client: Client, lead: StaffMember, colleague: StaffMember, team: Team
) -> None:
    introduction = IntroductionFactory.create(person=PersonFactory.create(team=team))
    lead_client = sign_in(client, lead)
    page = lead_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "Pass to a colleague" in page

    response = lead_client.post(
        reverse("introduction-pass", args=[introduction.pk]), {"to": str(colleague.pk)}, follow=True
    )
    assert f"Passed to {colleague.name}" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.picked_up_by == colleague
    assert introduction.status == IntroductionStatus.PICKED_UP
    entry = AccessLogEntry.objects.filter(
        person=introduction.person, action=AccessAction.CHANGE
    ).latest("at")
    assert entry.why == f"Passing an introduction to {colleague.name}"
    board = lead_client.get(reverse("board"), {"show": "all"}).content.decode()
    assert colleague.name in board


def test_only_a_team_lead_passes_one_on(
    key_worker_client: Client, colleague: StaffMember, team: Team
) -> None:
    introduction = IntroductionFactory.create(person=PersonFactory.create(team=team))
    page = key_worker_client.get(reverse("introduction", args=[introduction.pk])).content.decode()
    assert "Pass to a colleague" not in page
    response = key_worker_client.post(
        reverse("introduction-pass", args=[introduction.pk]), {"to": str(colleague.pk)}
    )
    assert response.status_code == 403
    introduction.refresh_from_db()
    assert introduction.picked_up_by is None


def test_it_is_passed_only_to_someone_on_the_team(
    client: Client, lead: StaffMember, team: Team, other_team: Team
) -> None:
    introduction = IntroductionFactory.create(person=PersonFactory.create(team=team))
    stranger = StaffMemberFactory.create(team=other_team)
    response = sign_in(client, lead).post(
        reverse("introduction-pass", args=[introduction.pk]), {"to": str(stranger.pk)}
    )
    assert response.status_code == 400
    assert "Choose someone on your team" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.picked_up_by is None
