"""Issue 11: after every save on a person's record the next page says what was saved, and a date a
form asks for starts at today where today is the usual answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember
from tests.factories import IntroductionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BANNER = "nhsuk-notification-banner--success"


def today_fields(name: str) -> dict[str, str]:
    return {
        f"{name}[day]": str(TODAY.day),
        f"{name}[month]": str(TODAY.month),
        f"{name}[year]": str(TODAY.year),
    }


@pytest.mark.parametrize(
    ("page", "field"),
    [("support-start", "started_on"), ("person-conversation-record", "held_on")],
)
def test_a_date_that_is_usually_today_starts_at_today(
    key_worker_client: Client, person: Person, page: str, field: str
) -> None:
    form = key_worker_client.get(reverse(page, args=[person.pk])).content.decode()
    assert f'value="{TODAY.year}"' in form, f"{page}: {field} starts at today"


def test_ending_support_starts_at_today(
    key_worker_client: Client, person: Person, key_worker: StaffMember
) -> None:
    SupportPeriod.objects.create(
        person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 1, 5)
    )
    form = key_worker_client.get(reverse("support-end", args=[person.pk])).content.decode()
    assert f'value="{TODAY.year}"' in form


def test_starting_support_and_a_conversation_and_ending_each_say_they_were_saved(
    key_worker_client: Client, person: Person, key_worker: StaffMember
) -> None:
    started = key_worker_client.post(
        reverse("support-start", args=[person.pk]),
        {"key_worker": str(key_worker.pk), **today_fields("started_on")},
        follow=True,
    ).content.decode()
    assert BANNER in started
    assert f"Support started, with {key_worker.name} as key worker" in started

    talked = key_worker_client.post(
        reverse("person-conversation-record", args=[person.pk]),
        {"how": "phone", "what_we_talked_about": "How the week went", **today_fields("held_on")},
        follow=True,
    ).content.decode()
    assert BANNER in talked
    assert "Conversation saved" in talked

    ended = key_worker_client.post(
        reverse("support-end", args=[person.pk]),
        {"ending": "agreed", "note": "", **today_fields("ended_on")},
        follow=True,
    ).content.decode()
    assert BANNER in ended
    assert "Support ended" in ended


def test_a_conversation_that_answers_an_introduction_says_it_was_saved(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    url = reverse("conversation-record", args=[introduction.pk])
    assert f'value="{TODAY.year}"' in key_worker_client.get(url).content.decode()
    page = key_worker_client.post(
        url,
        {"how": "phone", "what_we_talked_about": "A first chat", **today_fields("held_on")},
        follow=True,
    ).content.decode()
    assert BANNER in page
    assert "Conversation saved" in page


def test_the_plan_goals_circle_sharing_and_details_each_say_they_were_saved(
    key_worker_client: Client, person: Person
) -> None:
    def saved(url: str, data: dict[str, str | list[str]]) -> str:
        response = key_worker_client.post(url, data, follow=True)
        page: str = response.content.decode()
        assert BANNER in page, url
        return page

    assert "Goal saved" in saved(
        reverse("goal-new", args=[person.pk]),
        {"version": "0", "description": "Swim on Saturdays", "domain": "physical-health"},
    )
    added = saved(
        reverse("circle", args=[person.pk]),
        {"name": "Kofi Mensah", "relationship": "SIB", "is_carer": "no"},
    )
    assert "Kofi Mensah is added to the circle of support" in added
    member = person.circle.get()
    assert "What Kofi Mensah can see is saved" in saved(
        reverse("sharing-change", args=[person.pk, "circle", member.pk]), {"parts": ["goals"]}
    )
    assert "Contact details saved" in saved(
        reverse("details-change", args=[person.pk]), {"phone": "07700 900123"}
    )
