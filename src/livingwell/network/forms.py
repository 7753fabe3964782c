"""The directory's forms: the search anyone can use, and the forms that keep entries true."""

from __future__ import annotations

from typing import Any

from django import forms

from livingwell.codes.needs import LANGUAGES
from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.core.forms import NhsForm
from livingwell.network import geography
from livingwell.network.selectors import Search

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
