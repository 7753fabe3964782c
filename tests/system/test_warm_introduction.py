"""A warm introduction in a real browser (issue 13): Amara, Ada's key worker, makes one with her from
her plan to a peer support group; the group's worker signs in, sees only what Ada shared, and
accepts; Ada says on her own page that they met and that it helped, and it leaves Amara's board as
landed. A second one, not seen within its days, comes back on Amara's board and the huddle. Every
page fits a phone, a tablet and a desktop, with no serious axe-core problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from livingwell.network.models import Organisation, OrganisationMember, Service
from livingwell.network.services import (
    ServiceDetails,
    built_in_taxonomies_ensure,
    service_change,
)
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from livingwell.warm_introductions.models import State, WarmIntroduction
from tests.factories import PASSWORD, PersonFactory, StaffMemberFactory, UserFactory
from tests.system.conftest import fits_every_width, sign_in_staff
from tests.system.test_directory import sign_in_partner

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


@pytest.fixture
def ada(amara: StaffMember) -> Person:
    user: User = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person: Person = PersonFactory.create(
        team=amara.team, given_name="Ada", family_name="Mensah", user=user, postcode=""
    )
    SupportPeriod.objects.create(
        person=person, team=amara.team, key_worker=amara, started_on=dt.date(2026, 5, 1)
    )
    plan = Plan.objects.create(person=person)
    Goal.objects.create(
        plan=plan, description="Meet people who have been through it too", domain="belonging"
    )
    return person


@pytest.fixture
def sam() -> OrganisationMember:
    """Sam runs the Riverside Peer Support Group, which takes warm introductions."""
    built_in_taxonomies_ensure()  # a test that empties the tables may have gone before
    organisation = Organisation.objects.create(name="Riverside Peer Support", kind="peer-support")
    user = UserFactory.create(username="sam")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    member = OrganisationMember.objects.create(
        user=user, organisation=organisation, name="Sam Adeyemi", job="Group lead"
    )
    group = Service.objects.create(
        organisation=organisation, name="Riverside Peer Support Group", last_modified=timezone.now()
    )
    service_change(
        actor="The directory's first load",
        service=group,
        details=ServiceDetails(
            name=group.name,
            description="A friendly group of people who have been through hard times themselves.",
            warm_introductions=True,
            introductions_to="Sam Adeyemi",
            domains=("belonging",),
            kinds=("peer-support",),
        ),
    )
    return member


def sign_in_person(page: Page, base: str) -> None:
    page.goto(base + "/sign-in/")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_warm_introduction_is_made_with_ada_accepted_and_lands_on_her_word(
    page: Page,
    browser: Browser,
    live_server: Any,
    amara: StaffMember,
    ada: Person,
    sam: OrganisationMember,
) -> None:
    base = str(live_server)

    # Given Amara, on Ada's plan
    page.goto(base + f"/people/{ada.pk}/plan/")
    sign_in_staff(page, amara)
    page.goto(base + f"/people/{ada.pk}/plan/")

    # When they look for a peer support group together
    page.get_by_role("link", name="Make a warm introduction").click()
    fits_every_width(page, "warm-choose")
    page.get_by_label("What are you looking for?").fill("lonely")
    page.get_by_role("button", name="Search").click()
    fits_every_width(page, "warm-choose-results")
    page.get_by_role("link", name="Introduce Ada to Riverside Peer Support Group").click()

    # And make the introduction, first forgetting the number
    page.get_by_label("What does Ada want from it?").fill("To meet people who get it")
    page.get_by_label("A text message").check()
    page.get_by_label("Which number or email address?").fill("")
    page.get_by_label("What matters to me and my strengths").check()
    page.get_by_role("button", name="Make the introduction").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter the number or email address they would like to be contacted on"
    )
    expect(page.get_by_label("What matters to me and my strengths")).to_be_checked()
    fits_every_width(page, "warm-new-problem")
    page.get_by_label("Which number or email address?").fill("07700 900123")
    page.get_by_role("button", name="Make the introduction").click()

    # Then it waits for the group to see it
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Warm introduction made to Riverside Peer Support Group"
    )
    expect(page.locator("main")).to_contain_text("Waiting for Riverside Peer Support to see it")
    fits_every_width(page, "warm-made")

    # When Sam signs in, sees only what Ada gave them, and accepts
    group = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    sign_in_partner(group, base, sam)
    group.get_by_role("link", name="Introductions to us").first.click()
    fits_every_width(group, "warm-received-list")
    group.get_by_role("link", name="Ada Mensah").click()
    main = group.locator("main")
    expect(main).to_contain_text("To meet people who get it")
    expect(main).to_contain_text("A text message: 07700 900123")
    expect(main).not_to_contain_text(ada.nhs_number)
    expect(main).not_to_contain_text("Meet people who have been through it too")  # goals not shared
    fits_every_width(group, "warm-received")
    meeting = timezone.localdate() + dt.timedelta(days=2)
    group.get_by_label("Day").fill(str(meeting.day))
    group.get_by_label("Month").fill(str(meeting.month))
    group.get_by_label("Year").fill(str(meeting.year))
    group.get_by_role("button", name="Yes, we will meet them").click()
    expect(group.locator(".nhsuk-notification-banner")).to_contain_text("you will meet them")

    # And Ada, on her own pages, says they met and that it helped
    own = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    sign_in_person(own, base)
    expect(own.locator("main")).to_contain_text("You are meeting Riverside Peer Support on")
    fits_every_width(own, "warm-asked")
    own.get_by_role("link", name="Tell us how it went").click()
    own.get_by_label("We met, and it helped").check()
    own.get_by_role("button", name="Save").click()
    expect(own.locator(".nhsuk-notification-banner")).to_contain_text("it landed")
    fits_every_width(own, "warm-landed")

    # Then it has landed, on Ada's word, and nothing of it is left on Amara's board
    warm = WarmIntroduction.objects.get()
    assert (warm.state, warm.said_by) == (State.LANDED, "person")
    page.goto(base + "/board/")
    expect(page.locator(".lw-warm-needing")).to_have_count(0)
    page.goto(base + f"/people/{ada.pk}/")
    expect(page.locator("main")).to_contain_text("Landed: it helped")

    # And a second one, not seen within its days, comes back on Amara's board with its age
    page.goto(base + f"/people/{ada.pk}/warm-introductions/new/{warm.service_id}/")
    page.get_by_label("What does Ada want from it?").fill("To go again with a friend")
    page.get_by_label("Through my key worker").check()
    page.get_by_role("button", name="Make the introduction").click()
    second = WarmIntroduction.objects.exclude(pk=warm.pk).get()
    WarmIntroduction.objects.filter(pk=second.pk).update(
        made_at=timezone.now() - dt.timedelta(days=5)
    )
    page.goto(base + "/board/")
    expect(page.locator(".lw-warm-needing")).to_contain_text(
        "Ada Mensah, to Riverside Peer Support Group: Not seen for 5 days"
    )
    fits_every_width(page, "warm-on-the-board")
    page.get_by_role("link", name="Huddle").first.click()
    expect(page.locator("main")).to_contain_text(
        "Ada Mensah, to Riverside Peer Support Group: Not seen for 5 days"
    )
    fits_every_width(page, "huddle")
