"""Measures taken with the person (relational rule 8): questionnaires and rounds of goal ratings, on
their record, each tied to a period of support and to a time in it.

- A `Measure` is one questionnaire (ReQoL-10, DIALOG, SWEMWBS, PHQ-9, GAD-7) or one round of goal
  ratings, filled in on one day: with the key worker on the team's pages, or by the person on their
  own, and the record says which. Its time is the start (with the first conversation), a review, or
  the end (with the ending); a period has at most one start and one end of each instrument.
- A questionnaire's answers are `Answer` rows, as given (before any reversal), with DIALOG's "do you
  need more help with this?" beside each item. An item left unanswered has no row's value: it is saved
  as it is and scored by the instrument's own rule for missing items (`livingwell.instruments`),
  never filled in.
- A round of goal ratings is one `GoalRating` (0 to 10) for each goal rated.

Scores are never stored: they are worked out from the answers by the instrument, every time.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from livingwell.instruments import GOAL_SCALE, REGISTRY
from livingwell.people.models import Person, SupportPeriod
from livingwell.plans.models import Goal
from livingwell.team.models import StaffMember

GOAL_RATINGS = "goal-ratings"
INSTRUMENT_CHOICES = [
    *((key, instrument.label) for key, instrument in REGISTRY.items()),
    (GOAL_RATINGS, "Goal ratings"),
]


class Timepoint(models.TextChoices):
    START = "start", "At the start"
    REVIEW = "review", "At a review"
    END = "end", "At the end"


class FilledIn(models.TextChoices):
    TOGETHER = "together", "With the key worker"
    ALONE = "alone", "By the person, on their own pages"


class Measure(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measures")
    period = models.ForeignKey(SupportPeriod, on_delete=models.PROTECT, related_name="measures")
    instrument = models.CharField(max_length=20, choices=INSTRUMENT_CHOICES)
    timepoint = models.CharField(max_length=10, choices=Timepoint.choices)
    taken_on = models.DateField()
    filled_in = models.CharField(max_length=10, choices=FilledIn.choices)
    # The member of the team who filled it in with the person (None when the person did it alone).
    with_member = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="measures_taken"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on", "pk"]
        indexes = [models.Index(fields=["period", "taken_on"], name="measures_of_a_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "instrument"],
                condition=Q(timepoint="start"),
                name="one_start_measure_per_instrument",
            ),
            models.UniqueConstraint(
                fields=["period", "instrument"],
                condition=Q(timepoint="end"),
                name="one_end_measure_per_instrument",
            ),
            models.CheckConstraint(
                condition=Q(filled_in="together", with_member__isnull=False)
                | Q(filled_in="alone", with_member__isnull=True),
                name="a_measure_says_who_filled_it_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.timepoint} on {self.taken_on}"

    @property
    def is_goal_ratings(self) -> bool:
        return self.instrument == GOAL_RATINGS


class Answer(models.Model):
    """One item of a questionnaire, as given. `value` is None when it was not answered."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="answers")
    item = models.PositiveSmallIntegerField()  # 1-based, in the instrument's published order
    value = models.SmallIntegerField(null=True, blank=True)
    # DIALOG only: "Do you need more help with this?" (None when not asked or not answered).
    need_more_help = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["measure", "item"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "item"], name="one_answer_per_item"),
            models.CheckConstraint(condition=Q(item__gte=1), name="items_count_from_one"),
        ]

    def __str__(self) -> str:
        return f"Item {self.item}: {self.value}"


class GoalRating(models.Model):
    """How close the person is to one goal, 0 to 10, in one round of goal ratings."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="goal_ratings")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["measure", "goal"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "goal"], name="one_rating_per_goal"),
            models.CheckConstraint(
                condition=Q(score__gte=GOAL_SCALE[0], score__lte=GOAL_SCALE[1]),
                name="goal_rating_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"Goal {self.goal_id}: {self.score}"
