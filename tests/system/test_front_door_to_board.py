"""A member of the public introduces themselves; a key worker signs in and finds them on the board."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PASSWORD, StaffMemberFactory, TeamFactory
from tests.system.conftest import serious_accessibility_problems

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def north_team() -> Team:
    return TeamFactory(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def amara(north_team: Team) -> StaffMember:
    return StaffMemberFactory(
        team=north_team, name="Amara Okafor", role=StaffRole.PEER_WORKER, user__username="amara"
    )


def security_code(member: StaffMember) -> str:
    device = TOTPDevice.objects.get(user=member.user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_self_introduction_reaches_the_team_board(
    page: Page, live_server: object, amara: StaffMember
) -> None:
    base = str(live_server)

    # Given a member of the public on the front door, with no account
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get support with your mental health")
    expect(page.get_by_text("Samaritans free on")).to_be_visible()
    assert serious_accessibility_problems(page) == []

    # When they ask for support for themselves, first forgetting how we should get in touch
    page.get_by_role("link", name="Ask for support for yourself").click()
    assert serious_accessibility_problems(page) == []
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name (optional)").fill("Haddad")
    page.get_by_label("What is going on for you at the moment? (optional)").fill(
        "I feel low most days and I'm worried about my job."
    )
    page.get_by_role("button", name="Send").click()

    # Then they are told what to fix, and nothing they typed is lost
    expect(page.get_by_role("alert")).to_contain_text("Choose how we should get in touch")
    expect(page.get_by_label("First name")).to_have_value("Nadia")
    assert serious_accessibility_problems(page) == []

    page.get_by_label("Phone call").check()
    page.get_by_label("Your phone number").fill("07700 900321")
    page.get_by_role("button", name="Send").click()

    # And they see what happens next, with a reference
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you, we have your message")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    reference = page.locator(".nhsuk-panel strong").inner_text()
    assert reference.startswith("LW-")
    assert serious_accessibility_problems(page) == []

    # When a key worker signs in with a password and a security code
    page.goto(base + "/board/")
    page.get_by_label("Username").fill("amara")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(security_code(amara))
    page.get_by_role("button", name="Sign in").click()

    # Then the introduction is on the team board, waiting
    expect(page.get_by_role("heading", level=1)).to_have_text("Team board")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Nadia Haddad")
    expect(row).to_contain_text("Nobody yet")
    assert serious_accessibility_problems(page) == []

    # And the key worker can open it and read the person's own words
    row.get_by_role("link", name="Nadia Haddad").click()
    expect(page.locator("blockquote")).to_have_text(
        "I feel low most days and I'm worried about my job."
    )
    assert serious_accessibility_problems(page) == []


def test_the_accessibility_check_does_find_problems(page: Page) -> None:
    """So that an empty list above means something: axe must report a page with known failures."""
    page.set_content('<html><body><img src="data:,"><input type="text"></body></html>')
    problems = serious_accessibility_problems(page)
    assert any(p.startswith("image-alt") for p in problems)
