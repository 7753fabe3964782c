"""On a phone or a tablet the board's stacked rows read as one card per introduction: each row is its
own box, one below the other, the person's name at its top, and no label is broken over two lines
(issue 11)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Page

from livingwell.team.models import StaffMember
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory
from tests.system.conftest import fits_every_width, sign_in_staff

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

CARDS = """() => [...document.querySelectorAll('.lw-board tbody tr')].map(row => {
  const box = row.getBoundingClientRect();
  const style = getComputedStyle(row);
  const first = row.querySelector('td').getBoundingClientRect();
  const labels = [...row.querySelectorAll('.nhsuk-table-responsive__heading')]
    .filter(label => label.offsetParent !== null)
    .map(label => ({text: label.textContent.trim(), lines: Math.round(
      label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight))}));
  return {top: box.top, bottom: box.bottom, border: parseFloat(style.borderTopWidth),
          name_at_top: first.top - box.top < 24, labels};
})"""


def test_each_introduction_is_one_card_on_a_phone_and_a_tablet(
    page: Page, live_server: Any
) -> None:
    amara: StaffMember = StaffMemberFactory.create(name="Amara Okafor", user__username="amara")
    for given in ("Ada", "Bea", "Cal"):
        IntroductionFactory.create(
            person=PersonFactory.create(team=amara.team, given_name=given, family_name="Mensah")
        )
    page.goto(str(live_server) + "/staff/sign-in/")
    sign_in_staff(page, amara)
    fits_every_width(page, "board-cards")

    for width in (390, 768):
        page.set_viewport_size({"width": width, "height": 900})
        cards: list[dict[str, Any]] = page.evaluate(CARDS)
        assert len(cards) == 3
        for card in cards:
            assert card["border"] >= 2, f"at {width} px a row has its own box"
            assert card["name_at_top"], f"at {width} px the person's name is at the card's top"
            broken = [label["text"] for label in card["labels"] if label["lines"] > 1]
            assert not broken, f"at {width} px these labels break over two lines: {broken}"
        for above, below in itertools.pairwise(cards):
            assert below["top"] >= above["bottom"] + 8, f"at {width} px the cards stand apart"

    page.set_viewport_size({"width": 1280, "height": 900})
    wide: list[dict[str, Any]] = page.evaluate(CARDS)
    assert all(card["border"] < 2 for card in wide), "on a desktop the board is a table"
