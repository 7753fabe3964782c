"""A person writes to their team from their own pages; their key worker sees it on the board, reads it
on the person's record and marks it read; the person sees it has been read. Every page on the way
fits a phone, a tablet and a desktop, with no serious axe-core problem (issue 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember
from tests.factories import PASSWORD, PersonFactory, StaffMemberFactory, UserFactory
from tests.system.conftest import fits_every_width, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

WORDS = "Can we move Thursday to Friday? I have a job interview on Thursday."


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


@pytest.fixture
def ada(amara: StaffMember) -> Person:
    user: User = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person: Person = PersonFactory.create(
        team=amara.team, given_name="Ada", family_name="Mensah", user=user
    )
    SupportPeriod.objects.create(
        person=person, team=amara.team, key_worker=amara, started_on=dt.date(2026, 5, 1)
    )
    return person


def test_a_message_to_the_team_lands_on_the_board_and_the_record(
    page: Page, browser: Browser, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    base = str(live_server)

    # Given Ada, signed in on her own pages
    page.goto(base + "/sign-in/")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # When she writes to her team
    page.get_by_role("link", name="Send a message to your team").click()
    fits_every_width(page, "message-form")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write your message")
    page.get_by_label("Your message").fill(WORDS)
    page.get_by_role("button", name="Send message").click()

    # Then it says it is sent, and not read yet
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Your message is sent")
    expect(page.locator(".lw-message")).to_contain_text("Not read yet")
    fits_every_width(page, "message-sent")

    # And her key worker sees it on the board, reads it on her record and marks it read
    staff = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    staff.goto(base + "/board/")
    sign_in_staff(staff, amara)
    expect(staff.locator(".lw-messages-not-read")).to_contain_text("Ada Mensah")
    fits_every_width(staff, "board-with-a-message")
    staff.locator(".lw-messages-not-read").get_by_role("link", name="Ada Mensah").click()
    expect(staff.locator(".lw-message")).to_contain_text(WORDS)
    staff.get_by_role("button", name="Mark as read").click()
    expect(staff.locator(".nhsuk-notification-banner")).to_contain_text("Marked as read")
    expect(staff.locator(".lw-message")).to_contain_text("Read by Amara Okafor")
    fits_every_width(staff, "person-message-read")
    staff.goto(base + "/board/")
    expect(staff.locator(".lw-messages-not-read")).to_have_count(0)

    # And Ada sees that it has been read
    page.reload()
    expect(page.locator(".lw-message")).to_contain_text("Read by Amara Okafor")
