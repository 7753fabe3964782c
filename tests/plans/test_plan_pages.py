"""The plan's pages, for the team and for the person: writing it together, versions, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.people.models import Person
from livingwell.plans.models import Goal, Plan, PlanVersion
from tests.conftest import sign_in_person
from tests.pdf_tags import structure, tagging_problems

pytestmark = pytest.mark.django_db


def _first_conversation(client: Client, person: Person, **extra: str) -> Any:
    data = {
        "version": "0",
        "what_matters": "Keeping my flat and seeing my daughter on Sundays.",
        "strengths": "I am a good cook. I never give up.",
        "housing-how": "Behind on rent since the summer.",
        "housing-helped": "The advice centre helped with a payment plan last year.",
        "mental-health-how": "Not sleeping, worrying at night.",
        **extra,
    }
    return client.post(reverse("first-conversation", args=[person.pk]), data)


def test_a_key_worker_writes_the_first_conversation_into_the_plan(
    key_worker_client: Client, person: Person
) -> None:
    empty = key_worker_client.get(reverse("plan", args=[person.pk]))
    assert empty.status_code == 200
    assert "Start with the first conversation" in empty.content.decode()

    response = _first_conversation(key_worker_client, person)
    assert response.status_code == 302

    plan = Plan.objects.get(person=person)
    assert plan.what_matters == "Keeping my flat and seeing my daughter on Sundays."
    assert plan.version == 1
    entries = {d.domain: d for d in plan.domains.all()}
    assert entries["housing"].what_has_helped.startswith("The advice centre")
    version = PlanVersion.objects.get(plan=plan, number=1)
    assert version.snapshot["domains"]["housing"]["how_things_are"] == (
        "Behind on rent since the summer."
    )
    assert "Amara Okafor" in version.changed_by_description

    page = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert "Keeping my flat and seeing my daughter on Sundays." in page
    assert "The advice centre helped with a payment plan last year." in page


def test_goals_are_added_and_changed_in_the_persons_words(
    key_worker_client: Client, person: Person
) -> None:
    _first_conversation(key_worker_client, person)
    response = key_worker_client.post(
        reverse("goal-new", args=[person.pk]),
        {
            "version": "1",
            "description": "Get back to swimming on Saturdays",
            "domain": "physical-health",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(plan__person=person)
    assert goal.lifecycle_status == "active"

    response = key_worker_client.post(
        reverse("goal-change", args=[person.pk, goal.pk]),
        {
            "version": "2",
            "description": "Swim on Saturdays with my daughter",
            "domain": "physical-health",
            "step": "done",
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.achievement_status) == (
        "Swim on Saturdays with my daughter",
        "achieved",
    )
    history = key_worker_client.get(reverse("plan-history", args=[person.pk])).content.decode()
    assert "New goal &#39;Get back to swimming on Saturdays&#39;" in history
    assert "words" in history  # the goal's words changed, in version 3


def test_a_goal_with_no_words_shows_the_error_and_keeps_the_choice(
    key_worker_client: Client, person: Person
) -> None:
    response = key_worker_client.post(
        reverse("goal-new", args=[person.pk]),
        {"version": "0", "description": "  ", "domain": "housing"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Write the goal in your own words" in page
    assert 'value="housing" selected' in page
    assert not Goal.objects.exists()


def test_text_that_is_too_long_is_refused_and_kept(
    key_worker_client: Client, person: Person
) -> None:
    long = "word " * 1200
    response = key_worker_client.post(
        reverse("plan-sections", args=[person.pk, "crisis"]),
        {"version": "0", "crisis_signs": long, "crisis_what_i_can_do": "Walk by the river"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Signs that I am struggling must be 5,000 characters or fewer" in page
    assert "Walk by the river" in page
    assert not PlanVersion.objects.exists()


def test_an_unknown_part_of_the_plan_is_not_found(
    key_worker_client: Client, person: Person
) -> None:
    response = key_worker_client.get(reverse("plan-sections", args=[person.pk, "secrets"]))
    assert response.status_code == 404


def test_two_people_changing_the_same_section_the_second_is_told_and_shown_the_difference(
    key_worker_client: Client, person: Person, person_user: Any
) -> None:
    _first_conversation(key_worker_client, person)  # version 1
    person_client = sign_in_person(Client(), person_user)
    # Both open the same section at version 1; the person saves first.
    saved = person_client.post(
        reverse("my-plan-sections", args=["about"]),
        {"version": "1", "what_matters": "My daughter, and my flat.", "strengths": "I cook."},
    )
    assert saved.status_code == 302
    second = key_worker_client.post(
        reverse("plan-sections", args=[person.pk, "about"]),
        {"version": "1", "what_matters": "Keeping the flat.", "strengths": "I am a good cook."},
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Someone else changed this" in page
    assert "My daughter, and my flat." in page  # what the person wrote, shown as the change
    assert "Keeping the flat." in page  # what the key worker typed, kept in the box
    assert 'name="version" value="2"' in page  # saving again now means overwriting knowingly
    assert Plan.objects.get(person=person).what_matters == "My daughter, and my flat."

    again = key_worker_client.post(
        reverse("plan-sections", args=[person.pk, "about"]),
        {"version": "2", "what_matters": "Keeping the flat.", "strengths": "I am a good cook."},
    )
    assert again.status_code == 302
    assert Plan.objects.get(person=person).version == 3


def test_changes_to_different_parts_at_once_do_not_collide(
    key_worker_client: Client, person: Person, person_user: Any
) -> None:
    _first_conversation(key_worker_client, person)
    person_client = sign_in_person(Client(), person_user)
    assert (
        person_client.post(
            reverse("my-plan-sections", args=["crisis"]),
            {"version": "1", "crisis_signs": "I stop answering the phone."},
        ).status_code
        == 302
    )
    assert (
        key_worker_client.post(
            reverse("goal-new", args=[person.pk]),
            {"version": "1", "description": "Sort out the rent", "domain": "housing"},
        ).status_code
        == 302
    )
    plan = Plan.objects.get(person=person)
    assert plan.crisis_signs == "I stop answering the phone."
    assert plan.version == 3


def test_the_person_sees_their_own_plan_and_their_access_log(
    key_worker_client: Client, person: Person, person_user: Any
) -> None:
    _first_conversation(key_worker_client, person)
    client = sign_in_person(Client(), person_user)
    home = client.get(reverse("my-home"))
    assert home.status_code == 200
    assert "Keeping my flat and seeing my daughter on Sundays." in home.content.decode()
    log = client.get(reverse("my-access-log")).content.decode()
    assert "Amara Okafor" in log
    assert "You" in log
    record = client.get(reverse("my-record")).content.decode()
    assert "Everything we hold about you" in record


def test_print_pdf_and_fhir_downloads(key_worker_client: Client, person: Person) -> None:
    _first_conversation(key_worker_client, person)
    printed = key_worker_client.get(reverse("plan-print", args=[person.pk]))
    assert printed.status_code == 200
    assert "Keeping my flat" in printed.content.decode()
    pdf = key_worker_client.get(reverse("plan-pdf", args=[person.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert tagging_problems(pdf.content) == [], "a screen reader can read the plan's PDF"
    tags = structure(pdf.content)
    assert tags["H1"] == 1, tags
    assert tags["H2"] >= 3, "each part of the plan is a heading"
    bundle = key_worker_client.get(reverse("plan-fhir", args=[person.pk]))
    assert bundle.status_code == 200
    assert bundle.json()["resourceType"] == "Bundle"
    whats = set(AccessLogEntry.objects.filter(person=person).values_list("what", flat=True))
    assert "their whole plan, as FHIR" in whats


def test_people_signed_out_are_sent_to_the_right_sign_in(client: Client, person: Person) -> None:
    mine = client.get(reverse("my-plan"))
    assert mine.status_code == 302
    assert mine["Location"].startswith(reverse("sign-in"))
    team = client.get(reverse("plan", args=[person.pk]))
    assert team.status_code == 302
    assert team["Location"].startswith(reverse("staff-sign-in"))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("first-conversation", []),
        ("plan-sections", ["about"]),
        ("plan-sections", ["crisis"]),
        ("goal-new", []),
    ],
)
def test_opening_a_page_that_changes_the_plan_writes_nothing(
    key_worker_client: Client, person: Person, name: str, args: list[str]
) -> None:
    """Only a change saved makes a plan: opening the form to write the first words does not."""
    response = key_worker_client.get(reverse(name, args=[person.pk, *args]))
    assert response.status_code == 200
    assert 'name="version" value="0"' in response.content.decode()
    assert not Plan.objects.filter(person=person).exists()


def test_the_printed_plan_starts_with_the_crisis_plan_and_the_screen_keeps_its_order(
    key_worker_client: Client, person: Person
) -> None:
    _first_conversation(key_worker_client, person)
    printed = key_worker_client.get(reverse("plan-print", args=[person.pk])).content.decode()
    assert printed.index('id="crisis"') < printed.index('id="what-matters"'), "crisis plan first"
    assert printed.count('id="crisis"') == 1
    screen = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert screen.index('id="what-matters"') < screen.index('id="crisis"')


def test_the_directory_is_one_click_from_the_plan_searched_for_its_parts_of_life(
    key_worker_client: Client, person: Person
) -> None:
    _first_conversation(key_worker_client, person)
    page = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    link = "/directory/?domain=housing&amp;domain=mental-health&amp;postcode="
    assert f'<a href="{link}">Find support with Ada for these parts of life</a>' in page
    found = key_worker_client.get(link.replace("&amp;", "&"))
    assert found.status_code == 200
    assert "We did not find anything" in found.content.decode()  # the directory is empty here
