"""When a review comes round, the person is asked by a message (through the outbox), on the day it
is due, unless something has been filled in since or their support has ended."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from livingwell.codes.record import Part
from livingwell.measures import services
from livingwell.measures.models import Timepoint
from livingwell.outbox.models import Message
from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember
from tests.conftest import team_record

pytestmark = pytest.mark.django_db


def _gad7(record: Any, timepoint: str, day: dt.date) -> None:
    services.questionnaire_record(
        record,
        instrument="gad7",
        taking=services.Taking(timepoint=timepoint, taken_on=day),
        responses=[1] * 7,
    )


def test_the_person_is_asked_when_their_review_is_due_and_not_if_one_came_since(
    key_worker: StaffMember,
    person: Person,
    period: SupportPeriod,
    django_capture_on_commit_callbacks: Any,
) -> None:
    person.email = "ada@example.com"
    person.save()
    record = team_record(key_worker, person, Part.MEASURES)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        _gad7(record, Timepoint.START, today)
    asked = DBTaskResult.objects.filter(task_path__endswith="ask_for_review").get()
    due = today + dt.timedelta(weeks=12)
    assert timezone.localtime(asked.run_after).date() == due

    assert services.review_ask(period.pk, today)
    message = Message.objects.get(person=person)
    assert message.body == "Living Well has a message for you. Sign in to see it."  # plain
    # A review filled in since: the older ask says nothing
    _gad7(record, Timepoint.REVIEW, today)
    assert not services.review_ask(period.pk, today - dt.timedelta(days=1))
    # Support that has ended: nothing
    period.ended_on, period.ending = today, "agreed"
    period.save()
    assert not services.review_ask(period.pk, today)
    assert Message.objects.count() == 1


def test_someone_who_said_no_messages_is_never_asked(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    person.email, person.hear_by = "ada@example.com", "none"
    person.save()
    _gad7(team_record(key_worker, person, Part.MEASURES), Timepoint.START, timezone.localdate())
    assert not services.review_ask(period.pk, timezone.localdate())
    assert not Message.objects.exists()


def test_several_measures_at_one_sitting_ask_for_the_review_once(
    key_worker: StaffMember,
    person: Person,
    period: SupportPeriod,
    django_capture_on_commit_callbacks: Any,
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        _gad7(record, Timepoint.START, today)
        services.questionnaire_record(
            record,
            instrument="phq9",
            taking=services.Taking(timepoint=Timepoint.START, taken_on=today),
            responses=[1] * 9,
        )
        # and one filled in later for an earlier day asks nothing new: the later ask stands
        _gad7(record, Timepoint.REVIEW, today - dt.timedelta(days=1))
    assert DBTaskResult.objects.filter(task_path__endswith="ask_for_review").count() == 1
