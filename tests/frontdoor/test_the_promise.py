"""Issue 11: the board shows which introductions have waited longer than the front door promises
(a reply within LIVINGWELL_FIRST_REPLY_WORKING_DAYS working days), and the front door says the same."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.frontdoor.presenters import working_days_between
from livingwell.team.models import Team
from tests.factories import IntroductionFactory, PersonFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, MONDAY + dt.timedelta(days=1), 1),  # Tuesday
        (MONDAY + dt.timedelta(days=4), MONDAY + dt.timedelta(days=7), 1),  # Friday to Monday
        (MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=7), 1),  # Saturday to Monday
        (MONDAY, MONDAY + dt.timedelta(days=14), 10),
        (MONDAY + dt.timedelta(days=3), MONDAY, 0),
    ],
)
def test_working_days_leave_out_weekends(start: dt.date, end: dt.date, days: int) -> None:
    assert working_days_between(start, end) == days


def test_the_board_marks_an_introduction_that_waited_past_the_promise(
    key_worker_client: Client, team: Team
) -> None:
    late = IntroductionFactory.create(
        person=PersonFactory.create(team=team, given_name="Late"),
        received_at=timezone.now() - dt.timedelta(days=8),
    )
    fresh = IntroductionFactory.create(
        person=PersonFactory.create(team=team, given_name="Fresh"), received_at=timezone.now()
    )
    page = key_worker_client.get(reverse("board")).content.decode()
    late_row = page[page.index(late.reference) - 2000 : page.index(late.reference) + 2000]
    assert "Past our promise of a reply within 1 working day" in page
    assert page.count("Past our promise") == 1
    assert late.reference in page
    assert fresh.reference in page
    assert "Past our promise" in late_row


def test_the_front_door_promises_what_the_board_counts(client: Client, settings: Any) -> None:
    settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS = 2
    page = client.get(reverse("what-happens-next")).content.decode()
    assert "within 2 working days" in page
