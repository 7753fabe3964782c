"""People and carers sign in; invitations work once; sharing changes take effect on the next request."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access import invitations
from livingwell.access.models import AccessLogEntry
from livingwell.core.errors import Refused
from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember, Invitation, Person, SharingChoice
from livingwell.plans.models import Goal, Plan
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_partner, sign_in_person
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kettle harbour violet spring"


def _invite(client: Client, url: str) -> str:
    page = client.post(url).content.decode()
    start = page.index("/invitation/")
    return page[start : page.index("/", start + len("/invitation/")) + 1]


def test_an_invitation_sets_up_the_persons_account_once(
    key_worker_client: Client, person: Person
) -> None:
    path = _invite(key_worker_client, reverse("person-invite", args=[person.pk]))
    visitor = Client()
    response = visitor.post(
        path,
        {"email": "Ada@Example.com", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    person.refresh_from_db()
    assert person.user is not None
    assert person.user.username == "ada@example.com"
    assert visitor.get("/my/").status_code == 200

    again = Client().get(path)
    assert again.status_code == 410
    assert "used already" in again.content.decode()


def test_only_a_hash_of_the_invitation_is_kept(key_worker_client: Client, person: Person) -> None:
    path = _invite(key_worker_client, reverse("person-invite", args=[person.pk]))
    token = path.strip("/").split("/")[-1]
    stored = Invitation.objects.get()
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_an_expired_invitation_says_so(key_worker_client: Client, person: Person) -> None:
    path = _invite(key_worker_client, reverse("person-invite", args=[person.pk]))
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_weak_or_mismatched_password_is_explained_and_the_email_kept(
    key_worker_client: Client, person: Person
) -> None:
    path = _invite(key_worker_client, reverse("person-invite", args=[person.pk]))
    short = Client().post(
        path, {"email": "ada@example.com", "password": "short", "password_again": "short"}
    )
    page = short.content.decode()
    assert "There is a problem" in page
    assert "at least 12 characters" in page
    assert 'value="ada@example.com"' in page
    different = Client().post(
        path,
        {
            "email": "ada@example.com",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD + "x",
        },
    )
    assert "The passwords do not match" in different.content.decode()
    assert not get_user_model().objects.filter(username="ada@example.com").exists()


def test_an_email_that_already_has_an_account_is_told_to_sign_in_first(
    key_worker_client: Client, person: Person, stranger: Any
) -> None:
    path = _invite(key_worker_client, reverse("person-invite", args=[person.pk]))
    response = Client().post(
        path,
        {"email": stranger.username, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert "Sign in first, then open your invitation link again" in response.content.decode()
    # Signed in, the same link adds the record to that account.
    signed_in = sign_in_person(Client(), stranger)
    assert signed_in.post(path).status_code == 302
    person.refresh_from_db()
    assert person.user_id == stranger.pk


def test_the_person_can_invite_someone_in_their_circle(person: Person, person_user: Any) -> None:
    member = CircleMember.objects.create(person=person, name="Yaw Mensah", relationship="FRND")
    client = sign_in_person(Client(), person_user)
    path = _invite(client, reverse("my-circle-invite", args=[member.pk]))
    yaw = Client()
    response = yaw.post(
        path,
        {"email": "yaw@example.com", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert response["Location"] == "/shared/"
    member.refresh_from_db()
    assert member.user is not None
    # Nothing is shared yet, so Yaw sees neither the name nor anything of the record.
    assert "Ada Mensah" not in yaw.get("/shared/").content.decode()
    assert yaw.get(reverse("shared-person", args=[person.pk])).status_code == 404


def test_people_sign_in_with_email_and_password(person_user: Any) -> None:
    client = Client()
    wrong = client.post(
        reverse("sign-in"), {"username": person_user.username, "password": "not it"}
    )
    assert "The email address or password is not right" in wrong.content.decode()
    right = client.post(
        reverse("sign-in"), {"username": person_user.username.upper(), "password": PASSWORD}
    )
    assert right.status_code == 302
    assert right["Location"] == "/my/"


def test_staff_accounts_are_sent_to_the_staff_sign_in(key_worker: StaffMember) -> None:
    response = Client().post(
        reverse("sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    assert "This is a work account" in response.content.decode()


def test_withdrawing_sharing_takes_effect_on_the_next_request(
    person: Person, person_user: Any, carer: CircleMember
) -> None:
    plan = Plan.objects.create(person=person, what_matters="My allotment", version=0)
    Goal.objects.create(plan=plan, description="Grow tomatoes", domain="belonging")
    person_client = sign_in_person(Client(), person_user)
    carer_client = sign_in_person(Client(), carer.user)
    shared = reverse("shared-person", args=[person.pk])

    assert carer_client.get(shared).status_code == 404
    person_client.post(
        reverse("my-sharing-change", args=["circle", carer.pk]), {"parts": ["goals"]}
    )
    page = carer_client.get(shared).content.decode()
    assert "Grow tomatoes" in page
    assert "My allotment" not in page  # the plan's other parts were not shared

    person_client.post(reverse("my-sharing-change", args=["circle", carer.pk]), {})
    assert SharingChoice.objects.get(circle_member=carer).parts == []
    withdrawn = carer_client.get(shared)
    assert withdrawn.status_code == 404
    assert "Grow tomatoes" not in withdrawn.content.decode()
    whats = list(AccessLogEntry.objects.filter(person=person).values_list("what", flat=True))
    assert any("what they share with Kofi Mensah: now nothing" in w for w in whats)


def test_sharing_with_someone_in_another_persons_circle_is_not_found(
    person: Person, person_user: Any, other_team: Any
) -> None:
    from tests.factories import PersonFactory

    someone_else = PersonFactory.create(team=other_team)
    their_member = CircleMember.objects.create(
        person=someone_else, name="Not Ada's", relationship="FRND"
    )
    client = sign_in_person(Client(), person_user)
    response = client.post(
        reverse("my-sharing-change", args=["circle", their_member.pk]), {"parts": ["what-matters"]}
    )
    assert response.status_code == 404
    assert not SharingChoice.objects.exists()


def test_the_person_keeps_their_contact_details_right(person: Person, person_user: Any) -> None:
    client = sign_in_person(Client(), person_user)
    bad = client.post(
        reverse("my-details-change"), {"phone": "call me", "email": "ada@example.com"}
    )
    page = bad.content.decode()
    assert "There is a problem" in page
    assert 'value="ada@example.com"' in page  # what was typed is kept
    person.refresh_from_db()
    assert person.email != "ada@example.com"

    good = client.post(
        reverse("my-details-change"),
        {"phone": "07700 900456", "email": "ada@example.com", "postcode": "se11 5aa"},
    )
    assert good["Location"] == reverse("my-record")
    person.refresh_from_db()
    assert (person.phone, person.email, person.postcode) == (
        "07700 900456",
        "ada@example.com",
        "SE11 5AA",
    )
    entry = AccessLogEntry.objects.filter(person=person, why="Keeping contact details right").get()
    assert (
        entry.what == "their contact details: phone, email, postcode"
    )  # the address did not change


def test_a_partner_sees_people_who_share_a_page_at_a_time_and_each_name_shown_is_logged(
    team: Any, partner: Any
) -> None:
    from tests.conftest import sign_in_partner
    from tests.factories import PersonFactory

    now = timezone.now()
    people = [PersonFactory.create(team=team, given_name=f"Person{n:02d}") for n in range(30)]
    for someone in people:
        SharingChoice.objects.create(
            person=someone,
            organisation=partner.organisation,
            parts=["what-matters"],
            decided_at=now,
            decided_by="Test",
        )
    client = sign_in_partner(Client(), partner)
    first = client.get(reverse("shared")).content.decode()
    assert "Page 1 of 2 (30 people)" in first
    assert len(re.findall(r'href="/shared/\d+/"', first)) == 25
    logged = AccessLogEntry.objects.filter(why="Seeing who shares with them")
    assert logged.count() == 25
    assert set(logged.values_list("actor_description", flat=True)) == {partner.description}
    second = client.get(reverse("shared") + "?page=2").content.decode()
    assert "Page 2 of 2" in second
    assert logged.count() == 30
    assert client.get(reverse("shared") + "?page=zebra").status_code == 200
    assert "Page 2 of 2" in client.get(reverse("shared") + "?page=99").content.decode()


# --- Work accounts never take a person's or a carer's invitation ------------------------------------


def _work_clients(kind: str, key_worker: StaffMember, partner: OrganisationMember) -> Client:
    if kind == "staff":
        return sign_in(Client(), key_worker)
    if kind == "partner":
        return sign_in_partner(Client(), partner)
    # A partner's password alone, without their security code yet.
    return sign_in_person(Client(), partner.user)


WORK_ACCOUNTS = ["staff", "partner", "partner-without-code"]


def _person_and_carer_invitations(key_worker_client: Client, person: Person) -> list[str]:
    member = CircleMember.objects.create(person=person, name="Yaw Mensah", relationship="FRND")
    return [
        _invite(key_worker_client, reverse("person-invite", args=[person.pk])),
        _invite(key_worker_client, reverse("circle-invite", args=[person.pk, member.pk])),
    ]


@pytest.mark.parametrize("kind", WORK_ACCOUNTS)
def test_a_work_account_cannot_take_a_persons_or_a_carers_invitation(
    key_worker_client: Client,
    key_worker: StaffMember,
    colleague: StaffMember,
    partner: OrganisationMember,
    person: Person,
    kind: str,
) -> None:
    paths = _person_and_carer_invitations(key_worker_client, person)
    worker = _work_clients(kind, colleague, partner)
    accounts = get_user_model().objects.count()
    for path in paths:
        page = worker.get(path)
        assert page.status_code == 403
        words = page.content.decode()
        assert "You are signed in with a work account" in words
        assert "Add to my account" not in words
        assert "Set up my account" not in words
        posted = worker.post(
            path,
            {"email": "new@example.com", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        )
        assert posted.status_code == 403
        assert "You are signed in with a work account" in posted.content.decode()
    person.refresh_from_db()
    assert person.user_id is None
    assert not CircleMember.objects.filter(user__isnull=False).exists()
    assert get_user_model().objects.count() == accounts
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()
    # The invitations still work for the people they are for.
    assert Client().get(paths[0]).status_code == 200


def test_the_invitation_service_refuses_a_partners_account(
    key_worker_client: Client, partner: OrganisationMember, person: Person
) -> None:
    path = _person_and_carer_invitations(key_worker_client, person)[0]
    token = path.strip("/").split("/")[-1]
    with pytest.raises(Refused, match="Work accounts cannot"):
        invitations.invitation_accept(token, user=partner.user)
    person.refresh_from_db()
    assert person.user_id is None


def test_a_persons_account_cannot_be_made_a_member_of_staff(person_user: Any, team: Any) -> None:
    with pytest.raises(CommandError, match="already taken"):
        call_command(
            "add_staff",
            team=team.name,
            username=person_user.username,
            name="Ada Mensah",
            role="peer-worker",
            password=NEW_PASSWORD,
            stdout=io.StringIO(),
        )
    assert not StaffMember.objects.filter(user=person_user).exists()


def test_a_persons_account_cannot_get_past_the_staff_security_code(person_user: Any) -> None:
    client = Client()
    client.post(reverse("staff-sign-in"), {"username": person_user.username, "password": PASSWORD})
    response = client.get(reverse("staff-security-code"))
    assert response.status_code == 302
    assert client.get("/board/").status_code in (302, 403)


def test_plans_shared_with_you_lists_only_people_who_share_something(
    person: Person, person_user: Any, carer: CircleMember, carer_without_consent: CircleMember
) -> None:
    """Issue 9, item 6: a full withdrawal takes the person off the list, and nothing is logged."""
    person_client = sign_in_person(Client(), person_user)
    change = reverse("my-sharing-change", args=["circle", carer.pk])
    person_client.post(change, {"parts": ["goals"]})
    carer_client = sign_in_person(Client(), carer.user)
    listed = AccessLogEntry.objects.filter(person=person, why="Seeing who shares with them")
    assert "Ada Mensah" in carer_client.get(reverse("shared")).content.decode()
    assert listed.count() == 1

    person_client.post(change, {})
    before = AccessLogEntry.objects.filter(person=person).count()
    page = carer_client.get(reverse("shared")).content.decode()
    assert "Ada Mensah" not in page
    assert "No one shares their plan with you at the moment." in page
    assert AccessLogEntry.objects.filter(person=person).count() == before
    assert listed.count() == 1

    # In the circle with an account, but never shared with: not listed either.
    never = sign_in_person(Client(), carer_without_consent.user)
    assert "Ada Mensah" not in never.get(reverse("shared")).content.decode()
    assert AccessLogEntry.objects.filter(person=person).count() == before
