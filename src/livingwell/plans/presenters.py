"""What the plan's pages show, for the team's side and the person's own."""

from __future__ import annotations

from typing import Any

from livingwell.access.places import Place
from livingwell.access.policy import Record
from livingwell.plans import selectors

PLAN_PAGE = "plans/plan.jinja"


def page_context(place: Place, record: Record, **extra: Any) -> dict[str, Any]:
    """What every page of the plan needs: whose it is, and where its pages live."""
    person = record.person
    return {
        "place": place,
        "person": person,
        "whose": "your" if place.own else f"{person.given_name}'s",
        "back_href": place.url("plan"),
        **extra,
    }


def plan_page(place: Place, record: Record) -> dict[str, Any]:
    """The plan page (`PLAN_PAGE`), as the asker may read it."""
    title = "Your plan" if place.own else f"{record.person.name}'s plan"
    return page_context(place, record, title=title, view=selectors.plan_view(record), active="plan")
