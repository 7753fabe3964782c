"""The plan, owned by the person (relational rule 4), in a real browser.

A key worker writes a plan with Ada and adds her brother Kofi to her circle, sharing her goals with him.
Ada and Kofi each set up an account from an invitation link. Kofi reads Ada's goals. Ada signs in,
changes a goal into her own words and stops sharing with Kofi; Kofi then sees nothing of the plan, and
Ada sees Kofi's earlier look in her access log. axe-core checks every page on the way.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from livingwell.people.models import Person
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PersonFactory, StaffMemberFactory, TeamFactory
from tests.system.conftest import fits_every_width, serious_accessibility_problems, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

ADA_PASSWORD = "river swim allotment tuesday"
KOFI_PASSWORD = "blue bicycle lantern morning"


@pytest.fixture
def north_team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def amara(north_team: Team) -> StaffMember:
    return StaffMemberFactory.create(
        team=north_team, name="Amara Okafor", role=StaffRole.PEER_WORKER, user__username="amara"
    )


@pytest.fixture
def ada(north_team: Team) -> Person:
    return PersonFactory.create(team=north_team, given_name="Ada", family_name="Mensah")


def accessible(page: Page) -> None:
    problems = serious_accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


def new_page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1100, "height": 900}).new_page()


def set_up_account(page: Page, link: str, email: str, password: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your account")
    accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Choose a password").fill(password)
    page.get_by_role("textbox", name="Type the password again").fill(password)
    page.get_by_role("button", name="Set up my account").click()


def test_a_person_owns_their_plan_and_decides_who_sees_it(
    page: Page, browser: Browser, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    base = str(live_server)

    # A key worker signs in with a password and a security code.
    page.goto(base + "/staff/sign-in/")
    sign_in_staff(page, amara)

    # They open Ada's plan and write the first conversation with her.
    page.goto(f"{base}/people/{ada.pk}/")
    page.get_by_role("link", name="Open Ada's plan").click()
    accessible(page)
    page.get_by_role("link", name="Start with the first conversation").click()
    accessible(page)
    page.get_by_label("What matters to me").fill("Seeing my grandson, and keeping my flat.")
    page.get_by_label("My strengths").fill("I am a good cook and I never give up.")
    page.locator("#id_housing-how").fill("Behind on the rent since the summer.")
    page.get_by_role("button", name="Save to the plan").click()
    expect(page.get_by_text("Seeing my grandson, and keeping my flat.")).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Add a goal").click()
    accessible(page)
    page.get_by_label("The goal, in Ada's own words").fill("Pay off the rent arrears")
    page.get_by_label("Which part of life is it about?").select_option("housing")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Pay off the rent arrears", exact=True)).to_be_visible()
    fits_every_width(page, "plan-with-a-goal")

    # Kofi joins Ada's circle, and Ada's goals are shared with him.
    page.get_by_role("link", name="Change my circle").click()
    page.get_by_label("Their name").fill("Kofi Mensah")
    page.get_by_label("Who are they to Ada?").select_option("SIB")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Add to the circle").click()
    expect(page.get_by_role("cell", name="Kofi Mensah", exact=True)).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Choose what each person can see").click()
    accessible(page)
    page.get_by_role("link", name="Change what Kofi Mensah can see").click()
    page.get_by_label(
        "My goals, but not goals about my mental health, safety, or alcohol and drugs", exact=True
    ).check()
    page.get_by_label("What matters to me and my strengths", exact=True).check()
    page.get_by_label("Housing: what I said about it, and my goals for it", exact=True).check()
    accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("listitem").filter(has_text="My goals, but not")).to_be_visible()
    fits_every_width(page, "sharing-with-kofi")

    # The team sees exactly what Kofi will see.
    page.get_by_role("link", name="See what they see (Kofi Mensah)").click()
    accessible(page)
    preview = page.get_by_role("region", name="What Kofi Mensah sees")
    expect(preview.get_by_text("Behind on the rent since the summer.")).to_be_visible()
    expect(preview.get_by_text("Pay off the rent arrears", exact=True)).to_be_visible()
    page.get_by_role("link", name="Back to who can see what").click()

    # Invitation links for Kofi and for Ada.
    page.get_by_role("link", name="Add someone to the circle").click()
    page.get_by_role("link", name="Invite Kofi Mensah").click()
    page.get_by_role("button", name="Make an invitation link").click()
    kofi_link = page.locator(".lw-invitation-link code").inner_text()
    accessible(page)
    page.goto(f"{base}/people/{ada.pk}/")
    page.get_by_role("link", name="Invite Ada to sign in").click()
    page.get_by_role("button", name="Make an invitation link").click()
    ada_link = page.locator(".lw-invitation-link code").inner_text()

    # Kofi sets up his account and reads what Ada shares with him.
    kofi = new_page(browser)
    set_up_account(kofi, kofi_link, "kofi@example.com", KOFI_PASSWORD)
    expect(kofi.get_by_role("heading", level=1)).to_have_text("Plans shared with you")
    accessible(kofi)
    kofi.get_by_role("link", name="Ada Mensah").click()
    expect(kofi.get_by_text("Pay off the rent arrears", exact=True)).to_be_visible()
    expect(kofi.get_by_text("Behind on the rent since the summer.")).to_be_visible()
    accessible(kofi)
    shared_address = kofi.url

    # Ada sets up her account, and changes her goal into her own words.
    ada_page = new_page(browser)
    set_up_account(ada_page, ada_link, "ada.mensah@example.com", ADA_PASSWORD)
    expect(ada_page.get_by_role("heading", level=1)).to_have_text("Your plan")
    accessible(ada_page)
    ada_page.get_by_role("link", name="Change this goal").click()
    accessible(ada_page)
    ada_page.get_by_label("The goal, in your own words").fill(
        "Clear what I owe on the flat by spring"
    )
    ada_page.get_by_role("group", name="How is it going?").get_by_label("Getting there").check()
    ada_page.get_by_role("button", name="Save goal").click()
    expect(
        ada_page.get_by_text("Clear what I owe on the flat by spring", exact=True)
    ).to_be_visible()
    expect(ada_page.locator(".lw-goal").get_by_text("Getting there")).to_be_visible()

    # Ada stops sharing with Kofi.
    ada_page.get_by_role("link", name="Who can see your plan").click()
    accessible(ada_page)
    ada_page.get_by_role("link", name="Change what Kofi Mensah can see").click()
    ada_page.get_by_label(
        "My goals, but not goals about my mental health, safety, or alcohol and drugs", exact=True
    ).uncheck()
    ada_page.get_by_label("What matters to me and my strengths", exact=True).uncheck()
    ada_page.get_by_label(
        "Housing: what I said about it, and my goals for it", exact=True
    ).uncheck()
    ada_page.get_by_role("button", name="Save").click()
    expect(ada_page.get_by_role("cell", name="Nothing", exact=True)).to_be_visible()

    # On his next request, Kofi sees nothing of the plan.
    kofi.goto(shared_address)
    expect(kofi.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert "Clear what I owe" not in kofi.content()
    assert "Behind on the rent" not in kofi.content()
    kofi.goto(base + f"/api/people/{ada.pk}/plan")
    assert "Clear what I owe" not in kofi.content()

    # Ada sees Kofi's earlier look in her access log.
    ada_page.goto(base + "/my/")
    ada_page.get_by_role("link", name="Who has looked at your record").click()
    accessible(ada_page)
    kofi_rows = ada_page.get_by_role("row").filter(
        has_text="Kofi Mensah, carer (Brother or sister)"
    )
    expect(
        kofi_rows.filter(has_text="Reading what the person shares with them").first
    ).to_be_visible()

    # Ada shares her goals with Kofi again, and chooses to tell him: the page quotes the message.
    ada_page.goto(base + "/my/")
    ada_page.get_by_role("link", name="Who can see your plan").click()
    ada_page.get_by_role("link", name="Change what Kofi Mensah can see").click()
    ada_page.get_by_label(
        "My goals, but not goals about my mental health, safety, or alcohol and drugs", exact=True
    ).check()
    expect(ada_page.get_by_text("The message says only this: “Ada has chosen")).to_be_visible()
    ada_page.get_by_label("Send Kofi Mensah a message").check()
    fits_every_width(ada_page, "sharing-tell-kofi")
    ada_page.get_by_role("button", name="Save").click()
    expect(ada_page.get_by_text("We have sent Kofi Mensah a message")).to_be_visible()


def test_a_work_account_opening_an_invitation_is_told_to_sign_out_first(
    page: Page, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    base = str(live_server)

    # Given a key worker, signed in, who has made an invitation link for Ada.
    page.goto(base + "/staff/sign-in/")
    sign_in_staff(page, amara)
    page.goto(f"{base}/people/{ada.pk}/")
    page.get_by_role("link", name="Invite Ada to sign in").click()
    page.get_by_role("button", name="Make an invitation link").click()
    link = page.locator(".lw-invitation-link code").inner_text()

    # When they open the link themselves, still signed in at work.
    page.goto(link)

    # Then they are told a work account cannot take it, on an accessible page, and nothing is set up.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You are signed in with a work account"
    )
    accessible(page)
    expect(page.get_by_role("button", name="Set up my account")).to_have_count(0)
    ada.refresh_from_db()
    assert ada.user_id is None

    # And once signed out, the same link is there for Ada to use.
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your account")
