"""Fields about a person, with the checks and plain-English messages every form shares."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES, nhs_number_is_valid
from livingwell.codes.plan import LIFE_DOMAINS, RELATIONSHIPS
from livingwell.codes.record import SHAREABLE_PARTS, life_part
from livingwell.core.forms import NhsDateField, NhsForm
from livingwell.people.models import MESSAGE_LIMIT, Ending
from livingwell.people.services import PersonDetails
from livingwell.team.models import StaffMember

PHONE_CHARACTERS = re.compile(r"^[0-9 +()\-]+$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def clean_phone(value: str, *, whose: str = "") -> str:
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError(
            f"Enter {whose or 'a'} phone number, like 07700 900 982 or 020 7946 0000".replace(
                "  ", " "
            )
        )
    return value


def clean_postcode(value: str) -> str:
    value = value.strip().upper()
    if value and not POSTCODE.match(value):
        raise ValidationError("Enter a full UK postcode, like SW9 8BP")
    return value


def phone_field() -> forms.CharField:
    """A phone number, optional; each form checks it with clean_phone."""
    return forms.CharField(max_length=40, required=False)


def email_field(*, whose: str = "an") -> forms.EmailField:
    """An email address, optional, with the NHS message for one in the wrong format."""
    return forms.EmailField(
        max_length=254,
        required=False,
        error_messages={
            "invalid": f"Enter {whose} email address in the correct format, like name@example.com"
        },
    )


def postcode_field() -> forms.CharField:
    """A UK postcode, optional; each form checks it with clean_postcode."""
    return forms.CharField(
        max_length=20,
        required=False,
        error_messages={"max_length": "Enter a full UK postcode, like SW9 8BP"},
    )


def clean_nhs_number(value: str) -> str:
    compact = re.sub(r"[\s-]", "", value)
    if not compact:
        return ""
    if not compact.isdigit() or len(compact) != 10:
        raise ValidationError("NHS number must be 10 numbers")
    if not nhs_number_is_valid(compact):
        raise ValidationError("This is not a real NHS number. Check it and try again")
    return compact


class PersonFieldsMixin(NhsForm):
    given_name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a first name",
            "max_length": "First name must be 200 characters or fewer",
        },
    )
    family_name = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": "Last name must be 200 characters or fewer"},
    )
    date_of_birth = NhsDateField(
        noun="date of birth", past_only=True, max_age_years=120, required=False
    )
    phone = phone_field()
    email = email_field()
    postcode = postcode_field()
    hear_by = forms.ChoiceField(
        choices=[
            ("", "Whichever you have: email, or a text if you have no email"),
            ("email", "By email"),
            ("text", "By text message"),
            ("none", "No messages, please"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    messages_say_more = forms.BooleanField(required=False)
    nouns = {"hear_by": "How you hear from us"}

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def person_details(self) -> PersonDetails:
        c = self.cleaned_data
        return PersonDetails(
            given_name=c["given_name"],
            family_name=c["family_name"],
            date_of_birth=c["date_of_birth"],
            phone=c["phone"],
            email=c["email"],
            postcode=c["postcode"],
        )

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data.get("postcode", ""))


GENDER_CHOICES = [("", "Not asked yet"), *GENDER_IDENTITIES.items()]
ETHNIC_CHOICES = [("", "Not asked yet"), *ETHNIC_CATEGORIES.items()]


class KeyWorkerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: object) -> str:
        return str(obj)


class SupportStartForm(NhsForm):
    key_worker = KeyWorkerChoiceField(
        queryset=None,
        empty_label="Choose a key worker",
        error_messages={
            "required": "Choose a key worker",
            "invalid_choice": "Choose a key worker from the list",
        },
    )
    started_on = NhsDateField(noun="start date", past_only=True, max_age_years=5)

    def __init__(self, *args: Any, key_workers: QuerySet[StaffMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = key_workers  # type: ignore[attr-defined]


class KeyWorkerForm(NhsForm):
    key_worker = KeyWorkerChoiceField(
        queryset=None,
        empty_label="Choose a key worker",
        error_messages={
            "required": "Choose a key worker",
            "invalid_choice": "Choose a key worker from the list",
        },
    )

    def __init__(self, *args: Any, key_workers: QuerySet[StaffMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].queryset = key_workers  # type: ignore[attr-defined]


class NextStepForm(NhsForm):
    """A next step for a person: what, by when, and who will do it."""

    what = forms.CharField(
        max_length=500,
        error_messages={
            "required": "Enter the next step",
            "max_length": "The next step must be 500 characters or fewer",
        },
    )
    due_on = NhsDateField(noun="date it should happen by")
    by = forms.ChoiceField(error_messages={"required": "Choose who will do it"})
    by_someone_else = forms.CharField(max_length=200, required=False)

    SOMEONE_ELSE = "someone-else"

    def __init__(self, *args: Any, team: QuerySet[StaffMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team = {str(member.pk): member for member in team}
        typing.cast(forms.ChoiceField, self.fields["by"]).choices = [
            *((pk, member.name) for pk, member in self.team.items()),
            (self.SOMEONE_ELSE, "Someone else"),
        ]

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data.get("due_on")
        if due_on is not None and due_on < dt.date.today():  # noqa: DTZ011 - a local date
            raise ValidationError("The date it should happen by must be today or in the future")
        return due_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("by") == self.SOMEONE_ELSE and not data.get("by_someone_else", "").strip():
            self.add_error("by_someone_else", "Enter the name of who will do it")
        return data

    def who(self) -> dict[str, Any]:
        """The service's `by` and `by_someone_else`."""
        by = self.cleaned_data["by"]
        if by == self.SOMEONE_ELSE:
            return {"by": None, "by_someone_else": self.cleaned_data["by_someone_else"]}
        return {"by": self.team[by], "by_someone_else": ""}


