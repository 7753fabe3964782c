"""A family member introduces her brother, who does not know yet, without his contact details, and is
told what happens next for her. Each page is checked at every width, errors shown too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from livingwell.frontdoor.models import Introduction
from livingwell.team.models import Team
from tests.factories import TeamFactory
from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def north_team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


def test_a_family_member_introduces_someone_who_does_not_know_yet(
    page: Page, live_server: object, north_team: Team
) -> None:
    base = str(live_server)

    # Given a family member on the front door, with no account
    page.goto(base + "/")
    fits_every_width(page, "family-front-door")

    # When she introduces her brother, leaving his contact details empty and forgetting her own
    page.get_by_role("link", name="Introduce someone you are worried about").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Introduce someone you are worried about"
    )
    fits_every_width(page, "family-form")
    fill_in(page)
    page.get_by_role("button", name="Send").click()

    # Then she is asked only for a way to reply to her, and nothing she typed is lost
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter your phone number or email address, so we can reply")
    expect(summary).not_to_contain_text("their phone number")
    expect(page.get_by_label("Their first name")).to_have_value("Kofi")
    expect(page.get_by_label("What is going on for them at the moment? (optional)")).to_have_value(
        "My brother has stopped going out."
    )
    fits_every_width(page, "family-form-errors")

    # When she gives her phone number and sends it
    page.get_by_label("Your phone number", exact=True).fill("07700 900456")
    page.get_by_role("button", name="Send").click()

    # Then "What happens next" speaks to her, with her reference
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you, we have your message")
    reference = page.locator(".nhsuk-panel strong").inner_text()
    assert reference == Introduction.objects.get().reference
    main = page.get_by_role("main")
    expect(main).to_contain_text("We will get in touch with you first, at 07700 900456.")
    expect(main).to_contain_text(
        "We will talk with you before we contact Kofi, unless we are worried that Kofi is not safe."
    )
    expect(main).not_to_contain_text("in the way you asked")
    fits_every_width(page, "family-what-happens-next")

    # And when she opens the form again (as Back does, with a new token) and sends the same details,
    # it is the same introduction, with the same reference
    page.goto(base + "/introduce/someone-else/")
    fill_in(page)
    page.get_by_label("Your phone number", exact=True).fill("07700 900456")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".nhsuk-panel strong")).to_have_text(reference)
    assert Introduction.objects.count() == 1


def fill_in(page: Page) -> None:
    """Everything but a way to reply to her: her name, her brother's name, and that he does not know."""
    page.get_by_label("Your name").fill("Grace Mensah")
    page.get_by_label("I am their family member or carer").check()
    page.get_by_label("Their first name").fill("Kofi")
    page.get_by_role("group", name="Do they know you are contacting us?").get_by_label("No").check()
    page.get_by_label("What is going on for them at the moment? (optional)").fill(
        "My brother has stopped going out."
    )
