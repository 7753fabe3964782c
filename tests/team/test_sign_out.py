"""Signing out is one step: a button in the header of every page, for everyone who can sign in.

The button sends a form with the page's CSRF token, so it works with JavaScript off. Opening the
sign-out address (an old bookmark) never signs anyone out: it shows a page with the one button.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_partner, sign_in_person

pytestmark = pytest.mark.django_db

HEADER_FORM = re.compile(
    r'<form\s+class="nhsuk-header__account-form"[^>]*action="(?P<action>[^"]+)"[^>]*>'
    r"(?P<inside>.*?)</form>",
    re.DOTALL,
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="(?P<token>[^"]+)"')


def header(response: Any) -> str:
    page: str = response.content.decode()
    return page[page.index("<header") : page.index("</header>")]


def sign_out_form(response: Any) -> tuple[str, str]:
    """The header's sign-out form: where it posts, and the CSRF token it carries."""
    form = HEADER_FORM.search(header(response))
    assert form is not None, "the header has a sign-out form"
    assert 'method="post"' in form.group(0)
    assert re.search(r"<button[^>]*>\s*Sign out\s*</button>", form.group("inside"))
    token = TOKEN.search(form.group("inside"))
    assert token is not None, "the form carries the CSRF token"
    return form.group("action"), token.group("token")


def strict(client: Client) -> Client:
    """The same signed-in session, in a client that checks CSRF tokens as a browser's requests are."""
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    return checked


def test_staff_sign_out_in_one_step_from_the_header(key_worker: StaffMember) -> None:
    client = strict(sign_in(Client(), key_worker))
    action, token = sign_out_form(client.get(reverse("board")))
    assert action == reverse("staff-sign-out")
    assert 'href="/staff/sign-out/"' not in header(client.get(reverse("board")))

    response = client.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>You have signed out</h1>" in page
    assert f'href="{reverse("staff-sign-in")}"' in page
    assert "Sign out" not in header(response), "the header no longer shows anyone signed in"
    assert client.get(reverse("board")).status_code == 302


def test_a_person_signs_out_in_one_step_and_is_offered_their_own_sign_in(
    person_user: Any,
) -> None:
    client = strict(sign_in_person(Client(), person_user))
    action, token = sign_out_form(client.get(reverse("shared")))
    assert action == reverse("sign-out")

    response = client.post(action, {"csrfmiddlewaretoken": token})

    page = response.content.decode()
    assert "<h1>You have signed out</h1>" in page
    assert re.search(rf'<a [^>]*href="{reverse("sign-in")}"[^>]*>Sign in again</a>', page)
    assert client.get(reverse("my-home")).status_code == 302


def test_a_carer_signs_out_in_one_step(carer: CircleMember) -> None:
    client = strict(sign_in_person(Client(), carer.user))
    action, token = sign_out_form(client.get(reverse("shared")))

    client.post(action, {"csrfmiddlewaretoken": token})

    assert "_auth_user_id" not in client.session


def test_a_partner_has_sign_out_in_the_header_and_is_offered_the_staff_sign_in(
    partner: OrganisationMember,
) -> None:
    client = strict(sign_in_partner(Client(), partner))
    shared = client.get(reverse("shared"))
    assert "Lee Turner, Brixton Housing Advice" in header(shared)
    action, token = sign_out_form(shared)

    response = client.post(action, {"csrfmiddlewaretoken": token})

    page = response.content.decode()
    assert "<h1>You have signed out</h1>" in page
    assert re.search(rf'<a [^>]*href="{reverse("staff-sign-in")}"[^>]*>Sign in again</a>', page)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", ["sign-out", "staff-sign-out"])
def test_opening_the_sign_out_address_does_not_sign_out_but_offers_the_button(
    person_user: Any, name: str
) -> None:
    client = strict(sign_in_person(Client(), person_user))

    response = client.get(reverse(name))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Sign out</h1>" in page
    main = page[page.index("<main") : page.index("</main>")]
    assert len(re.findall(r'<form method="post"', main)) == 1
    assert TOKEN.search(main)
    assert "_auth_user_id" in client.session, "still signed in"
    assert client.get(reverse("shared")).status_code == 200


@pytest.mark.parametrize("name", ["sign-out", "staff-sign-out"])
def test_a_sign_out_sent_from_another_site_is_refused(person_user: Any, name: str) -> None:
    client = strict(sign_in_person(Client(), person_user))

    response = client.post(reverse(name))

    assert response.status_code == 403
    assert client.get(reverse("shared")).status_code == 200, "still signed in"


def test_the_public_header_has_no_sign_out() -> None:
    assert "Sign out" not in header(Client().get(reverse("front-door")))
