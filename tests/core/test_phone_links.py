"""A phone number someone may call is a tel: link, so on a phone it is one tap away."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import Client
from django.urls import reverse

from livingwell.core.presenters import phone_link
from livingwell.people.models import CircleMember, Person
from livingwell.team.models import Team
from tests.factories import IntroductionFactory


def test_a_phone_number_becomes_a_link_that_dials_its_digits() -> None:
    assert phone_link("07700 900123") == '<a href="tel:07700900123">07700 900123</a>'
    assert phone_link("+44 (0)20 7946 0000") == (
        '<a href="tel:+442079460000">+44 (0)20 7946 0000</a>'
    )
    assert phone_link("") == ""
    assert phone_link("ask at reception") == "ask at reception", "no digits, no link"
    assert phone_link("<b>0</b>") == '<a href="tel:0">&lt;b&gt;0&lt;/b&gt;</a>', "it is escaped"


def test_a_summary_list_shows_a_link_as_a_link_and_anything_else_as_text() -> None:
    template = engines["jinja2"].from_string(
        '{% from "components/summary_list.jinja" import summary_list %}{{ summary_list(rows) }}'
    )
    html = template.render({"rows": [("Phone", phone_link("111")), ("Email", "<b>")]})
    assert '<dd class="nhsuk-summary-list__value"><a href="tel:111">111</a></dd>' in html
    assert '<dd class="nhsuk-summary-list__value">&lt;b&gt;</dd>' in html
    assert html.count('<div class="nhsuk-summary-list__row">') == 2


@pytest.mark.django_db
def test_the_urgent_help_numbers_and_the_teams_number_are_links(client: Client, team: Team) -> None:
    for name in ("urgent-help", "front-door", "contact"):
        page = client.get(reverse(name)).content.decode()
        for number in ("tel:999", "tel:111", "tel:116123"):
            assert f'href="{number}"' in page, (name, number)
    for name in ("front-door", "urgent-help", "contact"):
        assert 'href="tel:02079460000"' in client.get(reverse(name)).content.decode(), name


@pytest.mark.django_db
def test_a_persons_phone_is_a_link_on_the_teams_pages(
    key_worker_client: Client, person: Person
) -> None:
    introduction = IntroductionFactory.create(person=person)
    for address in (
        reverse("person", args=[person.pk]),
        reverse("introduction", args=[introduction.pk]),
    ):
        page = key_worker_client.get(address).content.decode()
        assert '<a href="tel:07700900123">07700 900123</a>' in page, address


@pytest.mark.django_db
def test_the_circles_phones_and_the_crisis_plans_numbers_are_links(
    key_worker_client: Client, person: Person
) -> None:
    CircleMember.objects.create(
        person=person, name="Kofi Mensah", relationship="SIB", phone="07700 900456"
    )
    key_worker_client.post(
        reverse("first-conversation", args=[person.pk]),
        {"version": "0", "what_matters": "Keeping my flat."},
    )
    circle = key_worker_client.get(reverse("circle", args=[person.pk])).content.decode()
    assert '<a href="tel:07700900456">07700 900456</a>' in circle

    plan = key_worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert '<a href="tel:07700900456">07700 900456</a>' in plan
    crisis = plan.split('id="crisis"', 1)[1].split("</section>", 1)[0]
    for number in ("tel:999", "tel:111", "tel:116123"):
        assert f'href="{number}"' in crisis, number

    printed = key_worker_client.get(reverse("plan-print", args=[person.pk])).content.decode()
    footer = printed.split("<footer>", 1)[1]
    for number in ("tel:999", "tel:111", "tel:116123"):
        assert f'href="{number}"' in footer, number
