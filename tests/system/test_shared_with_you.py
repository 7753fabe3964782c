"""A partner organisation's adviser in a real browser: they search the plans shared with them, and see
who is new since they last looked. The page fits 1280, 768 and 390 px (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from livingwell.network.models import OrganisationMember
from livingwell.people.models import SharingChoice
from livingwell.team.models import Team
from tests.factories import PASSWORD, PersonFactory
from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_an_adviser_searches_what_is_shared_with_them(
    page: Page, live_server: Any, partner: OrganisationMember, team: Team
) -> None:
    base = str(live_server)
    page.goto(base + "/staff/sign-in/")
    page.get_by_label("Username").fill(partner.user.username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    device = TOTPDevice.objects.get(user=partner.user)
    page.get_by_label("Security code").fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    )
    page.get_by_role("button", name="Sign in").click()
    page.goto(base + "/shared/")
    expect(page.get_by_text("No one shares their plan with you")).to_be_visible()
    # Three people start sharing after the adviser last looked.
    for given, family in (("Ada", "Mensah"), ("Bea", "Okoro"), ("Cal", "Featherstonehaugh")):
        person = PersonFactory.create(team=team, given_name=given, family_name=family)
        SharingChoice.objects.create(
            person=person,
            organisation=partner.organisation,
            parts=["plan"],
            decided_at=timezone.now(),
            decided_by=given,
        )
    page.goto(base + "/shared/")
    expect(page.get_by_text("New since you last looked")).to_have_count(3)
    fits_every_width(page, "shared-with-you")

    page.get_by_label("Find someone by name").fill("okoro")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 person found")).to_be_visible()
    expect(page.get_by_role("link", name="Bea Okoro")).to_be_visible()
    expect(page.get_by_role("link", name="Ada Mensah")).to_have_count(0)
    fits_every_width(page, "shared-with-you-search")
