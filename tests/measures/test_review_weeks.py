"""A team sets how often it reviews people's measures: a team lead changes it, everyone reads it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.team.models import StaffMember, StaffRole
from tests.conftest import sign_in
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def test_a_team_lead_sets_the_weeks_between_reviews_and_others_only_read_them(
    client: Client, key_worker: StaffMember
) -> None:
    page = reverse("review-weeks")
    sign_in(client, key_worker)
    assert "every 12 weeks" in client.get(page).content.decode()
    assert client.post(page, {"weeks": "6"}).status_code == 403
    key_worker.team.refresh_from_db()
    assert key_worker.team.review_weeks == 12

    lead = StaffMemberFactory.create(team=key_worker.team, role=StaffRole.TEAM_LEAD)
    lead_client = sign_in(Client(), lead)
    bad = lead_client.post(page, {"weeks": "60"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "There is a problem" in text
    assert "Weeks between reviews must be from 1 to 52" in text
    assert 'value="60"' in text  # what was typed is kept
    assert lead_client.post(page, {"weeks": "6"}).status_code == 302
    key_worker.team.refresh_from_db()
    assert key_worker.team.review_weeks == 6
    assert "every 6 weeks" in client.get(page).content.decode()
    assert reverse("review-weeks") in client.get(reverse("huddle")).content.decode()
