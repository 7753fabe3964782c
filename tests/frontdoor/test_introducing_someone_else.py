"""Introducing someone else: the introducer leaves a way to reply, the person's own contact details may
be left empty, and "What happens next" speaks to the person who filled in the form (rule 1)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.frontdoor.models import Introduction
from livingwell.team.models import Team
from tests.frontdoor.test_front_door import self_introduction

pytestmark = pytest.mark.django_db


def someone_else_introduction(**overrides: Any) -> dict[str, Any]:
    """A family member introducing her brother, who does not know yet, with none of his details."""
    data = {
        "submission_token": str(uuid.uuid4()),
        "introducer_name": "Grace Mensah",
        "introduced_by": "family",
        "introducer_organisation": "",
        "introducer_phone": "07700 900456",
        "introducer_email": "",
        "given_name": "Kofi",
        "family_name": "Mensah",
        "date_of_birth[day]": "3",
        "date_of_birth[month]": "9",
        "date_of_birth[year]": "1991",
        "person_knows": "no",
        "what_matters": "My brother has stopped going out.",
        "contact_method": "",
        "phone": "",
        "email": "",
        "best_time": "",
        "may_leave_message": "",
        "postcode": "SE1 7AA",
    }
    data.update(overrides)
    return data


def send(client: Client, **overrides: Any) -> Any:
    return client.post(
        reverse("introduce-someone-else"), someone_else_introduction(**overrides), follow=True
    )


# --- What the form needs -----------------------------------------------------------------------


def test_a_family_member_can_introduce_someone_who_does_not_know_yet_without_their_details(
    client: Client, team: Team
) -> None:
    response = send(client)

    assert response.redirect_chain[-1][0] == reverse("what-happens-next")
    introduction = Introduction.objects.get()
    assert introduction.person_knows is False
    assert introduction.introducer_phone == "07700 900456"
    assert introduction.contact_method == ""
    assert (introduction.person.phone, introduction.person.email) == ("", "")


def test_choosing_how_to_reach_them_does_not_ask_for_their_details_when_they_do_not_know(
    client: Client, team: Team
) -> None:
    send(client, contact_method="phone")
    assert Introduction.objects.get().contact_method == "phone"


def test_someone_who_knows_can_be_introduced_with_only_the_introducers_details(
    client: Client, team: Team
) -> None:
    """We can still get in touch: with the introducer first, to find the best way to reach them."""
    send(client, person_knows="yes", contact_method="phone", introducer_phone="")
    assert Introduction.objects.count() == 0, "the introducer must leave a way to reply"

    send(client, person_knows="yes", introducer_phone="", introducer_email="grace@example.com")
    introduction = Introduction.objects.get()
    assert introduction.person_knows is True
    assert introduction.introducer_email == "grace@example.com"


def test_their_details_are_kept_when_given(client: Client, team: Team) -> None:
    send(client, person_knows="yes", contact_method="text", phone="07700 900789")
    introduction = Introduction.objects.get()
    assert introduction.contact_method == "text"
    assert introduction.person.phone == "07700 900789"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"introducer_phone": "", "introducer_email": ""},
            "Enter your phone number or email address, so we can reply",
        ),
        ({"introducer_phone": "call me"}, "Enter your phone number, like 07700 900 982"),
        (
            {"introducer_email": "grace-at-home"},
            "Enter your email address in the correct format, like name@example.com",
        ),
        ({"introducer_name": ""}, "Enter your name"),
        ({"introduced_by": ""}, "Choose how you know them"),
        ({"person_knows": ""}, "Tell us if they know you are contacting us"),
        ({"given_name": ""}, "Enter a first name"),
        ({"phone": "not a number"}, "Enter a phone number, like 07700 900 982"),
        (
            # They know, and we have their email but not the phone number asked for.
            {"person_knows": "yes", "contact_method": "phone", "email": "kofi@example.com"},
            "Enter their phone number, so we can get in touch",
        ),
        (
            {"person_knows": "yes", "contact_method": "email", "phone": "07700 900789"},
            "Enter their email address, so we can get in touch",
        ),
    ],
)
def test_a_mistake_gets_the_error_summary_and_keeps_everything_typed(
    client: Client, team: Team, overrides: dict[str, str], message: str
) -> None:
    data = someone_else_introduction(best_time="Évenings after 6 – not Tuesdays", **overrides)
    response = client.post(reverse("introduce-someone-else"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in page
    assert "<title>Error: " in page
    assert message in page
    assert page.count(message) == 2, "in the error summary and beside the field"
    assert "Évenings after 6 – not Tuesdays" in page, "what they typed is kept"
    assert "My brother has stopped going out." in page
    for name in ("introducer_name", "introducer_phone", "given_name", "family_name", "postcode"):
        if name not in overrides:
            assert f'value="{data[name]}"' in page, f"{name} is kept"
    assert f'value="{data["submission_token"]}"' in page, "sending again is the same form"
    assert Introduction.objects.count() == 0, "nothing half-written is saved"


def test_the_mismatch_message_is_not_given_when_they_do_not_know(
    client: Client, team: Team
) -> None:
    send(client, person_knows="no", contact_method="phone", email="kofi@example.com")
    assert Introduction.objects.get().person.email == "kofi@example.com"


def test_the_form_says_which_of_their_details_are_optional_and_why(
    client: Client, team: Team
) -> None:
    page = client.get(reverse("introduce-someone-else")).content.decode()
    assert "How should we get in touch with them? (optional)" in page
    assert "Their phone number (optional)" in page
    assert "Their email address (optional)" in page
    assert "You can leave this part empty if they do not know yet" in page


def test_introducing_yourself_still_needs_a_way_to_get_in_touch(client: Client, team: Team) -> None:
    page = client.post(reverse("introduce-yourself"), self_introduction(phone="")).content.decode()
    assert "Enter your phone number, so we can get in touch" in page
    assert "(optional)" not in page.split("How should we get in touch with you?")[1][:40]
    assert Introduction.objects.count() == 0


# --- What happens next, for the person who filled in the form ---------------------------------------


def what_happens_next(response: Any) -> str:
    assert response.redirect_chain[-1][0] == reverse("what-happens-next")
    return str(response.content.decode())


def test_a_family_member_is_told_we_will_talk_with_them_before_we_contact_someone_who_does_not_know(
    client: Client, team: Team
) -> None:
    page = what_happens_next(send(client))

    introduction = Introduction.objects.get()
    assert introduction.reference in page
    assert "We will get in touch with you first, at 07700 900456." in page
    assert (
        "We will talk with you before we contact Kofi, unless we are worried that Kofi is not safe."
        in page
    )
    assert "in the way you asked" not in page, "that is for someone introducing themselves"
    assert "If another service would suit Kofi better" in page


def test_a_family_member_is_told_we_will_reach_someone_who_knows_in_the_way_they_asked(
    client: Client, team: Team
) -> None:
    page = what_happens_next(
        send(
            client,
            person_knows="yes",
            contact_method="phone",
            phone="07700 900789",
            introducer_phone="",
            introducer_email="grace@example.com",
        )
    )
    assert "We will get in touch with Kofi in the way you asked." in page
    assert "If we need to ask you something, we will contact you at grace@example.com." in page
    assert "We will not contact Kofi" not in page


def test_without_their_details_a_family_member_is_told_we_will_ask_them_how_to_reach_them(
    client: Client, team: Team
) -> None:
    page = what_happens_next(send(client, person_knows="yes", introducer_email="grace@example.com"))
    assert (
        "We will get in touch with you first, at 07700 900456 or grace@example.com, "
        "to find the best way to reach Kofi." in page
    )


def test_someone_introducing_themselves_is_told_what_they_were_told_before(
    client: Client, team: Team
) -> None:
    response = client.post(reverse("introduce-yourself"), self_introduction(), follow=True)
    page = what_happens_next(response)
    assert "They will get in touch in the way you asked." in page
    assert "You will talk together about what matters and what might help." in page
    assert "get in touch with you first" not in page


def test_what_happens_next_shows_only_what_the_visitor_typed_never_the_record(
    client: Client, team: Team
) -> None:
    send(client)
    introduction = Introduction.objects.get()
    # The team may change or join the record: the page speaks only of what this visitor typed.
    introduction.person.given_name = "Kwame"
    introduction.person.save(update_fields=["given_name"])
    Introduction.objects.filter(pk=introduction.pk).update(introducer_phone="07700 900999")

    page = client.get(reverse("what-happens-next")).content.decode()
    assert "Kofi" in page
    assert "07700 900456" in page
    assert "Kwame" not in page
    assert "07700 900999" not in page


def test_another_visitor_sees_nothing_of_an_introduction_they_did_not_send(
    client: Client, team: Team
) -> None:
    send(client)
    page = Client().get(reverse("what-happens-next")).content.decode()
    assert Introduction.objects.get().reference not in page
    assert "Kofi" not in page
    assert "07700 900456" not in page
    assert "Someone from our team will read your message within 1 working day." in page


def test_a_robot_that_fills_the_hidden_field_is_told_nothing_of_an_earlier_sending(
    client: Client, team: Team
) -> None:
    send(client)
    response = send(client, homepage="https://spam.example")
    page = what_happens_next(response)
    assert "Kofi" not in page
    assert Introduction.objects.count() == 1
