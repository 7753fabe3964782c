"""factory_boy factories for the people in our tests. Only synthetic data: NHS numbers from the 999 range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.declarations import (
    Iterator,
    LazyFunction,
    PostGeneration,
    PostGenerationMethodCall,
    SelfAttribute,
    Sequence,
    SubFactory,
)
from factory.django import DjangoModelFactory

from livingwell.codes.people import nhs_number_is_valid
from livingwell.frontdoor.models import Channel, Introduction
from livingwell.people.models import Person
from livingwell.team.models import StaffMember, StaffRole, Team

PASSWORD = "correct horse battery staple"


def post_generation(function: Callable[..., None]) -> PostGeneration:
    """factory_boy's @post_generation, typed: its own is unannotated, which would leave the hook untyped."""
    return PostGeneration(function)


def nhs_number_for_test(n: int) -> str:
    """The n-th valid NHS number from the 999 range set aside for testing (distinct for each n)."""
    for first_nine in range(999_000_000 + n * 3, 999_000_000 + n * 3 + 3):
        for check in range(10):
            number = f"{first_nine}{check}"
            if nhs_number_is_valid(number):
                return number
    raise ValueError(f"No valid test NHS number near {n}")


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    name = Sequence(lambda n: f"Neighbourhood team {n}")
    postcode_districts = "SE1, SE11"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"staff{n}")
    password = PostGenerationMethodCall("set_password", PASSWORD)

    @post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class StaffMemberFactory(DjangoModelFactory[StaffMember]):
    class Meta:
        model = StaffMember
        skip_postgeneration_save = True

    user = SubFactory(UserFactory)
    team = SubFactory(TeamFactory)
    role = StaffRole.MENTAL_HEALTH_PRACTITIONER
    name = Sequence(lambda n: f"Staff Member {n}")

    @post_generation
    def device(obj: StaffMember, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            TOTPDevice.objects.create(user=obj.user, name="Authenticator app", confirmed=True)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    team = SubFactory(TeamFactory)
    given_name = Iterator(["Ada", "Kwame", "Siobhan", "Priya", "Tomasz", "Mei"])
    family_name = Iterator(["Mensah", "O'Brien", "Kowalski", "Patel", "Chen", "Okafor"])
    date_of_birth = dt.date(1988, 4, 12)
    nhs_number = Sequence(nhs_number_for_test)
    phone = "07700 900123"


class IntroductionFactory(DjangoModelFactory[Introduction]):
    class Meta:
        model = Introduction

    reference = Sequence(lambda n: f"LW-T{n:05d}")
    person = SubFactory(PersonFactory)
    team = SelfAttribute("person.team")
    channel = Channel.WEB
    received_at = LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    introduced_by = "self"
    what_matters = "I have not been sleeping and I am behind on my rent."
