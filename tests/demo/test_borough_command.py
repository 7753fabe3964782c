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
from livingwell.access.policy import relation_to
from livingwell.codes.introductions import AGENCY_KINDS, INTRODUCED_BY
from livingwell.codes.people import ETHNIC_CATEGORIES, GENDER_IDENTITIES
from livingwell.codes.record import Relation
from livingwell.frontdoor.models import (
    Channel,
    ContactMethod,
    Conversation,
    ConversationHow,
    Introduction,
    IntroductionStatus,
)
from livingwell.network.models import Organisation, OrganisationMember, Postcode, Service
from livingwell.people.models import CircleMember, Ending, Person, SharingChoice, SupportPeriod
from livingwell.plans.models import DomainEntry, Goal, Plan, PlanVersion
from livingwell.plans.services import snapshot
from livingwell.synthetic import borough as synthetic
from livingwell.synthetic import directory as synthetic_directory
from livingwell.team.models import StaffMember, StaffRole, Team

LOAD = ("borough", "--people=300", "--seed=3", "--today=2026-11-23", "--quiet")
DEMO_PASSWORD = "living-well-demo"


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
    # Every staff member, and the demo partner, can sign in with a second factor; nobody key-works
    # as an administrator.
    assert TOTPDevice.objects.filter(confirmed=True).count() == len(expected.staff) + 1
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


@pytest.mark.smoke
@pytest.mark.django_db
def test_the_borough_command_loads_plans_circles_and_sharing() -> None:
    expected = synthetic.make_borough(seed=3, today=dt.date(2026, 11, 23), people=300)

    load()

    names = [o.name for o in expected.organisations]
    assert Organisation.objects.filter(name__in=names).count() == len(names)
    # And the directory of support, on the borough's postcodes: 300 services, and one for each
    # partner organisation, for its members to keep true.
    assert Service.objects.count() == 300 + len(expected.organisations)
    assert all(
        Service.objects.filter(organisation__name=o.name).exists() for o in expected.organisations
    )
    assert Postcode.objects.count() == len(synthetic_directory.postcodes(3))
    assert Plan.objects.count() == len(expected.plans)
    assert DomainEntry.objects.count() == len(expected.domain_entries)
    assert Goal.objects.count() == len(expected.goals)
    assert PlanVersion.objects.count() == len(expected.plans)
    assert CircleMember.objects.count() == len(expected.circle_members)
    assert SharingChoice.objects.count() == len(expected.sharing_choices)
    # Only people who have had support have a plan, and every plan is at its first version, whose
    # snapshot is the plan as the app itself reads it.
    assert not Plan.objects.filter(person__support_periods=None).exists()
    assert Plan.objects.filter(version=1).count() == Plan.objects.count()
    for plan in Plan.objects.prefetch_related("domains", "goals", "versions"):
        (version,) = plan.versions.all()
        assert version.number == 1
        assert version.changed_by_id is None
        assert version.changed_by_description == "Loaded synthetic data"
        assert version.summary == "First plan"
        assert version.snapshot == snapshot(plan)
    # The JSON columns hold JSON lists and objects, not strings of JSON.
    for choice in SharingChoice.objects.all():
        assert isinstance(choice.parts, list)
        assert choice.parts
    assert isinstance(PlanVersion.objects.first().snapshot, dict)  # type: ignore[union-attr]
    ended = SupportPeriod.objects.exclude(ended_on=None)
    assert ended.exclude(ending_note="").exists()
    assert not SupportPeriod.objects.filter(ended_on=None).exclude(ending_note="").exists()


@pytest.mark.django_db
def test_records_made_after_loading_plans_get_new_ids() -> None:
    load()
    person = Person.objects.filter(plan=None).first()
    assert person is not None

    plan = Plan.objects.create(person=person)
    organisation = Organisation.objects.create(name="A new partner", kind="other")
    member = CircleMember.objects.create(person=person, name="Ada Lovelace", relationship="FRND")

    assert plan.pk == Plan.objects.count()
    assert organisation.pk == Organisation.objects.count()
    assert member.pk == CircleMember.objects.count()


