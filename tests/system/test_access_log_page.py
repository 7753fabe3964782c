"""A record's access log in a real browser, with axe: every entry can be paged to, and downloaded.

A key worker looks at the team board (a look at a list, kept once a day with a count) and then
opens the log of a person with 120 entries: the page says how many in all, pages through them with
the NHS pagination, and offers the whole list as a file.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from livingwell.access.policy import record_access
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory
from tests.system.conftest import screenshots, serious_accessibility_problems, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


@pytest.fixture
def ada(amara: StaffMember) -> Person:
    return PersonFactory.create(team=amara.team, given_name="Ada", family_name="Mensah")


def accessible(page: Page) -> None:
    problems = serious_accessibility_problems(page)
    assert problems == [], f"{page.url}: {problems}"


def test_the_log_pages_through_every_entry_and_downloads_whole(
    page: Page, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    IntroductionFactory.create(person=ada)
    for n in range(120):
        record_access(amara, [ada.pk], action="view", what=f"their plan, look {n:03d}", why="Test")
    base = str(live_server)

    page.goto(base + "/staff/sign-in/")
    sign_in_staff(page, amara)
    expect(
        page.get_by_role("link", name="Team board")
    ).to_be_visible()  # signing in opens the board
    for _ in range(3):
        page.goto(base + "/board/")

    page.goto(f"{base}/people/{ada.pk}/access-log/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    accessible(page)
    # 120 looks, one row for the four board views, and this look at the log.
    expect(page.get_by_text("Page 1 of 3. 122 entries in all, newest first.")).to_be_visible()
    expect(page.get_by_text("on the team board 4 times")).to_be_visible()
    screenshots(page, "access-log")

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 3.")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("their plan, look 000")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole list").click()
    rows = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) > 120
    assert any("look 000" in row for row in rows)
    assert any("look 119" in row for row in rows)
