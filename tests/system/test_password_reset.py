"""A person who has forgotten their password gets a link by email, chooses a new password, and
signs in with it. Every page on the way fits a phone, a tablet and a desktop, with no axe problems."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from playwright.sync_api import Page, expect

from livingwell.people.models import Person
from livingwell.team.models import Team
from tests.factories import PersonFactory, TeamFactory, UserFactory
from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "harbour lantern pebble autumn"


@pytest.fixture
def ada() -> User:
    team: Team = TeamFactory.create(name="North", postcode_districts="SE1, SE11")
    user = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person: Person = PersonFactory.create(
        team=team, given_name="Ada", family_name="Mensah", user=user
    )
    assert person.user == user
    return user


def test_a_person_chooses_a_new_password_from_a_link_and_signs_in_with_it(
    page: Page, live_server: Any, ada: User, mailoutbox: list[EmailMessage]
) -> None:
    base = str(live_server)

    # Given Ada on the sign-in page, who has forgotten her password.
    page.goto(base + "/sign-in/")
    fits_every_width(page, "password-reset-sign-in")
    page.get_by_role("link", name="Forgotten your password?").click()

    # When she asks for a link, first leaving the email address out.
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten your password?")
    fits_every_width(page, "password-reset-request")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your email address")
    fits_every_width(page, "password-reset-request-error")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_role("button", name="Send me a link").click()

    # Then she is told to check her email, without saying whether there is an account.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_text("If there is an account with that email address")).to_be_visible()
    fits_every_width(page, "password-reset-sent")

    # And the email has a link to choose a new password.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ada@example.com"]
    link = re.search(r"https?://\S+/sign-in/new-password/\S+/", str(mailoutbox[0].body))
    assert link is not None
    page.goto(link.group(0))

    # When she chooses a new password, first typing it differently the second time.
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    fits_every_width(page, "password-reset-new")
    page.get_by_role("textbox", name="New password").fill(NEW_PASSWORD)
    page.get_by_role("textbox", name="Type the password again").fill("harbour lantern")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("alert")).to_contain_text("The passwords do not match")
    fits_every_width(page, "password-reset-new-error")
    page.get_by_role("textbox", name="New password").fill(NEW_PASSWORD)
    page.get_by_role("textbox", name="Type the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()

    # Then her password is changed, and she signs in with the new one.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been changed")
    fits_every_width(page, "password-reset-changed")
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_role("textbox", name="Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Ada")

    # And the link does not work a second time.
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    fits_every_width(page, "password-reset-link-used")
