"""The pages every site has: a privacy notice, cookies, an accessibility statement and how to contact
the team. Every page links to them in its footer; their facts are a site's own settings, and a site can
replace a whole page with its own template."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from livingwell.people.models import CircleMember, Person
from livingwell.team.models import StaffMember, Team
from tests.conftest import sign_in_person
from tests.core.test_settings import settings_value
from tests.factories import PASSWORD, IntroductionFactory

pytestmark = pytest.mark.django_db

SITE_PAGES = {
    "privacy": "Privacy notice",
    "cookies": "Cookies",
    "accessibility": "Accessibility statement",
    "contact": "Contact us",
}
FOUR_LINKS = {
    "/privacy/": "Privacy notice",
    "/cookies/": "Cookies",
    "/accessibility/": "Accessibility statement",
    "/contact/": "Contact us",
}
PUBLIC_PAGES = [
    "front-door",
    "introduce-yourself",
    "introduce-someone-else",
    "what-happens-next",
    "urgent-help",
    "sign-in",
    "staff-sign-in",
    *SITE_PAGES,
]


def footer(page: str) -> str:
    found = re.search(r"<footer.*?</footer>", page, re.DOTALL)
    assert found, "the page has no footer"
    return found.group(0)


def footer_links(page: str) -> dict[str, str]:
    """The footer's links: address to words."""
    return {
        href: re.sub(r"\s+", " ", words).strip()
        for href, words in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>(.*?)</a>', footer(page), re.S)
    }


