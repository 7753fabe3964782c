"""The forms of a measure: when it is, then a questionnaire's questions, or a rating for each goal.
Every question may be left blank: a questionnaire is saved as it was answered."""

from __future__ import annotations

from typing import Any

from django import forms

from livingwell.core.forms import NhsDateField, NhsForm
from livingwell.instruments import GOAL_SCALE, Wording
from livingwell.measures.models import Timepoint
from livingwell.plans.models import Goal

YES_NO = [("yes", "Yes"), ("no", "No")]


class TakingForm(NhsForm):
    timepoint = forms.ChoiceField(
        choices=Timepoint.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose when this is: at the start, at a review, or at the end"
        },
    )
    taken_on = NhsDateField(noun="date it was filled in", past_only=True)


class QuestionnaireForm(TakingForm):
    """The questions of one instrument, in its wording (`wording`), each answer optional."""

    def __init__(self, *args: Any, wording: Wording, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wording = wording
        for number, text in enumerate(wording.items, start=1):
            self.fields[f"item_{number}"] = forms.ChoiceField(
                label=text,
                required=False,
                choices=[(str(o.value), o.label) for o in wording.options_for(number)],
                widget=forms.RadioSelect,
            )
            if wording.more_help_question:
                self.fields[f"more_help_{number}"] = forms.ChoiceField(
                    label=wording.more_help_question, required=False, choices=YES_NO
                )

    def questions(self) -> list[tuple[int, forms.BoundField, forms.BoundField | None]]:
        """Each question: its number, its field, and its "more help?" field (DIALOG)."""
        return [
            (
                number,
                self[f"item_{number}"],
                self[f"more_help_{number}"] if self.wording.more_help_question else None,
            )
            for number in range(1, len(self.wording.items) + 1)
        ]

    def responses(self) -> list[int | None]:
        data = self.cleaned_data
        return [
            int(data[f"item_{n}"]) if data.get(f"item_{n}") else None
            for n in range(1, len(self.wording.items) + 1)
        ]

    def more_help(self) -> list[bool | None] | None:
        if not self.wording.more_help_question:
            return None
        data = self.cleaned_data
        return [
            {"yes": True, "no": False}.get(data.get(f"more_help_{n}") or "")
            for n in range(1, len(self.wording.items) + 1)
        ]


class GoalRatingsForm(TakingForm):
    """A rating from 0 to 10 for each of the person's goals, each optional."""

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        low, high = GOAL_SCALE
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.description,
                required=False,
                choices=[(str(n), str(n)) for n in range(low, high + 1)],
                widget=forms.RadioSelect,
            )

    def rated(self) -> list[tuple[Goal, forms.BoundField]]:
        return [(goal, self[f"goal_{goal.pk}"]) for goal in self.goals]

    def ratings(self) -> dict[int, int | None]:
        data = self.cleaned_data
        return {
            goal.pk: int(data[f"goal_{goal.pk}"]) if data.get(f"goal_{goal.pk}") else None
            for goal in self.goals
        }


class ReviewWeeksForm(NhsForm):
    weeks = forms.IntegerField(
        min_value=1,
        max_value=52,
        error_messages={
            "required": "Enter the weeks between reviews",
            "invalid": "Weeks between reviews must be a whole number, like 12",
            "min_value": "Weeks between reviews must be from 1 to 52",
            "max_value": "Weeks between reviews must be from 1 to 52",
        },
    )
