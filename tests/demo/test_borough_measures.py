"""`livingwell borough` loads the borough's measures: questionnaires with their answers, and rounds of
goal ratings, as the measures app holds them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from livingwell.instruments import REGISTRY
from livingwell.measures.models import (
    GOAL_RATINGS,
    INSTRUMENT_CHOICES,
    Answer,
    FilledIn,
    GoalRating,
    Measure,
    Timepoint,
)
from livingwell.people.models import Ending
from livingwell.synthetic import borough as synthetic
from livingwell.synthetic.borough.mixes import REVIEW_WEEKS
from livingwell.team.models import Team

TODAY = dt.date(2026, 11, 23)
LOAD = ("borough", "--people=300", "--seed=3", f"--today={TODAY.isoformat()}")


def load() -> str:
    out = io.StringIO()
    call_command(*LOAD, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_generators_measure_values_are_the_models_choices() -> None:
    assert {*synthetic.QUESTIONNAIRES, synthetic.GOAL_RATINGS} == {
        key for key, _ in INSTRUMENT_CHOICES
    }
    assert synthetic.GOAL_RATINGS == GOAL_RATINGS
    assert set(synthetic.TIMEPOINTS) == set(Timepoint.values)
    assert (synthetic.START, synthetic.REVIEW, synthetic.END) == (
        Timepoint.START,
        Timepoint.REVIEW,
        Timepoint.END,
    )
    assert set(synthetic.FILLED_IN) == set(FilledIn.values)
    assert (synthetic.TOGETHER, synthetic.ALONE) == (FilledIn.TOGETHER, FilledIn.ALONE)
    assert synthetic.STOPPED_COMING in Ending.values
    # The borough's teams keep the review weeks the app gives a team.
    assert Team._meta.get_field("review_weeks").default == REVIEW_WEEKS


@pytest.mark.smoke
@pytest.mark.django_db
def test_the_borough_command_loads_measures_that_keep_the_measures_rules() -> None:
    expected = synthetic.make_borough(seed=3, today=TODAY, people=300)

    printed = load()

    assert Measure.objects.count() == len(expected.measures) > 0
    assert Answer.objects.count() == len(expected.answers) > 0
    assert GoalRating.objects.count() == len(expected.goal_ratings) > 0
    assert f"{len(expected.measures):,} measures" in printed
    # Each on the person's own period of support, in it, and not after today.
    assert not Measure.objects.exclude(person_id=F("period__person_id")).exists()
    assert not Measure.objects.filter(taken_on__lt=F("period__started_on")).exists()
    assert not Measure.objects.filter(taken_on__gt=F("period__ended_on")).exists()
    assert not Measure.objects.filter(taken_on__gt=TODAY).exists()
    # Filled in with the key worker, or by the person alone.
    assert Measure.objects.filter(filled_in=FilledIn.ALONE, with_member=None).exists()
    assert not (
        Measure.objects.filter(filled_in=FilledIn.TOGETHER)
        .exclude(with_member_id=F("period__key_worker_id"))
        .exists()
    )
    # At most one start and one end of each instrument in a period.
    for timepoint in (Timepoint.START, Timepoint.END):
        repeated = (
            Measure.objects.filter(timepoint=timepoint)
            .values("period", "instrument")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        assert not repeated.exists()
    # Answers on each instrument's scale, "more help?" only for DIALOG; goal ratings of the
    # person's own goals, 0 to 10.
    for key, instrument in REGISTRY.items():
        answers = Answer.objects.filter(measure__instrument=key)
        assert not answers.filter(
            Q(value__lt=instrument.item_min) | Q(value__gt=instrument.item_max)
        ).exists()
        assert not answers.filter(Q(item__lt=1) | Q(item__gt=instrument.items)).exists()
        if key != "dialog":
            assert not answers.exclude(need_more_help=None).exists()
    assert Answer.objects.filter(value=None).exists()
    assert not GoalRating.objects.exclude(goal__plan__person_id=F("measure__person_id")).exists()
    assert not GoalRating.objects.exclude(measure__instrument=GOAL_RATINGS).exists()
    assert not Answer.objects.filter(measure__instrument=GOAL_RATINGS).exists()


@pytest.mark.django_db
def test_measures_made_after_loading_get_new_ids() -> None:
    load()
    period = Measure.objects.select_related("period").first().period  # type: ignore[union-attr]

    measure = Measure.objects.create(
        person_id=period.person_id,
        period=period,
        instrument="phq9",
        timepoint=Timepoint.REVIEW,
        taken_on=TODAY,
        filled_in=FilledIn.ALONE,
    )
    answer = Answer.objects.create(measure=measure, item=1, value=0)

    assert measure.pk == Measure.objects.count()
    assert answer.pk == Answer.objects.count()


@pytest.mark.django_db
def test_each_loaded_period_knows_its_last_start_or_review() -> None:
    from django.db.models import Max

    from livingwell.people.models import SupportPeriod

    load()
    last = dict(
        Measure.objects.filter(timepoint__in=[Timepoint.START, Timepoint.REVIEW])
        .values("period")
        .annotate(last=Max("taken_on"))
        .values_list("period", "last")
    )
    kept = dict(SupportPeriod.objects.values_list("pk", "measured_on"))
    assert last  # the borough has measures
    assert {pk: day for pk, day in kept.items() if day is not None} == last
