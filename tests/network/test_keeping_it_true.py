"""Keeping the directory true: a partner's members change their own organisation's entries and
nobody else's, staff change any, every change is kept with who and when, entries not checked for
six months are listed, and staff add a community place in a minute."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from livingwell.network.models import (
    EntryChange,
    Organisation,
    OrganisationMember,
    Schedule,
    Service,
)
from livingwell.network.services import ServiceDetails, details_of, service_change
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_service(partner_organisation: Organisation) -> Service:
    service = Service.objects.create(
        organisation=partner_organisation,
        name="Housing advice drop-in",
        description="Help with rent arrears and repairs.",
        last_modified=timezone.now(),
    )
    service_change(actor="The directory's first load", service=service, details=details_of(service))
    return service


@pytest.fixture
def others_service() -> Service:
    other = Organisation.objects.create(name="Streatham Food Bank", kind="voluntary-community")
    return Service.objects.create(
        organisation=other, name="Food bank", last_modified=timezone.now()
    )


def form_of(service: Service, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": service.name,
        "description": service.description,
        "who_for": "",
        "status": "active",
        "walk_in": "yes",
        "warm_introductions": "no",
        "introductions_to": "",
        "url": "",
        "email": "",
        "fees": "",
        "minimum_age": "",
        "maximum_age": "",
        "domains": ["housing"],
        "kinds": ["housing-advice"],
        "days_0": ["MO", "WE"],
        "opens_0": "10:00",
        "closes_0": "16:00",
    }
    data.update(changes)
    return data


def test_a_partner_changes_their_own_entrys_opening_times_and_it_is_kept_with_who_and_when(
    client: Client, partner: OrganisationMember, own_service: Service
) -> None:
    sign_in_partner(client, partner)
    url = f"/directory/services/{own_service.id}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, form_of(own_service, days_0=["TU", "TH"], opens_0="9.30", closes_0="13:00")
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get(service=own_service)
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "TU,TH",
        dt.time(9, 30),
        dt.time(13),
    )
    change = EntryChange.objects.filter(service=own_service).order_by("-at", "-id").first()
    assert change is not None
    assert change.what == "changed"
    assert change.by == partner.user
    assert change.by_name == "Lee Turner, Housing adviser, Brixton Housing Advice"
    assert change.fields["opening_times"] == [[], ["TU,TH 09:30-13:00"]]
    own_service.refresh_from_db()
    assert own_service.last_checked_by == partner.user
    page = client.get(f"/directory/services/{own_service.id}/").content.decode()
    assert "Tuesdays and Thursdays, 9:30am to 1pm" in page
    assert "Your changes to Housing advice drop-in are saved." in page


def test_a_partner_cannot_change_another_organisations_entry_it_is_not_found(
    client: Client, partner: OrganisationMember, others_service: Service
) -> None:
    sign_in_partner(client, partner)
    url = f"/directory/services/{others_service.id}/change/"
    assert client.get(url).status_code == 404
    assert client.post(url, form_of(others_service, name="Mine now")).status_code == 404
    assert client.post(f"/directory/services/{others_service.id}/check/").status_code == 404
    others_service.refresh_from_db()
    assert others_service.name == "Food bank"
    assert not EntryChange.objects.filter(service=others_service).exists()


def test_nobody_signed_out_and_no_person_or_carer_can_change_an_entry(
    client: Client, own_service: Service, person_user: Any
) -> None:
    url = f"/directory/services/{own_service.id}/change/"
    assert client.get(url).status_code == 404
    client.force_login(person_user, backend="livingwell.team.backends.StaffBackend")
    assert client.get(url).status_code == 404
    assert client.get("/directory/to-check/").status_code == 404


def test_staff_change_any_entry_and_bad_input_keeps_what_was_typed(
    client: Client, key_worker: StaffMember, others_service: Service
) -> None:
    sign_in(client, key_worker)
    url = f"/directory/services/{others_service.id}/change/"
    page = client.post(
        url,
        form_of(
            others_service, name="", opens_0="25:00", warm_introductions="yes", email="not-an-email"
        ),
    ).content.decode()
    assert "There is a problem" in page
    assert "Enter the name" in page
    assert "Enter the time it opens as hours and minutes, like 09:30" in page
    assert "Enter who takes introductions" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="25:00"' in page
    assert not EntryChange.objects.filter(service=others_service).exists()
    assert (
        client.post(url, form_of(others_service, name="Streatham Food Bank pantry")).status_code
        == 302
    )
    others_service.refresh_from_db()
    assert others_service.name == "Streatham Food Bank pantry"


def test_entries_not_checked_for_six_months_are_listed_and_checking_one_takes_it_off(
    client: Client, key_worker: StaffMember, own_service: Service, others_service: Service
) -> None:
    Service.objects.filter(pk=own_service.pk).update(
        last_checked_at=timezone.now() - dt.timedelta(days=200)
    )
    sign_in(client, key_worker)
    page = client.get("/directory/to-check/").content.decode()
    assert "Housing advice drop-in" in page
    assert "Food bank" in page  # never checked
    response = client.post(f"/directory/services/{own_service.id}/check/", {"next": "list"})
    assert response["Location"] == "/directory/to-check/"
    page = client.get("/directory/to-check/").content.decode()
    assert "Housing advice drop-in is marked as checked today" in page
    assert "Housing advice drop-in</a>" not in page
    assert EntryChange.objects.filter(
        service=own_service, what="checked", by=key_worker.user
    ).exists()


def test_staff_add_a_community_place_from_what_a_person_said(
    client: Client, key_worker: StaffMember, postcodes: int
) -> None:
    sign_in(client, key_worker)
    response = client.post(
        "/directory/add-a-place/",
        {
            "name": "Tony's Barbers",
            "what_they_said": "Tony lets people talk while he cuts their hair",
            "street": "Acre Lane",
            "postcode": "sw2 1ab",
            "contact_name": "Tony",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Tony's Barbers")
    assert service.organisation.kind == "community-place"
    assert service.walk_in
    assert service.warm_introductions
    assert service.introductions_to == "Tony"
    location = service.at_locations.get().location
    assert location.latitude is not None
    assert location.addresses.get().postal_code == "SW2 1AB"
    assert EntryChange.objects.get(service=service).what == "added"
    found = client.get("/directory/", {"q": "barber"}).content.decode()
    assert "Tony&#39;s Barbers" in found or "Tony's Barbers" in found


def test_a_partner_cannot_add_a_community_place(
    client: Client, partner: OrganisationMember
) -> None:
    sign_in_partner(client, partner)
    assert client.get("/directory/add-a-place/").status_code == 404


def test_a_service_change_with_an_unknown_domain_is_refused_and_nothing_is_saved(
    own_service: Service, key_worker: StaffMember
) -> None:
    with pytest.raises(KeyError, match="known are"):
        service_change(
            actor=key_worker.user,
            service=own_service,
            details=ServiceDetails(name="x", domains=("nonsense",)),
        )
    own_service.refresh_from_db()
    assert own_service.name == "Housing advice drop-in"


def test_saving_an_entry_keeps_its_ages_and_says_them(
    client: Client, partner: OrganisationMember, own_service: Service
) -> None:
    Service.objects.filter(pk=own_service.pk).update(minimum_age=16, maximum_age=25)
    sign_in_partner(client, partner)
    url = f"/directory/services/{own_service.id}/change/"
    page = client.get(url).content.decode()
    assert 'value="16"' in page
    assert 'value="25"' in page
    assert (
        client.post(url, form_of(own_service, minimum_age="16", maximum_age="25")).status_code
        == 302
    )
    own_service.refresh_from_db()
    assert (own_service.minimum_age, own_service.maximum_age) == (16, 25)
    refused = client.post(url, form_of(own_service, minimum_age="30", maximum_age="25"))
    assert (
        "The oldest age must be the same as or more than the youngest" in refused.content.decode()
    )
    assert "Ages 16 to 25." in client.get(f"/directory/services/{own_service.id}/").content.decode()


def test_who_takes_introductions_is_on_the_teams_page_only_and_not_searchable(
    client: Client, key_worker: StaffMember, own_service: Service
) -> None:
    details = details_of(own_service)
    service_change(
        actor=key_worker.user,
        service=own_service,
        details=ServiceDetails(
            **{
                **details.__dict__,
                "warm_introductions": True,
                "introductions_to": "Marguerite Oyelaran",
            }
        ),
    )
    public = client.get(f"/directory/services/{own_service.id}/").content.decode()
    assert "Marguerite" not in public
    assert "Marguerite" not in client.get("/directory/", {"q": "Oyelaran"}).content.decode()
    assert (
        "Housing advice drop-in"
        not in client.get("/directory/", {"q": "Oyelaran"}).content.decode()
    )
    sign_in(client, key_worker)
    team = client.get(f"/directory/services/{own_service.id}/").content.decode()
    assert "warm introduction to Marguerite Oyelaran" in team
