"""Shared fixtures. The personas are the people every permission test thinks about."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.access import policy
from livingwell.access.policy import Record
from livingwell.codes.record import Part, Relation
from livingwell.network.models import Organisation, OrganisationMember, Service
from livingwell.people.models import CircleMember, Person
from livingwell.team.models import StaffMember, StaffRole, Team
from tests.factories import PersonFactory, StaffMemberFactory, TeamFactory, UserFactory


@pytest.fixture
def team() -> Team:
    return TeamFactory.create(name="North", postcode_districts="SE1, SE11")


@pytest.fixture
def other_team() -> Team:
    return TeamFactory.create(name="South", postcode_districts="SW2, SW9")


@pytest.fixture
def key_worker(team: Team) -> StaffMember:
    return StaffMemberFactory.create(team=team, name="Amara Okafor", role=StaffRole.PEER_WORKER)


@pytest.fixture
def colleague(team: Team) -> StaffMember:
    """Another member of the same team: shared responsibility means they can act too."""
    return StaffMemberFactory.create(team=team, name="Dev Sharma", role=StaffRole.HOUSING_WORKER)


@pytest.fixture
def other_team_member(other_team: Team) -> StaffMember:
    return StaffMemberFactory.create(
        team=other_team, name="Jo Evans", role=StaffRole.SUPPORT_WORKER
    )


@pytest.fixture
def person(team: Team) -> Person:
    return PersonFactory.create(team=team, given_name="Ada", family_name="Mensah")


def team_record(member: StaffMember, person: Person, part: Part = Part.SUPPORT) -> Record:
    """The record as the team member's pages get it from the access policy, for calling a service.

    Their user is marked as having given their security code, as django-otp marks a signed-in session."""
    user = member.user
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    # Not logged as a look: the test is about what the service changes and logs.
    return policy.record_for(
        user, person.pk, part=part, why="Test", only=Relation.TEAM, answer_logs_itself=True
    )


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


# --- The person, their circle, a partner organisation and a stranger -------------------------------


def sign_in_person(client: Client, user: Any) -> Client:
    """A person or carer signs in with their password alone (no security code), as /sign-in/ does."""
    client.force_login(user, backend="livingwell.team.backends.StaffBackend")
    return client


@pytest.fixture
def person_user(person: Person) -> Any:
    user = UserFactory.create(username="ada.mensah@example.com")
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def carer(person: Person) -> CircleMember:
    return CircleMember.objects.create(
        person=person,
        name="Kofi Mensah",
        relationship="SIB",
        is_carer=True,
        user=UserFactory.create(username="kofi@example.com"),
    )


@pytest.fixture
def carer_without_consent(person: Person) -> CircleMember:
    """In the circle, with an account, but the person shares nothing with them."""
    return CircleMember.objects.create(
        person=person,
        name="Efua Mensah",
        relationship="MTH",
        is_carer=True,
        user=UserFactory.create(username="efua@example.com"),
    )


@pytest.fixture
def partner_organisation() -> Organisation:
    return Organisation.objects.create(name="Brixton Housing Advice", kind="housing")


@pytest.fixture
def partner(partner_organisation: Organisation) -> OrganisationMember:
    user = UserFactory.create(username="lee")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return OrganisationMember.objects.create(
        user=user, organisation=partner_organisation, name="Lee Turner", job="Housing adviser"
    )


@pytest.fixture
def group(partner_organisation: Organisation) -> Service:
    """A service of the partner's organisation in the directory that takes warm introductions."""
    return Service.objects.create(
        organisation=partner_organisation,
        name="Tuesday peer support group",
        warm_introductions=True,
        introductions_to="Sam Adeyemi",
        last_modified=timezone.now(),
    )


def sign_in_partner(client: Client, partner: OrganisationMember) -> Client:
    client.force_login(partner.user, backend="livingwell.team.backends.StaffBackend")
    device = TOTPDevice.objects.get(user=partner.user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def stranger() -> Any:
    """Signed in, but nothing to do with the person."""
    return UserFactory.create(username="stranger@example.com")


@pytest.fixture(autouse=True)
def placeholder_wording(settings: Any) -> None:
    """The tests ask questionnaires in placeholder wording, as the demo does: no site's licence."""
    settings.LIVINGWELL_PLACEHOLDER_WORDING = True
