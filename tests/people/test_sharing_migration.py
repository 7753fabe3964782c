"""Choices made before each part of life was shared on its own never widen, and the person is told."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.migrations import migrate_to, migrate_to_the_latest

BEFORE = [("people", "0002_circle_sharing_accounts")]
AFTER = [("people", "0003_sharing_each_part_of_life")]


@pytest.mark.django_db(transaction=True)
def test_earlier_choices_become_the_narrowest_choices_their_labels_named() -> None:
    apps = migrate_to(BEFORE)
    Team = apps.get_model("team", "Team")
    Person = apps.get_model("people", "Person")
    CircleMember = apps.get_model("people", "CircleMember")
    SharingChoice = apps.get_model("people", "SharingChoice")
    team = Team.objects.create(name="North", postcode_districts="SE1")
    person = Person.objects.create(team=team, given_name="Ada")
    earlier = {
        "sister": ["plan", "goals", "crisis"],
        "friend": ["about", "crisis"],
        "neighbour": [],
    }
    for name, parts in earlier.items():
        member = CircleMember.objects.create(person=person, name=name, relationship="FRND")
        SharingChoice.objects.create(
            person=person,
            circle_member=member,
            parts=parts,
            decided_at=timezone.now(),
            decided_by="Ada",
        )
    try:
        apps = migrate_to(AFTER)
        SharingChoice = apps.get_model("people", "SharingChoice")
        now = {
            c.circle_member.name: c for c in SharingChoice.objects.select_related("circle_member")
        }
        assert now["sister"].parts == ["what-matters", "what-helps", "goals", "crisis"]
        assert not any(part.startswith("life-") for part in now["sister"].parts)
        assert "What matters to me, my strengths and what helps" in now["sister"].review_note
        assert "My goals" in now["sister"].review_note
        # Choices whose meaning did not change are left as they were, and not flagged.
        assert now["friend"].parts == ["about", "crisis"]
        assert now["friend"].review_note == ""
        assert now["neighbour"].parts == []
    finally:
        SharingChoice.objects.all().delete()
        CircleMember.objects.all().delete()
        Person.objects.all().delete()
        Team.objects.all().delete()
        migrate_to_the_latest()


@pytest.mark.django_db
def test_the_person_is_asked_to_check_and_saving_clears_it(
    person: Any, person_user: Any, carer: Any
) -> None:
    from django.test import Client
    from django.urls import reverse

    from livingwell.people.models import SharingChoice
    from tests.conftest import sign_in_person

    SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["what-matters", "what-helps"],
        decided_at=timezone.now(),
        decided_by="Ada",
        review_note="You shared: “What matters to me, my strengths and what helps”.",
    )
    client = sign_in_person(Client(), person_user)
    plan = client.get(reverse("my-plan")).content.decode()
    assert "What is shared has changed" in plan
    sharing = client.get(reverse("my-sharing")).content.decode()
    assert "Please check" in sharing
    assert "You shared: “What matters to me" in sharing
    saved = client.post(
        reverse("my-sharing-change", args=["circle", carer.pk]),
        {"parts": ["what-matters", "what-helps"]},
    )
    assert saved.status_code == 302
    assert SharingChoice.objects.get(circle_member=carer).review_note == ""
    assert "What is shared has changed" not in client.get(reverse("my-plan")).content.decode()
