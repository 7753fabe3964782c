"""An invitation link that has been used, or is too old, says so plainly, in a real browser."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from livingwell.access import invitations
from livingwell.people.models import Invitation, Person
from livingwell.team.models import StaffMember
from tests.conftest import team_record
from tests.factories import PersonFactory, StaffMemberFactory, TeamFactory
from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PASSWORD = "river swim allotment tuesday"


@pytest.fixture
def ada_link() -> str:
    team = TeamFactory.create(name="North", postcode_districts="SE1, SE11")
    amara: StaffMember = StaffMemberFactory.create(team=team, name="Amara Okafor")
    ada: Person = PersonFactory.create(team=team, given_name="Ada", family_name="Mensah")
    return f"/invitation/{invitations.invitation_create(team_record(amara, ada))}/"


def test_a_used_link_offers_sign_in(page: Page, live_server: Any, ada_link: str) -> None:
    base = str(live_server)

    # Given Ada has set up her account from her link.
    page.goto(base + ada_link)
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_role("textbox", name="Choose a password").fill(PASSWORD)
    page.get_by_role("textbox", name="Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Set up my account").click()
    page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out").click()

    # When the link is opened again.
    page.goto(base + ada_link)

    # Then it says it has been used, offers sign in, and says nothing about Ada.
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has been used")
    assert "Ada" not in page.content()
    fits_every_width(page, "invitation-used")
    page.get_by_role("link", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Living Well")


def test_an_expired_link_says_to_ask_for_a_new_one(
    page: Page, live_server: Any, ada_link: str
) -> None:
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))

    page.goto(str(live_server) + ada_link)

    expect(page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    expect(page.get_by_text("Ask your team for a new link")).to_be_visible()
    assert "Ada" not in page.content()
    fits_every_width(page, "invitation-expired")
