"""Issue 11: a partner's adviser searches what is shared with them, and sees what is new since they last
looked: someone who started sharing, or changed what they share, after the adviser's last look."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access.models import SHARED_LIST, AccessLogEntry
from livingwell.network.models import OrganisationMember
from livingwell.people.models import Person, SharingChoice
from livingwell.team.models import Team
from tests.conftest import sign_in_partner
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def shares_with(person: Person, partner: OrganisationMember, *, at: dt.datetime) -> None:
    SharingChoice.objects.update_or_create(
        person=person,
        organisation=partner.organisation,
        defaults={"parts": ["plan"], "decided_at": at, "decided_by": person.given_name},
    )


def test_an_adviser_finds_someone_by_name(
    client: Client, partner: OrganisationMember, team: Team
) -> None:
    ada = PersonFactory.create(team=team, given_name="Ada", family_name="Mensah")
    bea = PersonFactory.create(team=team, given_name="Bea", family_name="Okoro")
    for person in (ada, bea):
        shares_with(person, partner, at=timezone.now())
    adviser = sign_in_partner(client, partner)
    page = adviser.get(reverse("shared"), {"q": "mens"}).content.decode()
    assert ">Ada Mensah</a>" in page
    assert ">Bea Okoro</a>" not in page
    assert 'value="mens"' in page
    assert "1 person found" in page
    logged = AccessLogEntry.objects.filter(what=SHARED_LIST)
    assert set(logged.values_list("person_id", flat=True)) == {ada.pk}, "only names shown"


def test_what_is_new_since_the_last_look_is_marked(
    client: Client, partner: OrganisationMember, team: Team
) -> None:
    ada = PersonFactory.create(team=team, given_name="Ada", family_name="Mensah")
    bea = PersonFactory.create(team=team, given_name="Bea", family_name="Okoro")
    shares_with(ada, partner, at=timezone.now() - dt.timedelta(days=3))
    adviser = sign_in_partner(client, partner)
    first = adviser.get(reverse("shared")).content.decode()
    assert first.count("New since you last looked") == 1, "on a first look, everything is new"

    AccessLogEntry.objects.filter(what=SHARED_LIST).update(
        last_at=timezone.now() - dt.timedelta(days=1), at=timezone.now() - dt.timedelta(days=1)
    )
    shares_with(bea, partner, at=timezone.now())
    second = adviser.get(reverse("shared")).content.decode()
    assert second.count("New since you last looked") == 1
    bea_at = second.index(">Bea Okoro</a>")
    assert "New since you last looked" in second[bea_at : bea_at + 300]
