"""The pages for a flood at the front door and for setting aside (ADR 0006), in a real browser, with axe.

A person sends the form once too often and is asked to phone, with their words kept; a team lead sets a
repeat aside into its original, sees it on the list of what is set aside, and puts it back.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from livingwell.frontdoor.models import Introduction, IntroductionStatus
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import (
    IntroductionFactory,
    PersonFactory,
    StaffMemberFactory,
    TeamFactory,
)
from tests.system.conftest import serious_accessibility_problems, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def north_team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def nia(north_team: Team) -> StaffMember:
    return StaffMemberFactory.create(
        team=north_team, name="Nia Roberts", role=StaffRole.TEAM_LEAD, user__username="nia"
    )


def accessible(page: Page) -> None:
    problems = serious_accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


def test_too_many_forms_asks_them_to_phone_and_keeps_their_words(
    page: Page, live_server: object, north_team: Team, settings: Any
) -> None:
    settings.LIVINGWELL_FRONT_DOOR_PER_SESSION = 1
    base = str(live_server)
    for words in ("My first message.", "I forgot to say: I work nights."):
        page.goto(base + "/introduce/yourself/")
        accessible(page)
        page.get_by_label("First name").fill("Nadia")
        page.get_by_label("What is going on for you at the moment? (optional)").fill(words)
        page.get_by_label("Phone call").check()
        page.get_by_label("Your phone number").fill("07700 900321")
        page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "We have had a lot of forms from this connection"
    )
    expect(page.locator("blockquote")).to_have_text("I forgot to say: I work nights.")
    expect(page.get_by_role("link", name="020 7946 0000")).to_be_visible()
    accessible(page)
    assert Introduction.objects.count() == 1


def test_a_team_lead_sets_a_repeat_aside_and_puts_it_back(
    page: Page, live_server: object, nia: StaffMember, north_team: Team
) -> None:
    base = str(live_server)
    person = PersonFactory.create(team=north_team, given_name="Kwame", family_name="Mensah")
    original = IntroductionFactory.create(person=person)
    repeat = IntroductionFactory.create(
        person=PersonFactory.create(team=north_team, given_name="Kwame", family_name="Mensah"),
        what_matters="Sent again: my number is 07700 900999.",
    )

    page.goto(base + f"/introductions/{repeat.pk}/")
    sign_in_staff(page, nia)

    page.get_by_role("link", name="Set this aside").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set this introduction aside")
    accessible(page)
    page.get_by_role("button", name="Set aside").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose whether this is a repeat")
    accessible(page)
    page.get_by_label("A repeat of another introduction").check()
    page.get_by_label("If it is a repeat").fill(original.reference)
    page.get_by_role("button", name="Set aside").click()

    expect(page.locator(".nhsuk-inset-text")).to_contain_text("Set aside by Nia Roberts")
    accessible(page)
    page.get_by_role("link", name=f"introduction {original.reference}").click()
    expect(page.get_by_text("Sent again: my number is 07700 900999.")).to_be_visible()
    accessible(page)

    page.goto(base + "/introductions/set-aside/")
    expect(page.get_by_role("row").filter(has_text=repeat.reference)).to_contain_text("A repeat of")
    accessible(page)
    page.get_by_role("button", name=repeat.reference).click()
    repeat.refresh_from_db()
    assert repeat.status == IntroductionStatus.WAITING
    expect(page.get_by_text("Put back on the board by Nia Roberts")).to_be_visible()
    accessible(page)
