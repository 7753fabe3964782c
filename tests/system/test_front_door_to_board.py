"""A member of the public introduces themselves; a key worker signs in and finds them on the board."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PersonFactory, StaffMemberFactory, TeamFactory
from tests.system.conftest import screenshots, serious_accessibility_problems, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def north_team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def amara(north_team: Team) -> StaffMember:
    return StaffMemberFactory.create(
        team=north_team, name="Amara Okafor", role=StaffRole.PEER_WORKER, user__username="amara"
    )


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
    sign_in_staff(page, amara)

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


def test_someone_coming_back_is_joined_to_their_record_only_when_the_team_says_so(
    page: Page, live_server: object, amara: StaffMember, north_team: Team
) -> None:
    base = str(live_server)
    known = PersonFactory.create(
        team=north_team, given_name="Nadia", family_name="Haddad", postcode="SE1 7AA", email=""
    )

    # Given someone sends the front door form with the name, birthday and postcode of Nadia
    page.goto(base + "/introduce/yourself/")
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name (optional)").fill("Haddad")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Month", exact=True).fill("4")
    page.get_by_label("Year", exact=True).fill("1988")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Your email address").fill("nadia.h@example.com")
    page.get_by_label("Your postcode (optional)").fill("SE1 7AA")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    known.refresh_from_db()
    assert known.email == "", "nothing typed at the front door is written into the record"

    # When the key worker opens it from the board
    page.goto(base + "/board/")
    sign_in_staff(page, amara)
    row = page.get_by_role("row").filter(has_text="Nadia Haddad")
    expect(row).to_contain_text("May be someone we know")
    row.get_by_role("link", name="Nadia Haddad").click()
    expect(page.get_by_role("heading", name="This may be Nadia Haddad")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    screenshots(page, "introduction-may-be")

    # Then they keep the email they checked with her, and join the introduction to her record
    page.get_by_label("Email: nadia.h@example.com").check()
    page.get_by_role("button", name="Yes, join to Nadia's record").click()
    expect(page.get_by_text("Nadia is coming back.")).to_be_visible()
    known.refresh_from_db()
    assert known.email == "nadia.h@example.com"
    assert known.email_confirmed