@pytest.mark.django_db
def test_the_demo_person_carer_and_partner_can_sign_in_and_are_linked() -> None:
    expected = synthetic.make_borough(seed=3, today=dt.date(2026, 11, 23), people=300)
    assert expected.demo_person_id is not None
    assert expected.demo_carer_id is not None

    out = io.StringIO()
    call_command(*LOAD[:-1], stdout=out, stderr=io.StringIO())  # not quiet: the whole print-out
    printed = out.getvalue()

    users = get_user_model().objects
    person = Person.objects.select_related("user").get(pk=expected.demo_person_id)
    assert person.team_id == Team.objects.order_by("pk").first().pk  # type: ignore[union-attr]
    assert person.user is not None
    assert person.user.username == person.email
    assert person.email.endswith("@example.com")
    assert person.user.check_password(DEMO_PASSWORD)
    assert person.support_periods.filter(ended_on=None).exists()
    assert Plan.objects.filter(person=person).exists()

    carer = CircleMember.objects.select_related("user").get(pk=expected.demo_carer_id)
    assert carer.person_id == person.pk
    assert carer.is_carer
    assert carer.user is not None
    assert carer.user.username == carer.email
    assert carer.user.check_password(DEMO_PASSWORD)
    assert SharingChoice.objects.get(circle_member=carer).parts == [
        "what-matters",
        "what-helps",
        "goals",
        "crisis",
        "team",
    ]

    partner = OrganisationMember.objects.select_related("user", "organisation").get()
    assert partner.user.username == "lee"
    assert partner.user.check_password(DEMO_PASSWORD)
    device = TOTPDevice.objects.get(user=partner.user, confirmed=True)
    assert device.key == synthetic.totp_key_for(seed=3, username="lee")
    sharing = SharingChoice.objects.get(person=person, organisation=partner.organisation)
    assert sharing.parts == ["about", "what-matters", "life-housing", "life-money"]
    # Nobody but staff and the three demo accounts has an account; nobody else is linked.
    assert users.count() == StaffMember.objects.count() + 3
    assert Person.objects.exclude(user=None).count() == 1
    assert CircleMember.objects.exclude(user=None).count() == 1

    # The access policy sees them as the person and as someone in their circle. (Signed in with a
    # password only: django-otp's middleware would say they have no second factor.)
    for user in (person.user, carer.user):
        user.is_verified = lambda: False  # type: ignore[attr-defined]
    relation, _, description = relation_to(person.user, person)
    assert relation is Relation.SELF
    assert description == f"{person.name} (the person)"
    relation, shared, _ = relation_to(carer.user, person)
    assert relation is Relation.CIRCLE
    assert shared == {"what-matters", "what-helps", "goals", "crisis", "team"}

    assert person.email in printed
    assert carer.email in printed
    assert "/sign-in/" in printed
    assert "/staff/sign-in/" in printed
    assert "livingwell security-code lee" in printed
    assert printed.count("otpauth://totp/") == 5  # amara, sam, jo, priya and lee


@pytest.mark.django_db
def test_the_partners_security_code_works() -> None:
    load()
    out = io.StringIO()

    call_command("security_code", "lee", stdout=out, stderr=io.StringIO())

    device = TOTPDevice.objects.get(user__username="lee")
    assert device.verify_token(out.getvalue().strip())


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
    # The staff, and the demo's person, carer and partner.
    assert get_user_model().objects.count() == StaffMember.objects.count() + 3
    assert "otpauth://totp/" in printed
    # The demo's other sign-ins are found again in the database.
    person = Person.objects.exclude(user=None).get()
    assert person.email in printed
    assert "livingwell security-code lee" in printed


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
