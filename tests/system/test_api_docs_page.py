"""The API's documentation page, in a real browser: accessible, and made only from our own files."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Request, expect

from tests.system.conftest import fits_every_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_is_accessible_and_loads_nothing_from_elsewhere(
    page: Page, live_server: object
) -> None:
    requested: list[str] = []

    def note(request: Request) -> None:
        requested.append(request.url)

    page.on("request", note)
    # Given the API documentation, opened by anyone
    page.goto(str(live_server) + "/api/docs")

    # Then it says what it is, lists the calls, and axe finds nothing serious or critical
    expect(page).to_have_title("Living Well API: documentation")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Living Well API")
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_text("/api/introductions").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    fits_every_width(page, "api-docs")

    # When a developer opens a call that reads and one that changes, and tries the change out
    page.locator(".opblock-get .opblock-summary-control").first.click()
    page.locator(".opblock-post .opblock-summary-control").first.click()
    page.locator(".opblock-post").first.get_by_role("button", name="Try it out").click()
    expect(page.get_by_role("textbox", name="Request body (JSON)")).to_be_visible()

    # Then, with all that open, it still fits every width and axe still finds nothing serious
    fits_every_width(page, "api-docs-open")

    # And every file it needed came from the site itself, none from a CDN
    ours = urlparse(str(live_server)).netloc
    elsewhere = [
        u for u in requested if urlparse(u).scheme != "data" and urlparse(u).netloc != ours
    ]
    assert elsewhere == []