class CircleMemberForm(NhsForm):
    name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter their name",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    relationship = forms.ChoiceField(
        choices=[("", "Choose"), *RELATIONSHIPS.items()],
        error_messages={"required": "Choose how they are related"},
    )
    is_carer = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Say whether they are a carer"},
    )
    phone = phone_field()
    email = email_field()

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""), whose="their")


class SharingForm(NhsForm):
    parts = forms.MultipleChoiceField(
        choices=list(SHAREABLE_PARTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Tell someone in the circle, by a message, that there is more to see (never what).
    tell = forms.BooleanField(required=False)

    # The choices as the page groups them: every choice is in exactly one group.
    GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
        ("plan", "The plan", ("what-matters", "what-helps", "goals", "crisis", "team", "measures")),
        (
            "life",
            "Each part of life",
            tuple(life_part(domain) for domain in LIFE_DOMAINS),
        ),
        ("about", "Contact details and the circle", ("about", "circle")),
    )

    def groups(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        return [
            (key, legend, [(part, SHAREABLE_PARTS[part]) for part in parts])
            for key, legend, parts in self.GROUPS
        ]


class SupportEndForm(NhsForm):
    ended_on = NhsDateField(noun="date support ended", past_only=True)
    ending = forms.ChoiceField(
        choices=list(Ending.choices),
        error_messages={"required": "Choose how support ended"},
    )
    note = forms.CharField(
        max_length=5000,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": "What you agreed must be 5,000 characters or fewer"},
    )


class PersonSignInForm(NhsForm):
    username = forms.CharField(
        max_length=254, error_messages={"required": "Enter your email address"}
    )
    password = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter your password"}
    )


class AccountForm(NhsForm):
    """Setting up an account from an invitation: an email address to sign in with and a password."""

    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter a password"}
    )
    password_again = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter the password again"}
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(
                "There is already an account with this email address. Sign in first, then open "
                "your invitation link again"
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data)
        return data


class ForgottenPasswordForm(NhsForm, PasswordResetForm):
    """Asking for a link to choose a new password (Django's own flow, with our messages).

    A work account is never sent one: `leave_out` says which accounts those are (the door's
    is_work_account), and their team lead resets them, with the security code."""

    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args: Any, leave_out: Callable[[Any], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leave_out = leave_out

    def get_users(self, email: str) -> Iterator[Any]:
        return (user for user in super().get_users(email) if not self.leave_out(user))


class NewPasswordForm(NhsForm):
    """Choosing a new password from the link in the email: the same rules as a new account's."""

    password = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter a password"}
    )
    password_again = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter the password again"}
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, user=self.user)
        return data

    def save(self) -> Any:
        self.user.set_password(self.cleaned_data["password"])
        self.user.save(update_fields=["password"])
        return self.user


def check_new_password(form: forms.Form, data: dict[str, Any], *, user: Any = None) -> None:
    """A new password, wherever one is chosen: typed the same twice, and passing the site's password
    rules (AUTH_PASSWORD_VALIDATORS), with each problem said in plain words."""
    password, again = data.get("password"), data.get("password_again")
    if password and again and password != again:
        form.add_error("password_again", "The passwords do not match. Type them again")
    elif password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as problems:
            form.add_error("password", _plain_password_problem(problems))


def _plain_password_problem(problems: ValidationError) -> str:
    codes = {getattr(e, "code", "") for e in problems.error_list}
    if "password_too_short" in codes:
        return "Your password must be at least 12 characters long"
    if "password_too_common" in codes:
        return "This password is too easy to guess. Choose a different one"
    if "password_entirely_numeric" in codes:
        return "Your password must include letters, not only numbers"
    return "Choose a password that is harder to guess"


class ContactDetailsForm(NhsForm):
    """How to reach someone: the person can keep these right themselves."""

    phone = phone_field()
    email = email_field()
    address = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": "Address must be 1,000 characters or fewer"},
    )
    postcode = postcode_field()
    hear_by = forms.ChoiceField(
        choices=[
            ("", "Whichever you have: email, or a text if you have no email"),
            ("email", "By email"),
            ("text", "By text message"),
            ("none", "No messages, please"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    messages_say_more = forms.BooleanField(required=False)
    nouns = {"hear_by": "How you hear from us"}

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data.get("postcode", ""))


class MessageForm(NhsForm):
    """A message from a person to their team, in their own words."""

    words = forms.CharField(
        max_length=MESSAGE_LIMIT,
        strip=True,
        widget=forms.Textarea,
        error_messages={
            "required": "Write your message",
            "max_length": f"Your message must be {MESSAGE_LIMIT} characters or fewer",
        },
    )


class WorryForm(NhsForm):
    note = forms.CharField(
        max_length=500,
        error_messages={"required": "Enter what you are worried about"},
    )
