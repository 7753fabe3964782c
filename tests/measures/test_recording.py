"""Recording measures with the person: saved whole or not at all, scored by the instrument alone,
tied to the period of support and to when in it, and logged like any change to the record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import Part
from livingwell.core.errors import Forbidden, NotFound, Refused
from livingwell.measures import presenters, selectors, services
from livingwell.measures.models import Answer, FilledIn, GoalRating, Measure, Timepoint
from livingwell.people.models import Person, SharingChoice, SupportPeriod
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from tests.conftest import team_record
from tests.factories import PersonFactory
from tests.measures.conftest import REQOL_ALL
from tests.warm_introductions.conftest import own_record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _start(day: dt.date | None = None) -> services.Taking:
    return services.Taking(timepoint=Timepoint.START, taken_on=day or TODAY())


def test_a_questionnaire_filled_in_together_is_saved_as_answered_and_logged(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    measure = services.questionnaire_record(
        record, instrument="reqol10", taking=_start(), responses=REQOL_ALL
    )
    assert (measure.period, measure.filled_in, measure.with_member) == (
        period,
        FilledIn.TOGETHER,
        key_worker,
    )
    assert [a.value for a in measure.answers.order_by("item")] == REQOL_ALL
    # the score is the instrument's: items 1, 3, 6 and 9 reversed, the physical item apart
    assert presenters.score_of(measure).total == 2 + 3 + 3 + 2 + 3 + 2 + 3 + 2 + 3 + 3
    assert AccessLogEntry.objects.filter(
        person=person, what="their measures: a ReQoL-10 at the start"
    ).exists()


def test_a_partly_answered_questionnaire_is_kept_as_it_is_never_filled_in(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    answers = [1, 2, None, 1, 0, 1, 2, None, 0]
    measure = services.questionnaire_record(
        record, instrument="phq9", taking=_start(), responses=answers
    )
    assert [a.value for a in measure.answers.order_by("item")] == answers
    scored = presenters.score_of(measure)
    assert scored.missing == 2
    assert scored.total is None  # PHQ-9's own rule: only complete questionnaires are scored


def test_dialog_keeps_more_help_beside_each_item(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    helps = [True, False, None, True, False, False, None, True, None, None, False]
    measure = services.questionnaire_record(
        record,
        instrument="dialog",
        taking=_start(),
        responses=[4, 5, 3, 2, 6, 4, 5, 3, 4, 5, 6],
        more_help=helps,
    )
    assert [a.need_more_help for a in measure.answers.order_by("item")] == helps
    assert presenters.score_of(measure).more_help == tuple(helps)


@pytest.mark.parametrize(
    ("instrument", "responses", "message"),
    [
        ("phq9", [1, 2, 4, 1, 0, 1, 2, 1, 0], "Item 3 of PHQ-9 must be 0 to 3; it was 4"),
        ("gad7", [1, 2, 1], "GAD-7 has 7 items; 3 responses were given"),
        ("gad7", [None] * 7, "Answer at least one question"),
    ],
)
def test_an_answer_off_the_scale_is_refused_and_nothing_is_saved(
    key_worker: StaffMember,
    person: Person,
    period: SupportPeriod,
    instrument: str,
    responses: list[Any],
    message: str,
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    with pytest.raises(Refused, match=message):
        services.questionnaire_record(
            record, instrument=instrument, taking=_start(), responses=responses
        )
    assert not Measure.objects.exists()
    assert not Answer.objects.exists()


def test_a_second_start_is_refused_and_a_review_is_taken(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    services.questionnaire_record(
        record, instrument="gad7", taking=_start(), responses=[1, 1, 1, 1, 1, 1, 1]
    )
    with pytest.raises(Refused, match=r"already a start GAD-7.*Record this one as a review"):
        services.questionnaire_record(record, instrument="gad7", taking=_start(), responses=[0] * 7)
    services.questionnaire_record(
        record,
        instrument="gad7",
        taking=services.Taking(Timepoint.REVIEW, TODAY()),
        responses=[0] * 7,
    )
    assert Measure.objects.count() == 2
    # and the database holds it too, whatever calls it
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            person=person,
            period=period,
            instrument="gad7",
            timepoint="start",
            taken_on=TODAY(),
            filled_in="together",
            with_member=key_worker,
        )


def test_no_measure_for_support_that_has_ended_or_not_started(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    period.ended_on, period.ending = TODAY(), "agreed"
    period.save()
    record = team_record(key_worker, person, Part.MEASURES)
    with pytest.raises(Refused, match="Their support has ended"):
        services.questionnaire_record(record, instrument="gad7", taking=_start(), responses=[0] * 7)
    someone_new = PersonFactory.create(team=person.team)
    with pytest.raises(Refused, match="no period of support yet"):
        services.questionnaire_record(
            team_record(key_worker, someone_new, Part.MEASURES),
            instrument="gad7",
            taking=_start(),
            responses=[0] * 7,
        )
    assert not Measure.objects.exists()


def test_a_day_before_support_started_or_in_the_future_is_refused(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    for day, message in (
        (period.started_on - dt.timedelta(days=1), "before their support started"),
        (TODAY() + dt.timedelta(days=1), "cannot be in the future"),
    ):
        with pytest.raises(Refused, match=message):
            services.questionnaire_record(
                record, instrument="gad7", taking=_start(day), responses=[0] * 7
            )
    assert not Measure.objects.exists()


def test_goal_ratings_rate_only_the_persons_own_goals(
    key_worker: StaffMember, person: Person, period: SupportPeriod, goals: list[Goal]
) -> None:
    record = team_record(key_worker, person, Part.MEASURES)
    someone_else = PersonFactory.create(team=person.team)
    theirs = Goal.objects.create(
        plan=Plan.objects.create(person=someone_else), description="Theirs", domain="money"
    )
    with pytest.raises(NotFound, match="one of those goals"):
        services.goal_ratings_record(
            record, taking=_start(), ratings={goals[0].pk: 4, theirs.pk: 6}
        )
    with pytest.raises(Refused, match="whole number from 0 to 10"):
        services.goal_ratings_record(record, taking=_start(), ratings={goals[0].pk: 11})
    assert not Measure.objects.exists()
    assert not GoalRating.objects.exists()

    measure = services.goal_ratings_record(
        record, taking=_start(), ratings={goals[0].pk: 3, goals[1].pk: None}
    )
    assert [(r.goal, r.score) for r in measure.goal_ratings.all()] == [(goals[0], 3)]


def test_the_person_fills_one_in_alone_and_the_record_says_so(
    person: Person, person_user: Any, period: SupportPeriod
) -> None:
    measure = services.questionnaire_record(
        own_record(person_user, person),
        instrument="gad7",
        taking=_start(),
        responses=[1, 0, 1, 0, 1, 0, 1],
    )
    assert (measure.filled_in, measure.with_member) == (FilledIn.ALONE, None)


def test_only_the_team_and_the_person_read_measures_unless_shared(
    key_worker: StaffMember,
    person: Person,
    period: SupportPeriod,
    carer: Any,
    other_team_member: StaffMember,
) -> None:
    from livingwell.access import policy
    from livingwell.codes.record import Relation

    services.questionnaire_record(
        team_record(key_worker, person, Part.MEASURES),
        instrument="gad7",
        taking=_start(),
        responses=[1] * 7,
    )

    def carer_record() -> Any:
        return policy.record_for(
            carer.user,
            person.pk,
            part=None,
            why="Test",
            only=Relation.CIRCLE,
            answer_logs_itself=True,
        )

    with pytest.raises(NotFound):  # nothing shared: the record is not there for them
        carer_record()
    SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["goals"],
        decided_at=timezone.now(),
        decided_by="Ada",
    )
    with pytest.raises(Forbidden):  # goals shared, not measures
        selectors.of_person(carer_record())
    with pytest.raises(NotFound):
        team_record(other_team_member, person, Part.MEASURES)


def test_a_review_comes_round_after_the_teams_interval(
    key_worker: StaffMember, person: Person, period: SupportPeriod
) -> None:
    today = TODAY()
    team = person.team
    # nothing measured yet: due 12 weeks after support started (8 weeks from now)
    reviews, _ = selectors.reviews_due(team, today=today)
    assert reviews == []
    reviews, _ = selectors.reviews_due(team, today=today + dt.timedelta(weeks=8))
    assert [(r.person_id, r.due_on) for r in reviews] == [
        (person.pk, period.started_on + dt.timedelta(weeks=12))
    ]
    # a start measure today moves it on to 12 weeks from today
    services.questionnaire_record(
        team_record(key_worker, person, Part.MEASURES),
        instrument="gad7",
        taking=_start(),
        responses=[1] * 7,
    )
    assert selectors.reviews_due(team, today=today + dt.timedelta(weeks=8))[0] == []
    later = today + dt.timedelta(weeks=12)
    assert [r.due_on for r in selectors.reviews_due(team, today=later)[0]] == [later]
    # a team that reviews every 6 weeks
    team.review_weeks = 6
    team.save()
    assert [
        r.due_on
        for r in selectors.reviews_due(team, today=today + dt.timedelta(weeks=5, days=2))[0]
    ] == [today + dt.timedelta(weeks=6)]
