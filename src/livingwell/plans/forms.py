"""Forms for the plan. Every edit form carries the plan version it started from, so a change made
meanwhile by someone else is caught (livingwell.plans.services.PlanConflict)."""

from __future__ import annotations

from typing import Any

from django import forms

from livingwell.codes.plan import GOAL_STEPS, LIFE_DOMAINS, SECTION_LABELS
from livingwell.core.forms import NhsForm
from livingwell.plans import fhir
from livingwell.plans.models import TEXT_LIMIT

# What each life domain asks about, for the first conversation. Prompts, not questions to score.
DOMAIN_PROMPTS: dict[str, str] = {
    "mental-health": "How you have been feeling, sleeping and coping.",
    "physical-health": "Your body, any health conditions, medicines, eating and moving.",
    "housing": "Where you live, whether it feels safe and settled, and any worries about it.",
    "money": "Income, benefits, debts and bills.",
    "work-and-learning": "Work, volunteering, study, and how you spend your days.",
    "relationships": "Partner, family and the people closest to you.",
    "belonging": "Friends, neighbours, faith or community groups, and feeling part of things.",
    "safety": "Feeling safe at home and outside, and anyone who makes you feel unsafe.",
    "substances": "Alcohol, drugs or gambling, if they play a part.",
    "caring": "Anyone you look after, like children, a parent or a partner.",
}


OUT_OF_DATE = "This page is out of date. Go back to the plan, open it again and make your change"


class VersionedForm(NhsForm):
    """A plan form with the version it started from, in a hidden field.

    The person never sees that field, so a problem with it is said about the page as a whole (in the
    error summary), not about a box they cannot find."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    sections: tuple[str, ...] = ()  # the plan's sections the form writes, if any

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, OUT_OF_DATE)
        return data


def _text(label: str, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        strip=True,
        widget=forms.Textarea,
        error_messages={"max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer"},
    )


class PlanSectionsForm(VersionedForm):
    what_matters = _text(SECTION_LABELS["what_matters"])
    strengths = _text(SECTION_LABELS["strengths"])
    what_helps = _text(SECTION_LABELS["what_helps"])
    what_does_not_help = _text(SECTION_LABELS["what_does_not_help"])
    sections = ("what_matters", "strengths", "what_helps", "what_does_not_help")


class CrisisPlanForm(VersionedForm):
    crisis_signs = _text(SECTION_LABELS["crisis_signs"])
    crisis_what_i_can_do = _text(SECTION_LABELS["crisis_what_i_can_do"])
    crisis_who_to_contact = _text(SECTION_LABELS["crisis_who_to_contact"])
    sections = ("crisis_signs", "crisis_what_i_can_do", "crisis_who_to_contact")


class FirstConversationForm(VersionedForm):
    """The whole person: what matters, strengths, and each part of life in their words."""

    what_matters = _text(SECTION_LABELS["what_matters"])
    strengths = _text(SECTION_LABELS["strengths"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domain, label in LIFE_DOMAINS.items():
            self.fields[f"{domain}-how"] = _text(f"{label}: how things are")
            self.fields[f"{domain}-helped"] = _text(f"{label}: what has helped before")

    def domain_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "domain": domain,
                "label": label,
                "prompt": DOMAIN_PROMPTS[domain],
                "how": self[f"{domain}-how"],
                "helped": self[f"{domain}-helped"],
            }
            for domain, label in LIFE_DOMAINS.items()
        ]

    def entries(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            domain: (data.get(f"{domain}-how", ""), data.get(f"{domain}-helped", ""))
            for domain in LIFE_DOMAINS
        }


class GoalForm(VersionedForm):
    description = forms.CharField(
        max_length=1000,
        strip=True,
        widget=forms.Textarea,
        error_messages={
            "required": "Write the goal in your own words",
            "max_length": "The goal must be 1,000 characters or fewer",
        },
    )
    domain = forms.ChoiceField(
        choices=list(LIFE_DOMAINS.items()),
        error_messages={"required": "Choose which part of life this goal is about"},
    )


class GoalChangeForm(GoalForm):
    """A goal's words, its part of life, and how it is going, in everyday words (codes.GOAL_STEPS);
    the view keeps FHIR's statuses underneath."""

    step = forms.ChoiceField(
        choices=list(GOAL_STEPS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the goal is going"},
    )


class ImportForm(NhsForm):
    """A FHIR Bundle file; read, checked and turned into a passport while the form is checked, so a
    bad file is refused with its problems and nothing is saved."""

    MAX_BYTES = 2_000_000
    SHOWN_PROBLEMS = 10

    # What is wrong with a file, one sentence each, shown once under the heading; the error summary
    # and the field say only that the file cannot be brought over.
    problems: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems = []

    bundle = forms.FileField(
        required=False,
        error_messages={
            "empty": "The file is empty. Choose the plan file again",
            "invalid": "Choose the plan file to bring over",
        },
    )
    # The file's text, carried on the page that asks whether the plan is for someone the team knows,
    # so the answer brings the same file over without keeping it anywhere in between.
    bundle_text = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    answer = forms.ChoiceField(
        required=False, choices=[("into", "Add it to their record"), ("as-new", "A new record")]
    )
    into = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("bundle")
        text = cleaned.get("bundle_text", "")
        if self.errors:
            return cleaned
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                self.add_error("bundle", "The file must be smaller than 2 MB")
                return cleaned
            raw = upload.read()
            cleaned["bundle_text"] = raw.decode("utf-8", errors="replace")
        elif text:
            if len(text) > self.MAX_BYTES:
                self.add_error("bundle", "The file must be smaller than 2 MB")
                return cleaned
            raw = text.encode()
        else:
            self.add_error("bundle", "Choose the plan file to bring over")
            return cleaned
        try:
            cleaned["passport"] = fhir.from_bundle(raw)
        except fhir.BundleError as problems:
            self.problems = [str(problem) for problem in problems.problems[: self.SHOWN_PROBLEMS]]
            self.add_error(
                "bundle",
                "The file is not a plan we can bring over. What is wrong with it is listed below",
            )
        return cleaned
