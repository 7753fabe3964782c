"""Issue 11: goals speak plainly. People choose how a goal is going from a few everyday words; the record
keeps FHIR's two statuses underneath, and a new goal has just started."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.codes.plan import (
    GOAL_ACHIEVEMENT,
    GOAL_LIFECYCLE,
    GOAL_STEP_FHIR,
    GOAL_STEPS,
    goal_step,
)
from livingwell.people.models import Person
from livingwell.plans.models import Goal, Plan
from tests.conftest import sign_in_person

pytestmark = pytest.mark.django_db


def test_each_step_is_one_fhir_pair_and_reads_back_as_itself() -> None:
    assert set(GOAL_STEP_FHIR) == set(GOAL_STEPS)
    for step, (lifecycle, achievement) in GOAL_STEP_FHIR.items():
        assert lifecycle in GOAL_LIFECYCLE
        assert achievement in GOAL_ACHIEVEMENT
        assert goal_step(lifecycle, achievement) == step


def test_every_fhir_pair_has_a_step() -> None:
    for lifecycle, achievement in itertools.product(GOAL_LIFECYCLE, [*GOAL_ACHIEVEMENT, ""]):
        assert goal_step(lifecycle, achievement) in GOAL_STEPS


def _add_goal(client: Client, url: str) -> Goal:
    response = client.post(
        url, {"version": "0", "description": "Sleep through the night", "domain": "physical-health"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Goal.objects.get(description="Sleep through the night")


def _version(person: Person) -> str:
    return str(Plan.objects.get(person=person).version)


def test_a_new_goal_has_just_started(key_worker_client: Client, person: Person) -> None:
    _add_goal(key_worker_client, reverse("goal-new", args=[person.pk]))
    page = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert "Just started" in page
    assert "Getting there" not in page
    assert "Working on it" not in page


def test_the_person_says_how_it_is_going_in_everyday_words(
    client: Client, person: Person, person_user: Any
) -> None:
    own = sign_in_person(client, person_user)
    goal = _add_goal(own, reverse("my-goal-new"))
    form = own.get(reverse("my-goal-change", args=[goal.pk])).content.decode()
    assert "How is it going?" in form
    for words in GOAL_STEPS.values():
        assert words in form
    assert "In progress" not in form, "no FHIR words on the page"
    assert "Suggested" not in form, "no FHIR words on the page"

    response = own.post(
        reverse("my-goal-change", args=[goal.pk]),
        {
            "version": _version(person),
            "description": goal.description,
            "domain": goal.domain,
            "step": "done",
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.lifecycle_status, goal.achievement_status) == ("completed", "achieved")
    assert "Done it" in own.get(reverse("my-plan")).content.decode()

    history = own.get(reverse("my-plan-history")).content.decode()
    assert "Goal &#39;Sleep through the night&#39;: how it is going" in history


def test_not_choosing_how_it_is_going_says_what_to_do_and_keeps_the_words(
    key_worker_client: Client, person: Person
) -> None:
    goal = _add_goal(key_worker_client, reverse("goal-new", args=[person.pk]))
    response = key_worker_client.post(
        reverse("goal-change", args=[person.pk, goal.pk]),
        {"version": _version(person), "description": "Sleep 7 hours", "domain": "physical-health"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose how the goal is going" in page
    assert "Sleep 7 hours" in page


def test_the_history_tells_a_change_of_step_in_everyday_words() -> None:
    from livingwell.plans.history import differences, empty_snapshot

    goal = {"description": "Sleep", "domain": "physical-health"}
    before = {
        **empty_snapshot(),
        "goals": {"1": {**goal, "lifecycle_status": "active", "achievement_status": "in-progress"}},
    }
    after = {
        **empty_snapshot(),
        "goals": {"1": {**goal, "lifecycle_status": "completed", "achievement_status": "achieved"}},
    }
    [change] = differences(before, after)
    assert (change.label, change.before, change.after) == (
        "Goal 'Sleep': how it is going",
        "Just started",
        "Done it",
    )

    # A change underneath that keeps the same words (through the API) is told in FHIR's words.
    sustaining = {
        **empty_snapshot(),
        "goals": {
            "1": {**goal, "lifecycle_status": "completed", "achievement_status": "sustaining"}
        },
    }
    [finer] = differences(after, sustaining)
    assert (finer.label, finer.before, finer.after) == (
        "Goal 'Sleep': progress",
        "Achieved",
        "Keeping it up",
    )
