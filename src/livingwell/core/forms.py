"""Form pieces shared by every page: NHS.UK date inputs and the error summary's list.

Messages follow the NHS.UK design system's error message guidance: say what to do, in plain words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import ErrorList

from livingwell.core import text


class NhsDateWidget(forms.Widget):
    """Reads the NHS.UK date input's three boxes: name[day], name[month], name[year]."""

    parts = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str] | None:
        values = {part: str(data.get(f"{name}[{part}]", "")).strip() for part in self.parts}
        return values if any(values.values()) else None

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}[{part}]" in data for part in self.parts)


class NhsDateField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK messages for each mistake."""

    widget = NhsDateWidget

    def __init__(
        self,
        *,
        noun: str = "date",
        past_only: bool = False,
        max_age_years: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.noun = noun
        self.past_only = past_only
        self.max_age_years = max_age_years
        kwargs.setdefault("error_messages", {"required": f"Enter the {noun}"})
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> dict[str, str]:
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        return value or {}

    def to_python(self, value: Any) -> dt.date | None:
        if not value:
            return None
        if isinstance(value, dt.date):
            return value
        missing = [part for part in NhsDateWidget.parts if not value.get(part)]
        if missing:
            raise ValidationError(f"The {self.noun} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(value[part]) for part in NhsDateWidget.parts)
        except ValueError:
            raise ValidationError(f"The {self.noun} must be a real date, using numbers") from None
        if year < 1000:
            raise ValidationError("Year must include 4 numbers")
        try:
            return dt.date(year, month, day)
        except (ValueError, OverflowError):  # OverflowError: a year or day of 20 digits
            raise ValidationError(f"The {self.noun} must be a real date") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = dt.date.today()  # noqa: DTZ011 - a date typed by a person is a local date
        if self.past_only and value > today:
            raise ValidationError(f"The {self.noun} must be today or in the past")
        if self.max_age_years and value.year < today.year - self.max_age_years:
            raise ValidationError(
                f"The {self.noun} must be after {today.year - self.max_age_years}"
            )


def check_text(value: Any) -> None:
    """What the API accepts, for the forms (NhsForm gives every text field it, and its message)."""
    if isinstance(value, str) and not text.can_be_saved(value):
        raise ValidationError(f"This {text.PROBLEM}", code=text.CODE)


class NhsForm(forms.Form):
    """A form whose built-in messages are plain English, like the NHS.UK design system's.

    Fields that set their own messages keep them; the rest get "<Noun> must be 500 characters or
    fewer" and "Choose one of the options" in place of Django's defaults. Every text field accepts
    what the API accepts (livingwell.core.text), and says so with its noun.
    """

    nouns: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            noun = self.nouns.get(name, name.replace("_", " ").capitalize())
            messages = field.error_messages
            max_length = getattr(field, "max_length", None)
            if max_length and "max_length" not in messages:
                messages["max_length"] = f"{noun} must be {max_length:,} characters or fewer"
            if messages.get("required") == forms.Field.default_error_messages["required"]:
                messages["required"] = f"Enter {noun.lower()}"
            if isinstance(field, forms.CharField):
                field.validators = [
                    v
                    for v in field.validators
                    if not isinstance(v, ProhibitNullCharactersValidator)
                ] + [check_text]
                messages[text.CODE] = f"{noun} {text.PROBLEM}"
            if "Select a valid choice" in str(messages.get("invalid_choice", "")):
                messages["invalid_choice"] = "Choose one of the options"


def anchor_for(field: forms.BoundField) -> str:
    """The element the error summary links to, as the NHS.UK components name it."""
    if isinstance(field.field, NhsDateField):
        return f"{field.auto_id}-day"
    return str(field.auto_id)  # for radios, the first item has the field's id


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """The error summary's list: each message links to its field, in the order fields appear."""
    items = [
        {"text": str(message), "href": "#" + anchor_for(form[name])}
        for name in form.fields
        for message in form.errors.get(name, ErrorList())
    ]
    items += [{"text": str(message), "href": "#maincontent"} for message in form.non_field_errors()]
    return items
