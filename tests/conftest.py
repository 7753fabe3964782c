"""Shared fixtures. The personas are the people every permission test thinks about."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.people.models import Person
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PersonFactory, StaffMemberFactory, TeamFactory


@pytest.fixture
def team() -> Team:
    return TeamFactory(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def other_team() -> Team:
    return TeamFactory(name="South", postcode_districts="SW2, SW9")


@pytest.fixture
def key_worker(team: Team) -> StaffMember:
    return StaffMemberFactory(team=team, name="Amara Okafor", role=StaffRole.PEER_WORKER)


@pytest.fixture
def colleague(team: Team) -> StaffMember:
    """Another member of the same team: shared responsibility means they can act too."""
    return StaffMemberFactory(team=team, name="Dev Sharma", role=StaffRole.HOUSING_WORKER)


@pytest.fixture
def other_team_member(other_team: Team) -> StaffMember:
    return StaffMemberFactory(team=other_team, name="Jo Evans", role=StaffRole.SUPPORT_WORKER)


@pytest.fixture
def person(team: Team) -> Person:
    return PersonFactory(team=team, given_name="Ada", family_name="Mensah")


def sign_in(client: Client, member: StaffMember) -> Client:
    """Sign a staff member in with both factors, as the sign-in pages would."""
    client.force_login(member.user, backend="livingwell.team.backends.StaffBackend")
    device = TOTPDevice.objects.get(user=member.user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def key_worker_client(client: Client, key_worker: StaffMember) -> Client:
    return sign_in(client, key_worker)
