"""The measures' pages: filling in a questionnaire or goal ratings with the key worker or alone,
keeping what was typed when something is wrong, and the progress chart with its table and words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.measures.models import FilledIn, Measure
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_person
from tests.measures.conftest import REQOL_ALL

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return str(response.content.decode())


def _day(day: dt.date, prefix: str = "taken_on") -> dict[str, str]:
    return {
        f"{prefix}[day]": str(day.day),
        f"{prefix}[month]": str(day.month),
        f"{prefix}[year]": str(day.year),
    }


def _answers(values: Sequence[int | None]) -> dict[str, str]:
    return {f"item_{n}": str(v) for n, v in enumerate(values, start=1) if v is not None}


def test_the_key_worker_and_the_person_fill_in_reqol_together(
    client: Client, key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    sign_in(client, key_worker)
    new = reverse("measure-new", args=[person.pk, "reqol10"])
    form = _text(client.get(new))
    assert "These are placeholder questions" in form  # the demo's wording says so
    assert "Placeholder for question 1 of 11 of ReQoL-10" in form
    assert 'value="start" checked' in form  # the first one is the start

    bad = client.post(
        new,
        {
            "timepoint": "start",
            **_answers(REQOL_ALL),
            "taken_on[day]": "31",
            "taken_on[month]": "2",
            "taken_on[year]": "2026",
        },
    )
    assert bad.status_code == 400
    page = _text(bad)
    assert "There is a problem" in page
    assert 'name="item_2" type="radio" value="3" checked' in page or 'value="3" checked' in page
    assert not Measure.objects.exists()

    done = client.post(
        new, {"timepoint": "start", **_answers(REQOL_ALL), **_day(timezone.localdate())}
    )
    assert done.status_code == 302
    measure = Measure.objects.get()
    assert measure.filled_in == FilledIn.TOGETHER
    progress = _text(client.get(done["Location"]))
    assert "ReQoL-10" in progress
    assert "<svg" in progress
    assert "ReQoL-10 scores over time" in progress
    assert "is a real change, not chance" in progress


def test_the_person_rates_their_goals_on_their_own_and_sees_their_progress(
    person: Person, person_user: Any, period: SupportPeriod, goals: list[Goal]
) -> None:
    client = sign_in_person(Client(), person_user)
    new = reverse("my-measure-new", args=["goal-ratings"])
    first = timezone.localdate() - dt.timedelta(weeks=3)
    client.post(new, {"timepoint": "start", f"goal_{goals[0].pk}": "2", **_day(first)})
    client.post(
        new,
        {
            "timepoint": "review",
            f"goal_{goals[0].pk}": "6",
            f"goal_{goals[1].pk}": "4",
            **_day(timezone.localdate()),
        },
    )
    assert Measure.objects.filter(filled_in=FilledIn.ALONE).count() == 2
    page = _text(client.get(reverse("my-measures")))
    assert "Goal: Get back to swimming" in page
    assert "Your rating went up 4 points" in page
    assert "That is a real change for the better" in page


def test_a_second_start_from_another_browser_is_refused_on_the_page_and_keeps_the_answers(
    client: Client, key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    sign_in(client, key_worker)
    new = reverse("measure-new", args=[person.pk, "gad7"])
    data = {"timepoint": "start", **_answers([1, 1, 2, 0, 1, 1, 0]), **_day(timezone.localdate())}
    assert client.post(new, data).status_code == 302
    again = client.post(new, data)
    assert again.status_code == 400
    page = _text(again)
    assert "There is already a start GAD-7" in page
    assert Measure.objects.count() == 1


def test_the_review_is_due_on_the_huddle_and_the_persons_page(
    client: Client, key_worker: StaffMember, person: Person, person_user: Any, period: SupportPeriod
) -> None:
    period.started_on = timezone.localdate() - dt.timedelta(weeks=12, days=2)
    period.save()
    sign_in(client, key_worker)
    huddle = _text(client.get(reverse("huddle")))
    assert "Reviews due this week" in huddle
    assert f'href="{reverse("measures", args=[person.pk])}">Ada Mensah</a>' in huddle
    own = _text(sign_in_person(Client(), person_user).get(reverse("my-measures")))
    assert "The review was due on" in own


def test_measures_are_shared_only_by_the_persons_choice_and_only_for_goals_they_share(
    client: Client,
    key_worker: StaffMember,
    person: Person,
    period: SupportPeriod,
    goals: list[Goal],
    carer: Any,
) -> None:
    from livingwell.people.models import SharingChoice

    sign_in(client, key_worker)
    today = timezone.localdate()
    gad7 = reverse("measure-new", args=[person.pk, "gad7"])
    client.post(gad7, {"timepoint": "start", **_answers([2, 2, 1, 1, 2, 1, 0]), **_day(today)})
    ratings = reverse("measure-new", args=[person.pk, "goal-ratings"])
    # swimming is physical health; sleep is mental health, never shared as one of "my goals"
    client.post(
        ratings,
        {
            "timepoint": "start",
            f"goal_{goals[0].pk}": "4",
            f"goal_{goals[1].pk}": "1",
            **_day(today),
        },
    )
    carer_client = sign_in_person(Client(), carer.user)
    shared = reverse("shared-person", args=[person.pk])
    choice = SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["goals"],
        decided_at=timezone.now(),
        decided_by="Ada",
    )
    page = _text(carer_client.get(shared))
    assert "Get back to swimming" in page
    assert "GAD-7" not in page  # measures not shared
    assert "Goal: Get back to swimming" not in page

    choice.parts = ["goals", "measures"]
    choice.save()
    page = _text(carer_client.get(shared))
    assert "GAD-7 scores over time" in page
    assert "Goal: Get back to swimming" in page
    assert "Sleep through the night" not in page  # a mental health goal is not shared
    preview = _text(client.get(reverse("sharing-preview", args=[person.pk, "circle", carer.pk])))
    assert "GAD-7 scores over time" in preview
    assert "Goal: Get back to swimming" in preview
    assert "Sleep through the night" not in preview


def test_a_mean_score_is_shown_to_one_decimal_place(
    client: Client, key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    sign_in(client, key_worker)
    dialog = reverse("measure-new", args=[person.pk, "dialog"])
    # the eight parts of life average 51 / 8 = 6.375
    answers = _answers([7, 7, 6, 6, 6, 6, 7, 6, 5, 5, 5])
    client.post(dialog, {"timepoint": "start", **answers, **_day(timezone.localdate())})
    page = _text(client.get(reverse("measures", args=[person.pk])))
    assert ">6.4<" in page
    assert "6.375" not in page
