"""People and carers who forget their password get a link by email and choose a new one.

It is Django's own flow (a one-time link signed with the account's password), on our pages. The page
never says whether there is an account with an email address. Work accounts (staff and partners)
are never sent a link: their team lead resets them, with their security code.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember, Person
from livingwell.team.models import StaffMember
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "harbour lantern pebble autumn"
SENT = "If there is an account with that email address, we have sent a link"


@pytest.fixture
def ada_user(person: Person) -> User:
    user = UserFactory.create(username="ada@example.com", email="ada@example.com")
    person.user = user
    person.save(update_fields=["user"])
    return user


def ask_for_a_link(client: Client, email: str) -> str:
    response = client.post(reverse("password-reset"), {"email": email}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("password-reset-sent")
    return response.content.decode()


def the_link(mail: list[EmailMessage]) -> str:
    assert len(mail) == 1
    found = re.search(r"http://testserver(/\S+/)", str(mail[0].body))
    assert found is not None, mail[0].body
    return found.group(1)


def link_for(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password-reset-confirm", kwargs={"uidb64": uid, "token": token})


def choose(client: Client, link: str, password: str, again: str | None = None) -> Any:
    form = client.get(link, follow=True)
    address = form.redirect_chain[-1][0] if form.redirect_chain else link
    return client.post(
        address, {"password": password, "password_again": password if again is None else again}
    )


def signs_in(email: str, password: str) -> bool:
    response = Client().post(reverse("sign-in"), {"username": email, "password": password})
    return response.status_code == 302


def test_the_person_sign_in_page_links_to_forgotten_password() -> None:
    page = Client().get(reverse("sign-in")).content.decode()
    assert f'href="{reverse("password-reset")}">Forgotten your password?</a>' in page


def test_a_person_gets_a_link_by_email_and_signs_in_with_their_new_password(
    ada_user: User, mailoutbox: list[EmailMessage]
) -> None:
    client = Client()
    page = ask_for_a_link(client, "Ada@Example.com ")
    assert SENT in page
    assert mailoutbox[0].to == ["ada@example.com"]
    assert "Living Well" in str(mailoutbox[0].subject)

    response = choose(client, the_link(mailoutbox), NEW_PASSWORD)

    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "<h1>Your password has been changed</h1>" in done
    assert f'href="{reverse("sign-in")}"' in done
    assert signs_in("ada@example.com", NEW_PASSWORD)
    assert not signs_in("ada@example.com", PASSWORD)


def test_a_carer_can_choose_a_new_password_too(
    carer: CircleMember, mailoutbox: list[EmailMessage]
) -> None:
    assert carer.user is not None
    get_user_model().objects.filter(pk=carer.user.pk).update(email="kofi@example.com")
    client = Client()
    ask_for_a_link(client, "kofi@example.com")
    choose(client, the_link(mailoutbox), NEW_PASSWORD)
    assert signs_in("kofi@example.com", NEW_PASSWORD)


def test_the_page_says_the_same_whether_or_not_there_is_an_account(
    ada_user: User, mailoutbox: list[EmailMessage]
) -> None:
    someone = ask_for_a_link(Client(), "ada@example.com")
    nobody = ask_for_a_link(Client(), "nobody@example.com")
    assert SENT in nobody
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')
    assert strip.sub("", someone) == strip.sub("", nobody)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("kind", ["staff", "partner"])
def test_a_work_account_is_never_sent_a_link(
    kind: str,
    key_worker: StaffMember,
    partner: OrganisationMember,
    mailoutbox: list[EmailMessage],
) -> None:
    user = key_worker.user if kind == "staff" else partner.user
    user.email = "work@example.com"
    user.save(update_fields=["email"])

    page = ask_for_a_link(Client(), "work@example.com")

    assert SENT in page
    assert mailoutbox == []


def test_a_link_for_a_work_account_does_not_work(key_worker: StaffMember) -> None:
    response = choose(Client(), link_for(key_worker.user), NEW_PASSWORD)
    assert "<h1>This link does not work</h1>" in response.content.decode()
    key_worker.user.refresh_from_db()
    assert key_worker.user.check_password(PASSWORD)


def test_a_link_works_only_once(ada_user: User) -> None:
    link = link_for(ada_user)
    choose(Client(), link, NEW_PASSWORD)

    page = Client().get(link, follow=True).content.decode()

    assert "<h1>This link does not work</h1>" in page
    assert f'href="{reverse("password-reset")}"' in page, "they can ask for a new one"


def test_a_broken_link_says_what_to_do() -> None:
    link = reverse("password-reset-confirm", kwargs={"uidb64": "MTIz", "token": "made-up"})
    response = Client().get(link)
    page = response.content.decode()
    assert "<h1>This link does not work</h1>" in page
    assert "Page not found" not in page


def test_an_email_in_the_wrong_format_is_explained_and_kept(
    mailoutbox: list[EmailMessage],
) -> None:
    response = Client().post(reverse("password-reset"), {"email": "ada.example.com"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'value="ada.example.com"' in page
    assert "<title>Error: " in page
    assert mailoutbox == []


def test_no_email_address_says_what_to_do() -> None:
    page = Client().post(reverse("password-reset"), {"email": ""}).content.decode()
    assert "Enter your email address" in page


@pytest.mark.parametrize(
    ("password", "again", "message"),
    [
        ("short", "short", "Your password must be at least 12 characters long"),
        ("password1234", "password1234", "This password is too easy to guess"),
        ("1234567890123", "1234567890123", "This password is too easy to guess"),
        (NEW_PASSWORD, "something else", "The passwords do not match. Type them again"),
        ("", "", "Enter a password"),
    ],
)
def test_a_new_password_follows_the_same_rules_as_a_new_account(
    ada_user: User, password: str, again: str, message: str
) -> None:
    response = choose(Client(), link_for(ada_user), password, again)

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    ada_user.refresh_from_db()
    assert ada_user.check_password(PASSWORD)


def test_a_mistake_leaves_the_link_working(ada_user: User) -> None:
    client = Client()
    link = link_for(ada_user)
    choose(client, link, "short")
    response = choose(client, link, NEW_PASSWORD)
    assert response.status_code == 302
    assert signs_in("ada@example.com", NEW_PASSWORD)
