"""The directory's forms: the search anyone can use, and the forms that keep entries true."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from livingwell.codes.needs import LANGUAGES, SUPPORT_KINDS
from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.core.forms import NhsForm
from livingwell.network import geography
from livingwell.network.models import ServiceStatus
from livingwell.network.selectors import Search
from livingwell.network.services import CommunityAsset, OpeningTime, ServiceDetails

DISTANCES = [("1", "1 mile"), ("3", "3 miles"), ("5", "5 miles"), ("10", "10 miles")]
ONLY = [
    ("open_now", "Open now"),
    ("free", "Free"),
    ("step_free", "Step-free access"),
]


class DirectorySearchForm(NhsForm):
    """What someone is looking for. Every field may be left empty: an empty search lists everything."""

    nouns = {"q": "What you are looking for", "postcode": "Your postcode"}

    q = forms.CharField(required=False, max_length=200, strip=True)
    postcode = forms.CharField(required=False, max_length=12, strip=True)
    within = forms.ChoiceField(required=False, choices=DISTANCES)
    domain = forms.MultipleChoiceField(
        required=False,
        choices=list(LIFE_DOMAINS.items()),
        error_messages={"invalid_choice": "Choose from the list of what support can help with"},
    )
    only = forms.MultipleChoiceField(
        required=False,
        choices=ONLY,
        error_messages={"invalid_choice": "Choose from the options"},
    )
    language = forms.ChoiceField(
        required=False,
        choices=[("", "Any language"), *LANGUAGES.items()],
        error_messages={"invalid_choice": "Choose a language from the list"},
    )

    def clean_postcode(self) -> str:
        typed: str = self.cleaned_data.get("postcode", "")
        if not typed:
            return ""
        written = geography.postcode_written(typed)
        if written is None:
            raise forms.ValidationError(
                "Enter a real postcode, like SW9 8AB, or leave it empty to search everywhere"
            )
        return written

    def search(self) -> Search:
        data: dict[str, Any] = self.cleaned_data
        only = set(data.get("only") or ())
        return Search(
            words=data.get("q") or "",
            domains=tuple(data.get("domain") or ()),
            postcode=data.get("postcode") or "",
            within_miles=float(data.get("within") or 3),
            open_now="open_now" in only,
            free="free" in only,
            step_free="step_free" in only,
            language=data.get("language") or "",
        )


DAY_CHOICES = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]
OPENING_ROWS = 3


def _time(typed: str, noun: str) -> dt.time:
    found = re.fullmatch(r"\s*([01]?\d|2[0-3])[:.]?([0-5]\d)?\s*", typed)
    if not found:
        raise forms.ValidationError(f"Enter the time it {noun} as hours and minutes, like 09:30")
    return dt.time(int(found[1]), int(found[2] or 0))


class ServiceForm(NhsForm):
    """A service's entry, as its organisation or the team keeps it true."""

    nouns = {
        "name": "The name",
        "description": "What it offers",
        "who_for": "Who it is for",
        "introductions_to": "Who takes introductions",
        "url": "The website",
        "email": "The email address",
        "fees": "What it costs",
    }

    name = forms.CharField(max_length=200)
    description = forms.CharField(max_length=5000, required=False, widget=forms.Textarea)
    who_for = forms.CharField(max_length=2000, required=False, widget=forms.Textarea)
    status = forms.ChoiceField(choices=ServiceStatus.choices)
    walk_in = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes", required=True
    )
    warm_introductions = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda v: v == "yes", required=True
    )
    introductions_to = forms.CharField(max_length=200, required=False)
    url = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the website address, like https://example.org"},
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    fees = forms.CharField(max_length=2000, required=False)
    minimum_age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter the youngest age as a number, like 18",
            "min_value": "The youngest age must be 0 or more",
            "max_value": "The youngest age must be 120 or less",
        },
    )
    maximum_age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter the oldest age as a number, like 25",
            "min_value": "The oldest age must be 0 or more",
            "max_value": "The oldest age must be 120 or less",
        },
    )
    domains = forms.MultipleChoiceField(required=False, choices=list(LIFE_DOMAINS.items()))
    kinds = forms.MultipleChoiceField(required=False, choices=list(SUPPORT_KINDS.items()))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(OPENING_ROWS):
            self.fields[f"days_{n}"] = forms.MultipleChoiceField(
                required=False,
                choices=DAY_CHOICES,
                error_messages={"invalid_choice": "Choose days from the list"},
            )
            self.fields[f"opens_{n}"] = forms.CharField(required=False, max_length=5)
            self.fields[f"closes_{n}"] = forms.CharField(required=False, max_length=5)

    def opening_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"days_{n}"], self[f"opens_{n}"], self[f"closes_{n}"])
            for n in range(OPENING_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        times = []
        for n in range(OPENING_ROWS):
            days = data.get(f"days_{n}") or []
            opens = (data.get(f"opens_{n}") or "").strip()
            closes = (data.get(f"closes_{n}") or "").strip()
            if not (days or opens or closes):
                continue
            if not days:
                self.add_error(f"days_{n}", "Choose the days it is open at these times")
                continue
            try:
                opens_at = _time(opens, "opens")
            except forms.ValidationError as error:
                self.add_error(f"opens_{n}", error)
                continue
            try:
                closes_at = _time(closes, "closes")
            except forms.ValidationError as error:
                self.add_error(f"closes_{n}", error)
                continue
            if closes_at <= opens_at:
                self.add_error(f"closes_{n}", "The closing time must be after the opening time")
                continue
            order = [d for d, _ in DAY_CHOICES]
            times.append(OpeningTime(tuple(sorted(days, key=order.index)), opens_at, closes_at))
        data["opening_times"] = tuple(times)
        youngest, oldest = data.get("minimum_age"), data.get("maximum_age")
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error(
                "maximum_age", "The oldest age must be the same as or more than the youngest"
            )
        if data.get("warm_introductions") and not (data.get("introductions_to") or "").strip():
            self.add_error(
                "introductions_to",
                "Enter who takes introductions, like a name or a job, or choose No",
            )
        return data

    def details(self) -> ServiceDetails:
        d = self.cleaned_data
        return ServiceDetails(
            name=d["name"],
            description=d.get("description") or "",
            who_for=d.get("who_for") or "",
            url=d.get("url") or "",
            email=d.get("email") or "",
            status=d["status"],
            fees=d.get("fees") or "",
            minimum_age=d.get("minimum_age"),
            maximum_age=d.get("maximum_age"),
            warm_introductions=bool(d.get("warm_introductions")),
            introductions_to=(d.get("introductions_to") or "").strip()
            if d.get("warm_introductions")
            else "",
            walk_in=bool(d.get("walk_in")),
            domains=tuple(d.get("domains") or ()),
            kinds=tuple(d.get("kinds") or ()),
            opening_times=d.get("opening_times", ()),
        )


def service_initial(details: ServiceDetails) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "name": details.name,
        "description": details.description,
        "who_for": details.who_for,
        "status": details.status,
        "walk_in": "yes" if details.walk_in else "no",
        "warm_introductions": "yes" if details.warm_introductions else "no",
        "introductions_to": details.introductions_to,
        "url": details.url,
        "email": details.email,
        "fees": details.fees,
        "minimum_age": details.minimum_age,
        "maximum_age": details.maximum_age,
        "domains": list(details.domains),
        "kinds": list(details.kinds),
    }
    for n, o in enumerate(details.opening_times[:OPENING_ROWS]):
        initial[f"days_{n}"] = list(o.days)
        initial[f"opens_{n}"] = o.opens_at.strftime("%H:%M")
        initial[f"closes_{n}"] = o.closes_at.strftime("%H:%M")
    return initial


