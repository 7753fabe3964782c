"""Starting support and naming a key worker (relational rule 7: a key worker for each person)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.codes.people import format_nhs_number, nhs_number_is_valid
from livingwell.core.errors import Refused
from livingwell.people import services
from livingwell.people.models import Person, SupportPeriod
from livingwell.team.models import StaffMember, StaffRole
from tests.conftest import team_record
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9000000009", True),
        ("9990000018", True),
        ("999 000 0018", True),
        ("9990000019", False),
        ("123", False),
        ("99900000AB", False),
        ("", False),
    ],
)
def test_nhs_numbers_are_checked_with_modulus_11(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


def test_nhs_numbers_are_shown_in_three_groups() -> None:
    assert format_nhs_number("9990000018") == "999 000 0018"


def start_form(key_worker: StaffMember, day: dt.date) -> dict[str, str]:
    return {
        "key_worker": str(key_worker.pk),
        "started_on[day]": str(day.day),
        "started_on[month]": str(day.month),
        "started_on[year]": str(day.year),
    }


def test_a_key_worker_is_named_when_support_starts(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember, person: Person
) -> None:
    response = key_worker_client.post(
        reverse("support-start", args=[person.pk]), start_form(colleague, timezone.localdate())
    )
    assert response.status_code == 302
    period = SupportPeriod.objects.get(person=person)
    assert period.key_worker == colleague
    assert period.ended_on is None
    page = key_worker_client.get(reverse("person", args=[person.pk])).content.decode()
    assert f"Key worker: <strong>{colleague.name}</strong>" in page


def test_the_key_worker_can_be_changed_by_anyone_on_the_team(
    key_worker_client: Client, key_worker: StaffMember, colleague: StaffMember, person: Person
) -> None:
    services.support_start(
        team_record(key_worker, person), key_worker=key_worker, started_on=timezone.localdate()
    )
    key_worker_client.post(
        reverse("key-worker-change", args=[person.pk]), {"key_worker": colleague.pk}
    )
    assert SupportPeriod.objects.get(person=person).key_worker == colleague


def test_a_key_worker_from_another_team_is_not_offered(
    key_worker_client: Client, other_team_member: StaffMember, person: Person
) -> None:
    response = key_worker_client.post(
        reverse("support-start", args=[person.pk]),
        start_form(other_team_member, timezone.localdate()),
    )
    assert "Choose a key worker from the list" in response.content.decode()
    assert not SupportPeriod.objects.exists()


def test_an_administrator_is_not_a_key_worker(key_worker: StaffMember, person: Person) -> None:
    admin = StaffMemberFactory.create(team=person.team, role=StaffRole.ADMINISTRATOR)
    with pytest.raises(Refused, match="not an administrator"):
        services.support_start(
            team_record(key_worker, person), key_worker=admin, started_on=timezone.localdate()
        )


def test_a_person_has_one_open_period_of_support_at_a_time(
    key_worker: StaffMember, person: Person
) -> None:
    services.support_start(
        team_record(key_worker, person), key_worker=key_worker, started_on=timezone.localdate()
    )
    with pytest.raises(Refused, match="already being supported"):
        services.support_start(
            team_record(key_worker, person), key_worker=key_worker, started_on=timezone.localdate()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPeriod.objects.create(
            person=person, team=person.team, key_worker=key_worker, started_on=timezone.localdate()
        )


def test_an_ending_needs_both_a_date_and_how_it_ended(
    key_worker: StaffMember, person: Person
) -> None:
    period = services.support_start(
        team_record(key_worker, person), key_worker=key_worker, started_on=dt.date(2026, 1, 5)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPeriod.objects.filter(pk=period.pk).update(ended_on=dt.date(2026, 3, 1))
    SupportPeriod.objects.filter(pk=period.pk).update(ended_on=dt.date(2026, 3, 1), ending="agreed")


def test_a_start_date_in_the_future_is_refused_with_a_message(
    key_worker_client: Client, key_worker: StaffMember, person: Person
) -> None:
    response = key_worker_client.post(
        reverse("support-start", args=[person.pk]),
        start_form(key_worker, timezone.localdate() + dt.timedelta(days=3)),
    )
    assert "The start date must be today or in the past" in response.content.decode()


def test_a_record_with_no_introduction_says_so(key_worker_client: Client, person: Person) -> None:
    page = key_worker_client.get(reverse("person", args=[person.pk])).content.decode()
    after = page[page.index("<h2>Introductions</h2>") :]
    assert "None." in after[: after.index("<h2>", 1)]
