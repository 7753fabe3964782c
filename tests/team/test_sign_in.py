"""Staff sign in with a password and a TOTP second factor; repeated failures are throttled."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.team.models import StaffMember
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(member: StaffMember) -> str:
    device = TOTPDevice.objects.get(user=member.user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.smoke
def test_staff_sign_in_with_a_password_and_then_a_security_code(
    client: Client, key_worker: StaffMember
) -> None:
    response = client.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("staff-security-code")
    assert client.get(reverse("board")).status_code == 302, "no access before the second factor"

    response = client.post(reverse("staff-security-code"), {"code": current_code(key_worker)})
    assert response["Location"] == reverse("board")
    assert client.get(reverse("board")).status_code == 200


def test_a_wrong_security_code_is_refused(client: Client, key_worker: StaffMember) -> None:
    client.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    wrong = f"{(int(current_code(key_worker)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("staff-security-code"), {"code": wrong})
    assert "The security code is not right" in response.content.decode()
    assert client.get(reverse("board")).status_code == 302


def test_a_wrong_password_gets_a_plain_message(client: Client, key_worker: StaffMember) -> None:
    response = client.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": "nope"}
    )
    page = response.content.decode()
    assert "The username or password is not right" in page
    assert key_worker.user.username in page, "the username is kept"


def test_repeated_failed_sign_ins_are_throttled(client: Client, key_worker: StaffMember) -> None:
    for _ in range(5):
        client.post(
            reverse("staff-sign-in"), {"username": key_worker.user.username, "password": "wrong"}
        )
    response = client.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "tried to sign in too many times" in response.content.decode()


def test_sign_in_sends_people_back_only_to_our_own_pages(
    client: Client, key_worker: StaffMember
) -> None:
    client.get(reverse("staff-sign-in") + "?next=https://evil.example.com/")
    client.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    response = client.post(reverse("staff-security-code"), {"code": current_code(key_worker)})
    assert response["Location"] == reverse("board")


def test_signing_out_ends_access(key_worker_client: Client) -> None:
    key_worker_client.post(reverse("staff-sign-out"))
    assert key_worker_client.get(reverse("board")).status_code == 302
