"""The front door's forms and the team's forms for introductions and conversations.

No field here is an eligibility criterion. Fields are required only where we could not get in touch
without them, and every message says what to do.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms

from livingwell.codes.introductions import AGENCY_KINDS
from livingwell.core.forms import NhsDateField, NhsForm
from livingwell.frontdoor.models import Channel, ContactMethod, ConversationHow, SetAsideKind
from livingwell.frontdoor.services import IntroductionDetails
from livingwell.people.forms import (
    ETHNIC_CHOICES,
    GENDER_CHOICES,
    PersonFieldsMixin,
    clean_nhs_number,
    clean_phone,
    email_field,
    phone_field,
)
from livingwell.people.services import PersonDetails

WHAT_MATTERS_MAX = 5000
YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def typed_a_way_to_reach(cleaned: dict[str, Any]) -> bool:
    """A phone number or an email address for the person, as typed."""
    return bool(cleaned.get("phone") or cleaned.get("email"))


class ContactFieldsMixin(NhsForm):
    """How to get in touch: the only thing we must have, so that we can reply."""

    contact_method = forms.ChoiceField(
        choices=ContactMethod.choices,
        error_messages={"required": "Choose how we should get in touch"},
    )
    best_time = forms.CharField(max_length=500, required=False)
    may_leave_message = forms.ChoiceField(choices=YES_NO, required=False)

    def check_contact(self, cleaned: dict[str, Any], *, whose: str) -> None:
        method = cleaned.get("contact_method")
        needs_phone = method in (ContactMethod.PHONE, ContactMethod.TEXT)
        if needs_phone and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", f"Enter {whose} phone number, so we can get in touch")
        needs_email = method == ContactMethod.EMAIL
        if needs_email and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", f"Enter {whose} email address, so we can get in touch")

    def how_to_reach(self) -> dict[str, Any]:
        """What the person said matters and how to get in touch: every introduction's own words."""
        c = self.cleaned_data
        return {
            "what_matters": c["what_matters"],
            "contact_method": c["contact_method"],
            "best_time": c["best_time"],
            "may_leave_message": yes_no(c["may_leave_message"]),
        }


class WhatMattersMixin(NhsForm):
    what_matters = forms.CharField(
        max_length=WHAT_MATTERS_MAX,
        required=False,
        strip=True,
        error_messages={
            "max_length": f"What matters must be {WHAT_MATTERS_MAX} characters or fewer"
        },
    )


