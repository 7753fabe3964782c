"""Measures taken with the person, in a real browser (issue 14): Amara and Ada fill in ReQoL-10 and
rate Ada's goals together at the start of her support; twelve weeks later (a test clock) the review
is due on the huddle and on Ada's own home; Ada fills it in on her own pages and sees her progress,
as a chart with its table and in words. Every page fits a phone, a tablet and a desktop, with no
serious axe-core problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from livingwell.measures.models import FilledIn, Measure, Timepoint
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from tests.factories import PersonFactory, StaffMemberFactory, UserFactory
from tests.system.conftest import fits_every_width, sign_in_staff
from tests.system.test_warm_introduction import sign_in_person

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

# Ada's answers at the start and at the review: ten items 0-4, then the physical health item.
AT_THE_START = [3, 1, 3, 1, 2, 3, 1, 2, 3, 1, 2]
AT_THE_REVIEW = [1, 3, 1, 3, 3, 1, 3, 3, 1, 3, 1]


@pytest.fixture
def amara() -> StaffMember:
    return StaffMemberFactory.create(name="Amara Okafor", user__username="amara")


@pytest.fixture
def ada(amara: StaffMember) -> Person:
    user: User = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person: Person = PersonFactory.create(
        team=amara.team, given_name="Ada", family_name="Mensah", user=user
    )
    SupportPeriod.objects.create(
        person=person, team=amara.team, key_worker=amara, started_on=timezone.localdate()
    )
    Goal.objects.create(
        plan=Plan.objects.create(person=person),
        description="Walk to the park on my own",
        domain="physical-health",
    )
    return person


def _answer_reqol(page: Page, answers: list[int]) -> None:
    for number, value in enumerate(answers, start=1):
        question = page.get_by_role(
            "group", name=f"{number}. Placeholder for question {number} of 11 of ReQoL-10"
        )
        question.get_by_label(f"Answer {value} (placeholder)").check()


def test_measures_taken_together_then_the_review_alone_with_the_progress_chart(
    page: Page, browser: Browser, live_server: Any, amara: StaffMember, ada: Person
) -> None:
    base = str(live_server)

    # Given Amara, with Ada at her first conversation
    page.goto(base + f"/people/{ada.pk}/")
    sign_in_staff(page, amara)
    page.goto(base + f"/people/{ada.pk}/")
    expect(page.locator("main")).to_contain_text("fill in the first questionnaires")
    page.get_by_role("link", name="Ada's questionnaires and goal ratings").click()
    fits_every_width(page, "measures-empty")

    # When they fill in ReQoL-10 together, first with a day that does not exist
    page.get_by_role("link", name="ReQoL-10").click()
    expect(page.locator(".nhsuk-warning-callout")).to_contain_text("placeholder questions")
    expect(
        page.get_by_label("At the start of support, with the first conversation")
    ).to_be_checked()
    _answer_reqol(page, AT_THE_START)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    question_3 = page.get_by_role("group", name="3. Placeholder for question 3 of 11 of ReQoL-10")
    expect(question_3.get_by_label("Answer 3 (placeholder)")).to_be_checked()  # kept
    fits_every_width(page, "measures-reqol-problem")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("ReQoL-10 saved")

    # And rate her goal
    page.get_by_role("link", name="Rate the goals").click()
    page.get_by_role("group", name="Walk to the park on my own").get_by_label(
        "2", exact=True
    ).check()
    fits_every_width(page, "measures-goal-ratings")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Goal ratings saved")
    started = Measure.objects.filter(timepoint=Timepoint.START)
    assert {(m.instrument, m.filled_in) for m in started} == {
        ("reqol10", FilledIn.TOGETHER),
        ("goal-ratings", FilledIn.TOGETHER),
    }

    # Twelve weeks later
    later = timezone.now() + dt.timedelta(weeks=12, hours=1)
    with time_machine.travel(later, tick=True):
        # Then the review is due on the huddle
        huddle = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
        huddle.goto(base + "/huddle/")
        sign_in_staff(huddle, amara)
        huddle.goto(base + "/huddle/")
        reviews = huddle.locator("section[aria-labelledby=reviews]")
        expect(reviews.get_by_role("link", name="Ada Mensah")).to_be_visible()
        expect(reviews).to_contain_text("due today")
        fits_every_width(huddle, "measures-huddle")
        reviews.get_by_role("link", name="How often the team reviews").click()
        expect(huddle.locator("main")).to_contain_text("every 12 weeks")
        fits_every_width(huddle, "measures-review-weeks")
        huddle.go_back()

        # And on Ada's own home, where she fills it in on her own
        own = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
        sign_in_person(own, base)
        expect(own.locator(".lw-review-due")).to_contain_text("Your review is due today")
        fits_every_width(own, "measures-home")
        own.get_by_role("link", name="See your progress and fill them in").click()
        own.get_by_role("link", name="ReQoL-10").click()
        expect(own.get_by_label("At a review, to see how things are going")).to_be_checked()
        _answer_reqol(own, AT_THE_REVIEW)
        own.get_by_role("button", name="Save").click()
        own.get_by_role("link", name="Rate your goals").click()
        own.get_by_role("group", name="Walk to the park on my own").get_by_label(
            "7", exact=True
        ).check()
        own.get_by_role("button", name="Save").click()

        # And sees her progress: a chart, its table, and what it means in words
        main = own.locator("main")
        expect(main).to_contain_text("Your score went up")
        expect(main).to_contain_text("is a real change, not chance")
        expect(main).to_contain_text("Your rating went up 5 points")
        expect(own.locator("svg.lw-chart").first).to_be_visible()
        expect(own.get_by_role("cell", name="At a review").first).to_be_visible()
        fits_every_width(own, "measures-progress")
        review = Measure.objects.get(instrument="reqol10", timepoint=Timepoint.REVIEW)
        assert (review.filled_in, review.with_member) == (FilledIn.ALONE, None)

        # And the review is no longer due on the huddle
        huddle.reload()
        expect(reviews).to_contain_text("No reviews are due this week")
