"""A key worker's day in a real browser: from "My people" to a person, a next step agreed and done,
and someone found by search. Every page fits 1280, 768 and 390 px with no sideways scrolling and no
serious axe-core violation (issue 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from livingwell.frontdoor.models import Conversation
from livingwell.people.models import NextStep, Person, SupportPeriod
from livingwell.team.models import StaffMember
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory
from tests.system.conftest import fits_every_width, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


def supported(amara: StaffMember, given: str, family: str, **kwargs: Any) -> Person:
    person = PersonFactory.create(team=amara.team, given_name=given, family_name=family, **kwargs)
    SupportPeriod.objects.create(
        person=person, team=amara.team, key_worker=amara, started_on=dt.date(2026, 5, 1)
    )
    return person


def test_a_key_worker_works_from_my_people_and_finds_someone_by_search(
    page: Page, live_server: Any, amara: StaffMember
) -> None:
    ada = supported(amara, "Ada", "Mensah", date_of_birth=dt.date(1988, 4, 12))
    bea = supported(amara, "Beatrice", "Featherstonehaugh-Whittington")
    Conversation.objects.create(
        person=ada,
        held_by=amara,
        held_on=TODAY - dt.timedelta(days=4),
        how="phone",
        what_we_talked_about="The housing letter",
    )
    NextStep.objects.create(
        person=bea,
        what="Go with Beatrice to the community garden on Thursday morning",
        due_on=TODAY - dt.timedelta(days=1),
        by=amara,
        created_by=amara,
    )
    IntroductionFactory.create(
        person=ada, contact_method="text", best_time="Mornings before ten", may_leave_message=True
    )
    somebody = PersonFactory.create(team=amara.team, given_name="Cal", family_name="Okoro")
    base = str(live_server)

    page.goto(base + "/staff/sign-in/")
    sign_in_staff(page, amara)
    expect(page.get_by_text("1 next step is overdue")).to_be_visible()
    fits_every_width(page, "board-with-overdue")

    page.get_by_role("link", name="My people").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My people")
    expect(page.get_by_text("Text message, Mornings before ten, messages are fine")).to_be_visible()
    expect(page.locator(".lw-my-people").get_by_text("Overdue")).to_be_visible()
    fits_every_width(page, "my-people")

    page.get_by_role("link", name="Ada Mensah").click()
    page.get_by_role("link", name="Agree a next step").click()
    fits_every_width(page, "next-step-form")
    page.get_by_label("What will happen next?").fill("Ring the housing office with Ada")
    page.get_by_role("button", name="Save next step").click()
    expect(page.get_by_text("Next step saved: Ring the housing office with Ada")).to_be_visible()
    fits_every_width(page, "person-with-next-step")

    page.locator(".lw-next-step", has_text="Ring the housing office with Ada").get_by_role(
        "button", name="Done"
    ).click()
    expect(page.get_by_text("Done: Ring the housing office with Ada")).to_be_visible()

    page.get_by_role("link", name="Find a person").first.click()
    page.get_by_label("Name, date of birth, NHS number or reference").fill("okoro")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 person found")).to_be_visible()
    fits_every_width(page, "search")
    page.get_by_role("link", name="Cal Okoro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(somebody.name)