class SelfIntroductionForm(PersonFieldsMixin, ContactFieldsMixin, WhatMattersMixin):
    """Someone asking for support for themselves, on the web, with no account."""

    field_order = [
        "given_name",
        "family_name",
        "date_of_birth",
        "what_matters",
        "contact_method",
        "phone",
        "email",
        "best_time",
        "may_leave_message",
        "postcode",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_contact(cleaned, whose="your")
        return cleaned

    def introduction_details(self) -> IntroductionDetails:
        return IntroductionDetails(introduced_by="self", **self.how_to_reach())

    def said_back(self) -> dict[str, Any]:
        """What "What happens next" may say back to them: they introduced themselves."""
        return {}


INTRODUCER_CHOICES = [
    ("family", "I am their family member or carer"),
    ("friend", "I am their friend"),
    ("gp", "I work at their GP practice"),
    ("agency", "I work for another service or organisation"),
]


class SomeoneElseIntroductionForm(PersonFieldsMixin, ContactFieldsMixin, WhatMattersMixin):
    """Someone introducing a person they are worried about, with that person's knowledge if possible."""

    introduced_by = forms.ChoiceField(
        choices=INTRODUCER_CHOICES, error_messages={"required": "Choose how you know them"}
    )
    introducer_name = forms.CharField(
        max_length=200, error_messages={"required": "Enter your name"}
    )
    introducer_organisation = forms.CharField(max_length=200, required=False)
    introducer_phone = phone_field()
    introducer_email = email_field(whose="your")
    person_knows = forms.ChoiceField(
        choices=YES_NO, error_messages={"required": "Tell us if they know you are contacting us"}
    )
    # Their contact details may be left empty: we can reach the introducer first (rule 1).
    contact_method = forms.ChoiceField(choices=ContactMethod.choices, required=False)

    field_order = [
        "introducer_name",
        "introduced_by",
        "introducer_organisation",
        "introducer_phone",
        "introducer_email",
        "given_name",
        "family_name",
        "date_of_birth",
        "person_knows",
        "what_matters",
        "contact_method",
        "phone",
        "email",
        "best_time",
        "may_leave_message",
        "postcode",
    ]

    def clean_introducer_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("introducer_phone", ""), whose="your")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        no_reply_route = not cleaned.get("introducer_phone") and not cleaned.get("introducer_email")
        if no_reply_route and not {"introducer_phone", "introducer_email"} & set(self.errors):
            self.add_error(
                "introducer_phone", "Enter your phone number or email address, so we can reply"
            )
        # The introducer always leaves a way to reply, so we can get in touch with them first: the
        # person's own details are optional. If they know, and some of their details were typed
        # but not the one for the way chosen, that is asked for (a chosen radio cannot be unchosen).
        if cleaned.get("person_knows") != "no" and typed_a_way_to_reach(cleaned):
            self.check_contact(cleaned, whose="their")
        return cleaned

    def introduction_details(self) -> IntroductionDetails:
        c = self.cleaned_data
        return IntroductionDetails(
            introduced_by=c["introduced_by"],
            agency_kind="other" if c["introduced_by"] == "agency" else "",
            introducer_name=c["introducer_name"],
            introducer_relationship=c["introducer_organisation"],
            introducer_phone=c["introducer_phone"],
            introducer_email=c["introducer_email"],
            person_knows=yes_no(c["person_knows"]),
            **self.how_to_reach(),
        )

    def said_back(self) -> dict[str, Any]:
        """What "What happens next" may say back to the introducer: only what they typed here."""
        c = self.cleaned_data
        return {
            "name": c["given_name"],
            "reply_phone": c["introducer_phone"],
            "reply_email": c["introducer_email"],
            "person_knows": yes_no(c["person_knows"]),
            "can_reach_them": typed_a_way_to_reach(c),
        }


STAFF_INTRODUCER_CHOICES = [
    ("self", "The person themselves"),
    ("family", "Family member or carer"),
    ("friend", "Friend"),
    ("gp", "GP or GP practice"),
    ("agency", "Another service or organisation"),
]


class StaffIntroductionForm(PersonFieldsMixin, ContactFieldsMixin, WhatMattersMixin):
    """The team records an introduction made by phone or in person."""

    channel = forms.ChoiceField(
        choices=[(Channel.PHONE, "Phone"), (Channel.WALK_IN, "Walk-in")],
        error_messages={"required": "Choose how the introduction was made"},
    )
    introduced_by = forms.ChoiceField(
        choices=STAFF_INTRODUCER_CHOICES,
        error_messages={"required": "Choose who made the introduction"},
    )
    agency_kind = forms.ChoiceField(
        choices=[("", "Not from an organisation")] + [(k, v[0]) for k, v in AGENCY_KINDS.items()],
        required=False,
    )
    introducer_name = forms.CharField(max_length=200, required=False)
    introducer_relationship = forms.CharField(max_length=200, required=False)
    introducer_phone = phone_field()
    person_knows = forms.ChoiceField(choices=YES_NO, required=False)
    nhs_number = forms.CharField(max_length=20, required=False)
    gender = forms.ChoiceField(choices=GENDER_CHOICES, required=False)
    ethnic_category = forms.ChoiceField(choices=ETHNIC_CHOICES, required=False)
    address = forms.CharField(max_length=1000, required=False)
    contact_method = forms.ChoiceField(choices=ContactMethod.choices, required=False)

    field_order = [
        "channel",
        "introduced_by",
        "agency_kind",
        "introducer_name",
        "introducer_relationship",
        "introducer_phone",
        "person_knows",
        "given_name",
        "family_name",
        "date_of_birth",
        "nhs_number",
        "gender",
        "ethnic_category",
        "what_matters",
        "contact_method",
        "phone",
        "email",
        "best_time",
        "may_leave_message",
        "address",
        "postcode",
    ]

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data.get("nhs_number", ""))

    def clean_introducer_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("introducer_phone", ""), whose="the introducer's")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("introduced_by") == "agency" and not cleaned.get("agency_kind"):
            self.add_error(
                "agency_kind", "Choose the kind of organisation that made the introduction"
            )
        if cleaned.get("introduced_by") not in (None, "self") and not cleaned.get(
            "introducer_name"
        ):
            self.add_error(
                "introducer_name", "Enter the name of the person who made the introduction"
            )
        self.check_contact(cleaned, whose="their")
        return cleaned

    def person_details(self) -> PersonDetails:
        c = self.cleaned_data
        return dataclasses.replace(
            super().person_details(),
            nhs_number=c["nhs_number"],
            gender=c["gender"] or "Z",
            ethnic_category=c["ethnic_category"] or "Z",
            address=c["address"],
        )

    def introduction_details(self) -> IntroductionDetails:
        c = self.cleaned_data
        by = c["introduced_by"]
        return IntroductionDetails(
            introduced_by=by,
            agency_kind=c["agency_kind"] if by == "agency" else "",
            introducer_name=c["introducer_name"] if by != "self" else "",
            introducer_relationship=c["introducer_relationship"] if by != "self" else "",
            introducer_phone=c["introducer_phone"] if by != "self" else "",
            person_knows=yes_no(c["person_knows"]) if by != "self" else None,
            **self.how_to_reach(),
        )


