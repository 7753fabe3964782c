"""The directory in a real browser (issue 12): someone with no account searches "lonely" near their
postcode and finds a nearby peer support group open today; the group's organisation signs in and
changes its opening times; the change is on the public page and in the Open Referral UK feed at
once. Every page fits a phone, a tablet and a desktop, with no serious axe-core problem."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from livingwell.network.models import (
    Address,
    Location,
    Organisation,
    OrganisationMember,
    Schedule,
    Service,
    ServiceAtLocation,
)
from livingwell.network.selectors import postcode_point
from livingwell.network.services import (
    OpeningTime,
    ServiceDetails,
    places_locate,
    postcodes_load,
    service_change,
    synthetic_directory_load,
)
from livingwell.synthetic import directory as synthetic
from tests.factories import PASSWORD
from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]
NEAR = "SW9 1AB"


@pytest.fixture
def peer_support(partner: OrganisationMember) -> Service:
    """The partner's own peer support group, next to SW9 1AB, open every day from 9am to 9pm, in a
    borough of other services."""
    postcodes_load(synthetic.postcodes())
    synthetic_directory_load(
        synthetic.directory(services=40), city="London", county="Greater London"
    )
    organisation: Organisation = partner.organisation
    service = Service.objects.create(
        organisation=organisation,
        name="Riverside Peer Support Group",
        last_modified=timezone.now(),
    )
    point = postcode_point(NEAR)
    assert point is not None
    location = Location.objects.create(
        organisation=organisation, name="Oval Rooms", latitude=point[0], longitude=point[1]
    )
    Address.objects.create(
        location=location,
        address_1="12 Larkhall Rise",
        city="London",
        state_province="Greater London",
        postal_code=NEAR,
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    places_locate([service.id])
    every_day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    service_change(
        actor="The directory's first load",
        service=service,
        details=ServiceDetails(
            name=service.name,
            description="A friendly group of people who have been through hard times themselves.",
            walk_in=True,
            domains=("belonging", "mental-health"),
            kinds=("peer-support",),
            opening_times=(
                # Open every day, so "open today" holds whenever the test runs.
                OpeningTime(every_day, dt.time(9), dt.time(21)),
            ),
        ),
    )
    return service


def sign_in_partner(page: Page, base: str, partner: OrganisationMember) -> None:
    page.goto(base + "/staff/sign-in/")
    page.get_by_label("Username").fill(partner.user.username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    device = TOTPDevice.objects.get(user=partner.user)
    page.get_by_label("Security code").fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    )
    page.get_by_role("button", name="Sign in").click()


def test_someone_finds_peer_support_near_them_and_its_organisation_keeps_the_times_true(
    page: Page,
    browser: Browser,
    live_server: Any,
    partner: OrganisationMember,
    peer_support: Service,
) -> None:
    base = str(live_server)

    # Given someone with no account, on the front door
    page.goto(base + "/")
    page.get_by_role("link", name="find local groups and services yourself").click()
    fits_every_width(page, "directory")

    # When they say they are lonely, near their postcode
    page.get_by_label("What are you looking for?").fill("lonely")
    page.get_by_label("Your postcode").fill("sw9 1ab")
    page.get_by_role("button", name="Search").click()

    # Then a peer support group near them, open today, is among the first places
    expect(
        page.get_by_role("heading", level=2, name="places found within 3 miles of SW9 1AB")
    ).to_be_visible()
    first = page.locator(".lw-result").first
    expect(first).to_contain_text("Riverside Peer Support Group")
    expect(first).to_contain_text("Every day, 9am to 9pm")
    expect(first).to_contain_text("less than 0.1 miles away")
    fits_every_width(page, "directory-results")
    page.get_by_role("link", name="Riverside Peer Support Group", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Peer Support Group")
    expect(page.locator("main")).to_contain_text("You can just turn up when it is open.")
    fits_every_width(page, "directory-service")

    # And a postcode that is not there is said so, not shown as nothing near
    page.goto(base + "/directory/?q=lonely&postcode=SW9+9ZZ")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("We could not find SW9 9ZZ")
    fits_every_width(page, "directory-unknown-postcode")

    # When the group's organisation signs in and changes its opening times
    partner_page = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    sign_in_partner(partner_page, base, partner)
    partner_page.get_by_role("link", name="Our directory entries").first.click()
    fits_every_width(partner_page, "directory-our-entries")
    partner_page.get_by_role("link", name="Riverside Peer Support Group", exact=True).first.click()
    fits_every_width(partner_page, "directory-change")
    times = partner_page.get_by_role("group", name="Opening times 1")
    for day in ("Saturday", "Sunday"):
        times.get_by_label(day).uncheck()
    times.get_by_label("Opens at").fill("10:00")
    times.get_by_label("Closes at").fill("25:00")
    partner_page.get_by_role("button", name="Save changes").click()
    expect(partner_page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter the time it closes as hours and minutes"
    )
    fits_every_width(partner_page, "directory-change-problem")
    partner_page.get_by_role("group", name="Opening times 1").get_by_label("Closes at").fill(
        "14:00"
    )
    partner_page.get_by_role("button", name="Save changes").click()
    expect(partner_page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Your changes to Riverside Peer Support Group are saved."
    )

    # Then the public page and the Open Referral UK feed say the new times
    page.goto(base + f"/directory/services/{peer_support.id}/")
    expect(page.locator("main")).to_contain_text("Monday to Friday, 10am to 2pm")
    feed = page.request.get(base + f"/openreferral/services/{peer_support.id}")
    assert feed.headers["access-control-allow-origin"] == "*"
    schedules = json.loads(feed.text())["schedules"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == [
        ("MO,TU,WE,TH,FR", "10:00:00", "14:00:00")
    ]
    assert Schedule.objects.filter(service=peer_support).count() == 1
