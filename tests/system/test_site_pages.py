"""The privacy notice, cookies, accessibility statement, contact page and urgent help in a real browser:
each fits a desktop, a tablet and a phone with no serious axe problem, and every piece of content
(the back link too) sits inside a landmark (axe's best-practice "region" rule)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.factories import PersonFactory, StaffMemberFactory
from tests.system.conftest import fits_every_width, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


@pytest.fixture
def ada(amara: StaffMember) -> Person:
    return PersonFactory.create(team=amara.team, given_name="Ada", family_name="Mensah")


def outside_landmarks(page: Page) -> list[str]:
    """What axe's "region" rule finds outside every landmark (it is best practice, not a WCAG tag)."""
    results = Axe().run(page, options={"runOnly": ["region"]})
    return [str(n["target"]) for v in results.response["violations"] for n in v["nodes"]]


def test_the_site_pages_fit_every_width_and_keep_everything_in_a_landmark(
    page: Page, live_server: Any
) -> None:
    base = str(live_server)
    for address, name, link, heading in [
        ("/privacy/", "privacy", "Privacy notice", "Privacy notice"),
        ("/cookies/", "cookies", "Cookies", "Cookies"),
        ("/accessibility/", "accessibility", "Accessibility statement", "Accessibility statement"),
        ("/contact/", "contact", "Contact us", "Contact us"),
        ("/urgent-help/", "urgent-help", "Urgent help", "Get help now"),
    ]:
        # Given someone opens the page from the footer of the front door
        page.goto(base + "/")
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        # Then it is the page they asked for, with nothing outside a landmark
        expect(page).to_have_url(base + address)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert outside_landmarks(page) == [], name
        # And it reads at every width
        fits_every_width(page, name)


def test_the_back_link_is_inside_a_landmark_on_public_and_staff_pages(
    page: Page, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    base = str(live_server)

    # Given a public page with a back link
    page.goto(base + "/introduce/yourself/")
    back = page.get_by_role("navigation", name="Back").get_by_role("link", name="Back")
    expect(back).to_be_visible()
    assert outside_landmarks(page) == []

    # And a team page with one
    page.goto(base + f"/people/{ada.pk}/")
    sign_in_staff(page, amara)
    page.goto(base + f"/people/{ada.pk}/")
    expect(
        page.get_by_role("navigation", name="Back").get_by_role(
            "link", name="Back to the team board"
        )
    ).to_be_visible()
    assert outside_landmarks(page) == []
    # And the team's footer is the staff one
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Report a problem with this service")).to_be_visible()
    expect(footer.get_by_role("link", name="Sign in to see your plan")).to_have_count(0)
    fits_every_width(page, "person-with-staff-footer")
