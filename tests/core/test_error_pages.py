from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.smoke
@pytest.mark.django_db
def test_an_unknown_address_gives_our_not_found_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "116 123" in page
    assert "Traceback" not in page


@pytest.mark.django_db
def test_pages_are_sent_with_a_content_security_policy(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_the_fast_url_maker_gives_the_same_address_as_reverse() -> None:
    from django.urls import reverse

    from livingwell.core.presenters import url_maker

    assert url_maker("introduction")(42) == reverse("introduction", args=[42])
    assert url_maker("person")(7) == reverse("person", args=[7])