def text_of(page: str) -> str:
    """The page's words, without tags, on one line each."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.smoke
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_links_to_privacy_cookies_accessibility_and_contact(
    client: Client, team: Team, name: str
) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 200
    links = footer_links(response.content.decode())
    assert FOUR_LINKS.items() <= links.items()
    assert links[reverse("sign-in")] == "Sign in to see your plan"


def test_the_error_pages_link_to_the_four_pages_too(client: Client) -> None:
    page = client.get("/no-such-page/").content.decode()
    assert FOUR_LINKS.items() <= footer_links(page).items()


@pytest.mark.parametrize(("name", "title"), SITE_PAGES.items())
def test_the_four_pages_need_no_account_and_keep_urgent_help_on_them(
    client: Client, name: str, title: str
) -> None:
    response = client.get(f"/{name}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(rf"<h1[^>]*>{title}", page)
    assert "116 123" in page


def test_staff_pages_have_the_staff_footer(
    key_worker_client: Client, key_worker: StaffMember, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    staff_pages = [
        reverse("board"),
        reverse("introduction-record"),
        reverse("introduction", args=[introduction.pk]),
        reverse("person", args=[person.pk]),
        reverse("plan-import"),
        reverse("urgent-help"),  # a public page, seen by someone signed in as staff
    ]
    for address in staff_pages:
        links = footer_links(key_worker_client.get(address).content.decode())
        assert links == {
            "/accessibility/": "Accessibility statement",
            "/privacy/": "Privacy notice",
            "/contact/": "Report a problem with this service",
            reverse("api-1.0.0:openapi-view"): "API documentation",
        }, address


def test_a_persons_own_pages_and_their_carers_keep_the_four_public_links(
    person: Person, person_user: Any, carer: CircleMember
) -> None:
    own = sign_in_person(Client(), person_user)
    carers = sign_in_person(Client(), carer.user)
    for client, address in [
        (own, reverse("my-home")),
        (own, reverse("my-record")),
        (own, reverse("my-access-log")),
        (carers, reverse("shared")),
    ]:
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        links = footer_links(response.content.decode())
        assert FOUR_LINKS.items() <= links.items(), address
        assert "Sign in to see your plan" not in links.values(), address
        assert "Staff sign in" not in links.values(), address


# --- Text a site can change --------------------------------------------------------------------------

SITE_TEXT = {
    "LIVINGWELL_ORGANISATION": "Riverside Wellbeing Partnership",
    "LIVINGWELL_PHONE": "020 7946 0123",
    "LIVINGWELL_EMAIL": "hello@riverside.example",
    "LIVINGWELL_DPO_NAME": "Sam Rivers, Data Protection Officer",
    "LIVINGWELL_DPO_EMAIL": "dpo@riverside.example",
    "LIVINGWELL_RETENTION": "20 years after your support ends",
    "LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE": dt.date(2027, 2, 14),
    "LIVINGWELL_SITE_TEXT_IS_DEMO": False,
}


@pytest.fixture
def riverside(settings: Any) -> Any:
    for name, value in SITE_TEXT.items():
        setattr(settings, name, value)
    return settings


def test_with_nothing_set_the_pages_say_their_details_are_the_demos(client: Client) -> None:
    for name in SITE_PAGES:
        page = text_of(client.get(f"/{name}/").content.decode())
        assert "This is a demo" in page, name
        assert "made up" in page, name


def test_the_pages_give_a_sites_own_details_from_its_settings(
    client: Client, riverside: Any
) -> None:
    privacy = text_of(client.get("/privacy/").content.decode())
    assert "Riverside Wellbeing Partnership" in privacy
    assert "Sam Rivers, Data Protection Officer" in privacy
    assert "dpo@riverside.example" in privacy
    assert "20 years after your support ends" in privacy
    assert "This is a demo" not in privacy

    accessibility = text_of(client.get("/accessibility/").content.decode())
    assert "Riverside Wellbeing Partnership" in accessibility
    assert "14 February 2027" in accessibility
    assert "hello@riverside.example" in accessibility

    contact = client.get("/contact/").content.decode()
    assert 'href="tel:02079460123"' in contact
    assert 'href="mailto:hello@riverside.example"' in contact
    assert "This is a demo" not in text_of(contact)


def test_the_privacy_notice_says_what_is_kept_who_sees_it_for_how_long_and_what_rights_people_have(
    client: Client,
) -> None:
    page = text_of(client.get("/privacy/").content.decode()).lower()
    for words in [
        # what is kept
        "what you type at the front door",
        "your record and your plan",
        "access log",
        # who sees it
        "the team",
        "only what you choose to share",
        # how long
        "8 years after your support ends",
        # rights under UK GDPR
        "UK GDPR",
        "see the information we hold about you",
        "correct",
        "object",
        "Information Commissioner's Office",
        "0303 123 1113",
        # who is responsible
        "data protection officer",
    ]:
        assert words.lower() in page, words
    assert "ico.org.uk/make-a-complaint" in client.get("/privacy/").content.decode()


def test_the_cookies_page_names_every_cookie_the_site_sets_and_asks_for_no_consent(
    client: Client, team: Team, key_worker: StaffMember, person_user: Any
) -> None:
    # Walk the site as a visitor does: read a form, send it, sign in.
    client.get(reverse("introduce-yourself"))
    client.post(
        reverse("introduce-yourself"),
        {"given_name": "Ada", "contact_method": "email", "email": "ada@example.com"},
    )
    client.post(reverse("sign-in"), {"username": "ada.mensah@example.com", "password": PASSWORD})
    staff = Client()
    staff.get(reverse("staff-sign-in"))
    staff.post(
        reverse("staff-sign-in"), {"username": key_worker.user.username, "password": PASSWORD}
    )
    set_by_the_site = set(client.cookies) | set(staff.cookies)
    assert set_by_the_site >= {"sessionid", "csrftoken"}

    page = client.get(reverse("cookies")).content.decode()
    words = text_of(page)
    for name in set_by_the_site:
        assert name in words, f"the cookie {name} is not on the cookies page"
    assert "strictly necessary" in words
    assert "We do not use analytics cookies" in words
    assert "8 hours" in words  # SESSION_COOKIE_AGE
    assert "<button" not in page.split("<main", 1)[1], "no consent banner or cookie buttons"


def test_the_cookies_page_names_the_messages_cookie_only_while_messages_travel_in_a_cookie(
    client: Client, settings: Any
) -> None:
    assert "messages" in text_of(client.get(reverse("cookies")).content.decode())
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    assert "messages" not in text_of(client.get(reverse("cookies")).content.decode())


def test_the_accessibility_statement_follows_the_model_statement(client: Client) -> None:
    page = client.get("/accessibility/").content.decode()
    headings = [text_of(h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page, re.S)]
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]:
        assert heading in headings, heading
    words = text_of(page)
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2" in words
    assert "Equality and Human Rights Commission (EHRC)" in words
    assert "Equality Advisory and Support Service (EASS)" in words
    assert "3 December 2026" in words  # the demo's statement date
    assert "8 hours" in words  # signed out after SESSION_COOKIE_AGE, a known problem


def test_the_contact_page_gives_the_teams_phone_as_a_link_and_its_email(client: Client) -> None:
    page = client.get("/contact/").content.decode()
    assert '<a href="tel:02079460000">020 7946 0000</a>' in page
    assert 'href="mailto:hello@livingwell.example"' in page
    assert "Report a problem with this website" in text_of(page)


def test_a_site_can_replace_a_whole_page_with_its_own_template(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "privacy.jinja").write_text(
        '{% extends "layout.jinja" %}{% block body %}<h1>Our own privacy notice</h1>{% endblock %}'
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path]
    settings.TEMPLATES = templates

    page = client.get("/privacy/").content.decode()
    assert "Our own privacy notice" in page
    assert "116 123" in page, "the site's page keeps the layout, with urgent help"
    assert "Riverside" not in client.get("/cookies/").content.decode()


def test_a_sites_own_templates_come_from_the_environment() -> None:
    assert settings_value("settings.TEMPLATES[0]['DIRS']") == "[]"
    dirs = settings_value(
        "settings.TEMPLATES[0]['DIRS']", LIVINGWELL_TEMPLATE_DIRS="/srv/site/templates"
    )
    assert dirs == "['/srv/site/templates']"


def test_the_site_text_comes_from_the_environment_and_is_the_demos_until_set() -> None:
    assert settings_value("settings.LIVINGWELL_SITE_TEXT_IS_DEMO") == "True"
    env = {
        name: value.isoformat() if isinstance(value, dt.date) else str(value)
        for name, value in SITE_TEXT.items()
        if name != "LIVINGWELL_SITE_TEXT_IS_DEMO"
    }
    assert settings_value("settings.LIVINGWELL_SITE_TEXT_IS_DEMO", **env) == "False"
    assert settings_value("settings.LIVINGWELL_DPO_EMAIL", **env) == "dpo@riverside.example"
    assert settings_value("settings.LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE", **env) == "2027-02-14"
    one_missing = {k: v for k, v in env.items() if k != "LIVINGWELL_RETENTION"}
    assert settings_value("settings.LIVINGWELL_SITE_TEXT_IS_DEMO", **one_missing) == "True"


def test_a_statement_date_that_is_not_a_date_fails_loudly() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import livingwell.config.settings"],
        env={**os.environ, "LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE": "last Tuesday"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE must be a date like 2026-12-03, not 'last Tuesday'"
    ) in result.stderr


# --- The back link sits in a landmark -----------------------------------------------------------------


def test_the_back_link_is_in_a_navigation_landmark_before_the_main_content(
    client: Client, team: Team
) -> None:
    page = client.get(reverse("introduce-yourself")).content.decode()
    back = re.search(r'<nav class="lw-back" aria-label="Back">(.*?)</nav>', page, re.S)
    assert back, "the back link has no landmark"
    assert 'class="nhsuk-back-link"' in back.group(1)
    assert page.index("lw-back") < page.index("<main"), "it comes before <main>, as NHS.UK puts it"


def test_a_page_without_a_back_link_has_no_empty_back_landmark(client: Client) -> None:
    assert 'aria-label="Back"' not in client.get(reverse("front-door")).content.decode()
