"""Privacy by design: one access policy, and every look at or change of a person's record is logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from livingwell.access.models import AccessLogEntry
from livingwell.frontdoor.models import Introduction
from livingwell.people.models import Person
from livingwell.team.models import StaffMember
from tests.conftest import sign_in
from tests.factories import IntroductionFactory

pytestmark = pytest.mark.django_db

# Every page and API call that shows something of one person's record: (name, url for person+introduction).
RECORD_URLS: list[tuple[str, Callable[[Person, Introduction], str]]] = [
    ("person page", lambda p, i: reverse("person", args=[p.pk])),
    ("introduction page", lambda p, i: reverse("introduction", args=[i.pk])),
    ("conversation form", lambda p, i: reverse("conversation-record", args=[i.pk])),
    ("person conversation form", lambda p, i: reverse("person-conversation-record", args=[p.pk])),
    ("start support form", lambda p, i: reverse("support-start", args=[p.pk])),
    ("key worker form", lambda p, i: reverse("key-worker-change", args=[p.pk])),
    ("access log page", lambda p, i: reverse("access-log", args=[p.pk])),
    ("team board", lambda p, i: reverse("board")),
    ("person API", lambda p, i: f"/api/people/{p.pk}"),
    ("introduction API", lambda p, i: f"/api/introductions/{i.pk}"),
    ("board API", lambda p, i: "/api/introductions"),
]


@pytest.mark.parametrize(("what", "url"), RECORD_URLS, ids=[w for w, _ in RECORD_URLS])
def test_each_view_of_a_persons_record_is_logged_with_who_and_why(
    key_worker_client: Client,
    key_worker: StaffMember,
    person: Person,
    what: str,
    url: Callable[[Person, Introduction], str],
) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = key_worker_client.get(url(person, introduction))

    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(person=person).latest("at", "pk")
    assert entry.actor == key_worker.user
    assert key_worker.name in entry.actor_description
    assert entry.action == "view"
    assert entry.why


@pytest.mark.parametrize(("what", "url"), RECORD_URLS, ids=[w for w, _ in RECORD_URLS])
def test_staff_of_another_team_cannot_see_the_record_and_nothing_is_revealed(
    client: Client,
    other_team_member: StaffMember,
    person: Person,
    what: str,
    url: Callable[[Person, Introduction], str],
) -> None:
    introduction = IntroductionFactory.create(person=person)
    sign_in(client, other_team_member)
    response = client.get(url(person, introduction))

    assert person.name not in response.content.decode()
    if "board" not in what:
        assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(person=person).exists()


@pytest.mark.parametrize(("what", "url"), RECORD_URLS, ids=[w for w, _ in RECORD_URLS])
def test_someone_not_signed_in_is_sent_to_sign_in_and_sees_nothing(
    client: Client,
    person: Person,
    what: str,
    url: Callable[[Person, Introduction], str],
) -> None:
    introduction = IntroductionFactory.create(person=person)
    response = client.get(url(person, introduction))
    if url(person, introduction).startswith("/api/"):
        assert response.status_code == 401
        assert "Sign in" in response.json()["message"]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("staff-sign-in"))
    assert not AccessLogEntry.objects.filter(person=person).exists()


def test_a_password_without_the_second_factor_gives_no_access(
    client: Client, key_worker: StaffMember, person: Person
) -> None:
    client.force_login(key_worker.user, backend="livingwell.team.backends.StaffBackend")
    response = client.get(reverse("person", args=[person.pk]))
    assert response.status_code == 302
    assert client.get(f"/api/people/{person.pk}").status_code == 401
    assert not AccessLogEntry.objects.filter(person=person).exists()


def test_an_account_that_is_not_on_a_team_is_refused(client: Client, person: Person) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_user(username="visitor", password="a long password 123")
    device = TOTPDevice.objects.create(user=user, confirmed=True)
    client.force_login(user, backend="livingwell.team.backends.StaffBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.get(reverse("person", args=[person.pk]))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_a_record_that_does_not_exist_gives_a_proper_not_found_page(
    key_worker_client: Client,
) -> None:
    response = key_worker_client.get(reverse("person", args=[987654]))
    assert response.status_code == 404
    assert "We could not find that person" in response.content.decode()


def test_changes_are_logged_as_changes(key_worker_client: Client, person: Person) -> None:
    introduction = IntroductionFactory.create(person=person)
    key_worker_client.post(
        reverse("introduction", args=[introduction.pk]), {"action": "pick-up", "next_step": "Call"}
    )
    actions = list(AccessLogEntry.objects.filter(person=person).values_list("action", "why"))
    assert ("change", "Picking up an introduction") in actions


def test_the_access_log_page_lists_who_looked(
    key_worker_client: Client, colleague: StaffMember, person: Person
) -> None:
    other = sign_in(Client(), colleague)
    other.get(reverse("person", args=[person.pk]))
    page = key_worker_client.get(reverse("access-log", args=[person.pk])).content.decode()
    assert colleague.name in page
    assert "Opening their record" in page


def test_pages_use_the_access_policy_and_never_query_people_directly() -> None:
    """Views may not reach around the policy: no Model.objects in a views or api module."""
    from pathlib import Path

    import livingwell

    root = Path(livingwell.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for pattern in ("*/*views.py", "*/api.py")
        for path in root.glob(pattern)
        if ".objects." in path.read_text()
    ]
    assert offenders == []


@pytest.mark.smoke
def test_the_board_logs_one_look_for_each_person_it_shows(
    key_worker_client: Client, key_worker: StaffMember, person: Person
) -> None:
    from tests.factories import PersonFactory

    others = [PersonFactory.create(team=person.team) for _ in range(3)]
    for someone in [person, *others]:
        IntroductionFactory.create(person=someone)
    key_worker_client.get(reverse("board"))
    entries = AccessLogEntry.objects.filter(why="Working the team board")
    assert sorted(e.person_id for e in entries) == sorted(p.pk for p in [person, *others])
    assert {(e.actor_id, e.action) for e in entries} == {(key_worker.user_id, "view")}
    assert all(e.at is not None and key_worker.name in e.actor_description for e in entries)
