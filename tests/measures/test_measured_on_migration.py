"""Periods of support that already have measures get the day of their last start or review."""

from __future__ import annotations

import datetime as dt

import pytest

from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.migrations import migrate_to, migrate_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_period_gets_the_day_of_its_last_start_or_review(
    person: Person, key_worker: StaffMember
) -> None:
    try:
        apps = migrate_to(
            [
                ("measures", "0001_initial"),
                ("people", "0010_person_hear_by_person_messages_say_more"),
            ]
        )
        Period = apps.get_model("people", "SupportPeriod")
        Measure = apps.get_model("measures", "Measure")
        period = Period.objects.create(
            person_id=person.pk,
            team_id=person.team_id,
            key_worker_id=key_worker.pk,
            started_on=dt.date(2026, 1, 5),
        )
        quiet = Period.objects.create(
            person_id=person.pk,
            team_id=person.team_id,
            key_worker_id=key_worker.pk,
            started_on=dt.date(2025, 1, 5),
            ended_on=dt.date(2025, 6, 1),
            ending="agreed",
        )
        for timepoint, day in (
            ("start", dt.date(2026, 1, 5)),
            ("review", dt.date(2026, 4, 1)),
            ("end", dt.date(2026, 6, 1)),
        ):
            Measure.objects.create(
                person_id=person.pk,
                period=period,
                instrument="gad7",
                timepoint=timepoint,
                taken_on=day,
                filled_in="together",
                with_member_id=key_worker.pk,
            )
        apps = migrate_to([("measures", "0002_support_periods_measured_on")])
        Period = apps.get_model("people", "SupportPeriod")
        assert Period.objects.get(pk=period.pk).measured_on == dt.date(2026, 4, 1)  # not the end
        assert Period.objects.get(pk=quiet.pk).measured_on is None
    finally:
        migrate_to_the_latest()
