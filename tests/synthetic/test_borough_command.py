"""`livingwell borough`: loading a synthetic borough into the database."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.codes import AGENCY_KINDS, INTRODUCED_BY
from livingwell.frontdoor.models import (
    Channel,
    ContactMethod,
    Conversation,
    ConversationHow,
    Introduction,
    IntroductionStatus,
)
from livingwell.people.codes import ETHNIC_CATEGORIES, GENDER_IDENTITIES
from livingwell.people.models import Ending, Person, SupportPeriod
from livingwell.synthetic import borough as synthetic
from livingwell.team.models import StaffMember, StaffRole, Team

LOAD = ("borough", "--people=300", "--seed=3", "--today=2026-11-23", "--quiet")


def load(*extra: str) -> str:
    out = io.StringIO()
    call_command(*LOAD, *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_generators_values_are_the_models_choices() -> None:
    assert set(synthetic.STAFF_ROLES) == set(StaffRole.values)
    assert {synthetic.WAITING, synthetic.PICKED_UP, synthetic.CONVERSATION} <= set(
        IntroductionStatus.values
    )
    assert set(synthetic.CHANNELS) == set(Channel.values)
    assert set(synthetic.CONTACT_METHODS) == set(ContactMethod.values)
    assert set(synthetic.CONVERSATION_HOWS) == set(ConversationHow.values)
    assert set(synthetic.ENDINGS) <= set(Ending.values)
    assert set(synthetic.INTRODUCERS) == set(INTRODUCED_BY)
    assert set(synthetic.AGENCY_MIX) == set(AGENCY_KINDS)
    assert set(synthetic.ETHNIC_MIX) == set(ETHNIC_CATEGORIES)
    assert set(synthetic.GENDER_MIX) <= set(GENDER_IDENTITIES)


@pytest.mark.smoke
@pytest.mark.django_db
def test_the_borough_command_loads_a_borough_into_an_empty_database() -> None:
    expected = synthetic.make_borough(seed=3, today=dt.date(2026, 11, 23), people=300)

    printed = load()

    assert Team.objects.count() == 4
    assert StaffMember.objects.count() == len(expected.staff)
    assert Person.objects.count() == 300
    assert Introduction.objects.count() == len(expected.introductions)
    assert Conversation.objects.count() == len(expected.conversations)
    assert SupportPeriod.objects.count() == len(expected.support_periods)
    assert Introduction.objects.filter(status__in=["waiting", "picked-up"]).exists()
    assert not Introduction.objects.filter(status="landed").exists()
    # Every staff member can sign in with a second factor; nobody key-works as an administrator.
    assert TOTPDevice.objects.filter(confirmed=True).count() == len(expected.staff)
    assert not SupportPeriod.objects.filter(key_worker__role=StaffRole.ADMINISTRATOR).exists()
    assert not (
        Person.objects.annotate(
            open_periods=Count("support_periods", filter=Q(support_periods__ended_on=None))
        )
        .filter(open_periods__gt=1)
        .exists()
    )
    # Every person's record begins with the loader's entry in the access log.
    assert AccessLogEntry.objects.count() == 300
    assert (
        AccessLogEntry.objects.filter(
            action="create",
            actor=None,
            actor_description="Synthetic borough loader",
            why="Loading synthetic data",
        ).count()
        == 300
    )
    assert "living-well-demo" in printed
    assert "otpauth://totp/" in printed
    assert "Get the current security code with: livingwell security-code USERNAME" in printed


@pytest.mark.django_db
def test_records_made_after_loading_get_new_ids() -> None:
    load()

    team = Team.objects.create(name="A fifth team")
    person = Person.objects.create(team=team, given_name="Ada")

    assert team.pk == 5
    assert person.pk == 301


@pytest.mark.django_db
def test_if_empty_does_nothing_the_second_time() -> None:
    load()
    counts = (Team.objects.count(), Person.objects.count(), Introduction.objects.count())

    printed = load("--if-empty")

    assert (Team.objects.count(), Person.objects.count(), Introduction.objects.count()) == counts
    assert get_user_model().objects.count() == StaffMember.objects.count()
    assert "otpauth://totp/" in printed


@pytest.mark.django_db
def test_loading_into_a_database_with_teams_is_refused() -> None:
    load()

    with pytest.raises(CommandError, match="--if-empty"):
        load()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_authenticator_keys() -> None:
    load()

    device = TOTPDevice.objects.get(user__username="sam")

    assert device.key == synthetic.totp_key_for(seed=3, username="sam")
