"""The forms of a warm introduction, for its three people: the key worker and the person making it,
the organisation answering it, and the person saying how it went."""

from __future__ import annotations

from typing import Any

from django import forms

from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.codes.record import SHAREABLE_PARTS
from livingwell.core.forms import NhsDateField, NhsForm
from livingwell.people.forms import SharingForm
from livingwell.warm_introductions.models import ContactWay, NotAcceptedWhy
from livingwell.warm_introductions.services import Introducing


class VersionForm(NhsForm):
    """Every form that changes an introduction says which version of it the page showed."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class WarmIntroductionForm(NhsForm):
    wants = forms.CharField(
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what they want from it, in their words"},
    )
    to_whom = forms.CharField(max_length=200, required=False)
    contact_way = forms.ChoiceField(
        choices=ContactWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they would like to be contacted"},
    )
    contact_detail = forms.CharField(max_length=300, required=False)
    going_along = forms.BooleanField(required=False)
    shares = forms.MultipleChoiceField(
        choices=list(SHAREABLE_PARTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nouns = {
        "to_whom": "Who at the organisation",
        "contact_detail": "The number or email address",
    }
    # The same choices, in the same groups, as the sharing page.
    groups = SharingForm.groups
    GROUPS = SharingForm.GROUPS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        way = data.get("contact_way")
        if way and way != ContactWay.KEY_WORKER and not data.get("contact_detail", "").strip():
            self.add_error(
                "contact_detail",
                "Enter the number or email address they would like to be contacted on",
            )
        return data

    def introducing(
        self, *, service_id: Any, goal_id: int | None, domain: str, follows_id: int | None = None
    ) -> Introducing:
        data = self.cleaned_data
        return Introducing(
            service_id=service_id,
            wants=data["wants"],
            contact_way=data["contact_way"],
            contact_detail=data["contact_detail"],
            going_along=data["going_along"],
            goal_id=goal_id,
            domain=domain,
            to_whom=data["to_whom"],
            shares=tuple(data["shares"]),
            follows_id=follows_id,
        )


class AcceptForm(VersionForm):
    meeting_on = NhsDateField(noun="day you will meet", required=False)


class NotAcceptedForm(VersionForm):
    why = forms.ChoiceField(
        choices=NotAcceptedWhy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you cannot take it"},
    )
    words = forms.CharField(
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what they could do instead, so that they are not left with nothing"
        },
    )


class HowItWentForm(VersionForm):
    """The person (or their key worker, on their word) says how it went."""

    how = forms.ChoiceField(
        choices=[
            ("helped", "We met, and it helped"),
            ("stopped", "We met, and I chose to stop there"),
            ("did-not-help", "We met, but it did not help"),
            ("met", "We met, and it is too soon to say"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it went"},
    )
    words = forms.CharField(max_length=2000, required=False, widget=forms.Textarea)
    nouns = {"words": "What did not help"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("how") == "did-not-help" and not data.get("words", "").strip():
            self.add_error(
                "words", "Enter what did not help, so that the team can try something else"
            )
        return data


class FollowForm(VersionForm):
    what = forms.CharField(max_length=500, error_messages={"required": "Enter the next step"})
    due_on = NhsDateField(noun="date of the next step")


class StallDaysForm(NhsForm):
    organisation_kind = forms.ChoiceField(
        choices=list(ORGANISATION_KINDS.items()),
        error_messages={"required": "Choose a kind of organisation"},
    )
    to_receive = forms.IntegerField(min_value=1, max_value=365)
    to_accept = forms.IntegerField(min_value=1, max_value=365)
    to_meet = forms.IntegerField(min_value=1, max_value=365)
    nouns = {
        "to_receive": "Days to see it",
        "to_accept": "Days to answer it",
        "to_meet": "Days to meet",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("to_receive", "to_accept", "to_meet"):
            noun = self.nouns[name]
            self.fields[name].error_messages.update(
                {
                    "required": f"Enter {noun.lower()}",
                    "invalid": f"{noun} must be a whole number, like 7",
                    "min_value": f"{noun} must be at least 1",
                    "max_value": f"{noun} must be 365 or fewer",
                }
            )
