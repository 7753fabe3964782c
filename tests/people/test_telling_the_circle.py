"""A message to someone in the person's circle, through the outbox: when the person shares more
with them and chooses to tell them. It says exactly what the form quoted, never what was shared."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.outbox.models import Channel, Message
from livingwell.people.models import CircleMember, Person, SharingChoice
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOLD = "Ada has chosen to share more with you on Living Well. Sign in to see it"


@pytest.fixture
def kofi(carer: CircleMember) -> CircleMember:
    assert carer.user is not None
    carer.user.email = "kofi@example.com"
    carer.user.save(update_fields=["email"])
    return carer


def _change(client: Client, member: CircleMember, data: dict[str, Any]) -> Any:
    return client.post(reverse("my-sharing-change", args=["circle", member.pk]), data)


def test_sharing_more_and_choosing_to_tell_them_sends_one_message_that_says_only_that(
    person: Person, person_user: Any, kofi: CircleMember, key_worker: StaffMember
) -> None:
    client = sign_in_person(Client(), person_user)
    form = client.get(reverse("my-sharing-change", args=["circle", kofi.pk])).content.decode()
    assert "Send Kofi Mensah a message" in form
    assert TOLD in form  # the form quotes what the message says

    response = _change(client, kofi, {"parts": ["goals", "crisis"], "tell": "on"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.circle_member == kofi
    assert message.person == person
    assert (message.channel, message.to) == (Channel.EMAIL, "kofi@example.com")
    assert message.to_name == "Kofi Mensah"
    assert TOLD in message.body
    said = (message.subject + message.body).lower()
    # what was shared stays on the pages
    assert "goal" not in said
    assert "crisis" not in said
    assert "We have sent Kofi Mensah a message" in client.get(response.url).content.decode()

    outbox = sign_in(Client(), key_worker).get(reverse("outbox")).content.decode()
    assert "Ada Mensah</a>, to Kofi Mensah in their circle: they were told" in outbox


def test_without_choosing_to_tell_them_or_with_nothing_new_no_message_is_written(
    person: Person, person_user: Any, kofi: CircleMember
) -> None:
    client = sign_in_person(Client(), person_user)
    _change(client, kofi, {"parts": ["goals"]})
    assert SharingChoice.objects.get(circle_member=kofi).parts == ["goals"]
    assert not Message.objects.exists()

    # sharing less, or the same, is never told
    response = _change(client, kofi, {"parts": [], "tell": "on"})
    assert SharingChoice.objects.get(circle_member=kofi).parts == []
    assert not Message.objects.exists()
    page = client.get(response.url).content.decode()
    assert "No message was sent: you are not sharing anything new with Kofi Mensah" in page


def test_someone_without_an_account_or_an_address_is_not_offered_a_message(
    person: Person, person_user: Any, kofi: CircleMember
) -> None:
    no_account = CircleMember.objects.create(
        person=person, name="Efua Mensah", relationship="MTH", email="efua@example.com"
    )
    no_address = CircleMember.objects.create(
        person=person,
        name="Yaw Mensah",
        relationship="SIB",
        user=UserFactory.create(username="yaw"),
    )
    client = sign_in_person(Client(), person_user)
    for member in (no_account, no_address):
        form = client.get(reverse("my-sharing-change", args=["circle", member.pk]))
        assert "a message" not in form.content.decode()
        _change(client, member, {"parts": ["goals"], "tell": "on"})
        assert SharingChoice.objects.get(circle_member=member).parts == ["goals"]
    assert not Message.objects.exists()
