"""Signing out is one step, from the button in the header: for staff, and for a person with
JavaScript turned off. An old bookmark to the sign-out address shows the one button instead."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from livingwell.people.models import Person
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PASSWORD, PersonFactory, StaffMemberFactory, TeamFactory, UserFactory
from tests.system.conftest import fits_every_width, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def north_team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def amara(north_team: Team) -> StaffMember:
    return StaffMemberFactory.create(
        team=north_team, name="Amara Okafor", role=StaffRole.PEER_WORKER, user__username="amara"
    )


@pytest.fixture
def ada(north_team: Team) -> User:
    user = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person: Person = PersonFactory.create(
        team=north_team, given_name="Ada", family_name="Mensah", user=user
    )
    assert person.user == user
    return user


@pytest.fixture
def page_without_javascript(browser: Browser, settings: Any) -> Iterator[Page]:
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP on localhost
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def sign_in_person(page: Page, base: str, email: str) -> None:
    page.goto(base + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_member_of_staff_signs_out_in_one_step(
    page: Page, live_server: Any, amara: StaffMember
) -> None:
    base = str(live_server)

    # Given a key worker, signed in, on the team board.
    page.goto(base + "/staff/sign-in/")
    sign_in_staff(page, amara)
    expect(page.get_by_role("heading", level=1)).to_have_text("Team board")
    account = page.get_by_role("navigation", name="Account")
    expect(account).to_contain_text("Amara Okafor, North")
    fits_every_width(page, "sign-out-staff-board")

    # When they press Sign out in the header.
    account.get_by_role("button", name="Sign out").click()

    # Then they are signed out at once, and offered the staff sign-in again.
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_role("navigation", name="Account")).to_have_count(0)
    fits_every_width(page, "sign-out-staff-signed-out")
    page.get_by_role("link", name="Sign in again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    # And the board asks them to sign in.
    page.goto(base + "/board/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_a_person_signs_out_in_one_step(page: Page, live_server: Any, ada: User) -> None:
    base = str(live_server)

    # Given Ada, signed in.
    sign_in_person(page, base, "ada@example.com")
    account = page.get_by_role("navigation", name="Account")
    expect(account).to_contain_text("Ada")
    fits_every_width(page, "sign-out-person-signed-in")

    # When she presses Sign out in the header.
    account.get_by_role("button", name="Sign out").click()

    # Then she is signed out at once, and offered her own sign-in page again.
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    fits_every_width(page, "sign-out-person-signed-out")
    page.get_by_role("link", name="Sign in again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Living Well")
    page.goto(base + "/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Living Well")


def test_signing_out_works_with_javascript_off(
    page_without_javascript: Page, live_server: Any, ada: User
) -> None:
    """The same pages as above, with no script at all. (axe-core is a script, so it checks them in
    the tests with JavaScript on.)"""
    base = str(live_server)
    page = page_without_javascript

    # Given Ada, signed in, in a browser with JavaScript turned off.
    sign_in_person(page, base, "ada@example.com")
    account = page.get_by_role("navigation", name="Account")
    expect(account).to_contain_text("Ada")

    # When she presses Sign out in the header, she is signed out.
    account.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    page.goto(base + "/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Living Well")


def test_an_old_bookmark_to_sign_out_shows_the_one_button(
    page: Page, live_server: Any, ada: User
) -> None:
    base = str(live_server)
    sign_in_person(page, base, "ada@example.com")

    # When Ada opens the sign-out address from an old bookmark.
    page.goto(base + "/sign-out/")

    # Then she is still signed in, and the page has the one button to sign out.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Ada")
    fits_every_width(page, "sign-out-bookmark")
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