class CommunityAssetForm(NhsForm):
    """A community place someone has told the team about, in their own words."""

    nouns = {
        "name": "The name of the place",
        "what_they_said": "What they said about it",
        "street": "The street",
        "postcode": "The postcode",
        "contact_name": "Who to ask for",
        "phone": "The phone number",
    }

    name = forms.CharField(max_length=200)
    what_they_said = forms.CharField(max_length=2000, widget=forms.Textarea)
    street = forms.CharField(max_length=200)
    postcode = forms.CharField(max_length=12, required=False)
    contact_name = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=40, required=False)
    domains = forms.MultipleChoiceField(required=False, choices=list(LIFE_DOMAINS.items()))

    def clean_postcode(self) -> str:
        typed: str = self.cleaned_data.get("postcode", "")
        if not typed:
            return ""
        written = geography.postcode_written(typed)
        if written is None:
            raise forms.ValidationError("Enter a real postcode, like SW9 8AB, or leave it empty")
        return written

    def asset(self) -> CommunityAsset:
        d = self.cleaned_data
        return CommunityAsset(
            name=d["name"].strip(),
            what_they_said=d["what_they_said"].strip(),
            street=d["street"].strip(),
            postcode=d.get("postcode") or "",
            contact_name=(d.get("contact_name") or "").strip(),
            phone=(d.get("phone") or "").strip(),
            domains=tuple(d.get("domains") or ("belonging",)),
        )