class NextStepForm(NhsForm):
    next_step = forms.CharField(
        max_length=500,
        error_messages={
            "required": "Enter the next step, so anyone on the team knows what happens now",
            "max_length": "The next step must be 500 characters or fewer",
        },
    )


class ConversationForm(NhsForm):
    held_on = NhsDateField(noun="date of the conversation", past_only=True, max_age_years=5)
    how = forms.ChoiceField(
        choices=ConversationHow.choices, error_messages={"required": "Choose how you talked"}
    )
    what_we_talked_about = forms.CharField(
        max_length=20000,
        error_messages={
            "required": "Enter what you talked about",
            "max_length": "What you talked about must be 20,000 characters or fewer",
        },
    )
    next_steps = forms.CharField(max_length=5000, required=False)


class CloseForm(NhsForm):
    reason = forms.CharField(max_length=500, required=False)


class JoinForm(NhsForm):
    """The team confirms an introduction is from someone it knows, and which details it gave to keep."""

    person = forms.IntegerField(min_value=1, error_messages={"required": "Choose the record"})
    use = forms.MultipleChoiceField(
        choices=[(name, name) for name in ("phone", "email", "address", "postcode")],
        required=False,
        error_messages={"invalid_choice": "Choose from the details given with the introduction"},
    )


class SetAsideForm(NhsForm):
    """A team lead sets aside what is not a person asking for help (ADR 0006)."""

    kind = forms.ChoiceField(
        choices=SetAsideKind.choices,
        error_messages={
            "required": "Choose whether this is a repeat or not a person asking for help"
        },
    )
    original = forms.CharField(max_length=20, required=False)
    reason = forms.CharField(
        max_length=1000,
        required=False,
        error_messages={"max_length": "The reason must be 1000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == SetAsideKind.REPEAT and not cleaned.get("original"):
            self.add_error("original", "Enter the reference of the introduction this repeats")
        if (
            kind == SetAsideKind.NOT_A_PERSON
            and not cleaned.get("reason")
            and "reason" not in self.errors
        ):
            self.add_error("reason", "Enter why this is not a person asking for help")
        return cleaned


class AbsenceForm(NhsForm):
    first_day = NhsDateField(noun="first day away")
    last_day = NhsDateField(noun="last day away")
    note = forms.CharField(max_length=200, required=False)
    nouns = {"note": "Who covers"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error(
                "last_day", "The last day away must be the same as the first day, or after it"
            )
        return data
