"""Every page that lists things asks the database a fixed number of times, however long the list.

Each page is opened with a few rows of what it lists, then with many more; the number of queries must
be the same both times (no query per row) and under the page's ceiling. A ceiling is what the page asks
today with a little room: raise it only when the page shows something new, and say why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from livingwell.access.log import write_entries
from livingwell.codes.record import SHAREABLE_PARTS, AccessAction, Part
from livingwell.frontdoor import services as frontdoor_services
from livingwell.frontdoor.models import Conversation, SetAsideKind
from livingwell.network.models import (
    Address,
    Location,
    Organisation,
    OrganisationMember,
    Postcode,
    Service,
    ServiceAtLocation,
)
from livingwell.network.selectors import postcode_point
from livingwell.network.services import (
    OpeningTime,
    ServiceDetails,
    places_locate,
    postcodes_load,
    service_change,
)
from livingwell.people.models import (
    CircleMember,
    NextStep,
    Person,
    SharingChoice,
    SupportPeriod,
)
from livingwell.plans import services as plan_services
from livingwell.plans.models import Plan
from livingwell.team.models import StaffMember, StaffRole, Team
from livingwell.warm_introductions.services import Introducing, warm_introduction_make
from tests.conftest import sign_in, sign_in_partner, sign_in_person, team_record
from tests.factories import IntroductionFactory, PersonFactory, StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30


@dataclass
class Place:
    """The people a list page is about: a team, its lead, a person they support, and those around."""

    team: Team
    lead: StaffMember
    person: Person
    carer: CircleMember
    partner: OrganisationMember


@pytest.fixture
def place(team: Team, person: Person, partner: OrganisationMember) -> Place:
    lead = StaffMemberFactory.create(team=team, name="Nia Roberts", role=StaffRole.TEAM_LEAD)
    SupportPeriod.objects.create(
        person=person, team=team, key_worker=lead, started_on=dt.date(2026, 1, 5)
    )
    person.user = UserFactory.create(username="ada.mensah@example.com")
    person.save(update_fields=["user"])
    carer = CircleMember.objects.create(
        person=person,
        name="Kofi Mensah",
        relationship="SIB",
        is_carer=True,
        user=UserFactory.create(username="kofi@example.com"),
    )
    share_everything(person, circle_member=carer)
    share_everything(person, organisation=partner.organisation)
    return Place(team, lead, person, carer, partner)


def share_everything(
    person: Person,
    *,
    circle_member: CircleMember | None = None,
    organisation: Organisation | None = None,
) -> None:
    SharingChoice.objects.create(
        person=person,
        circle_member=circle_member,
        organisation=organisation,
        parts=list(SHAREABLE_PARTS),
        decided_at=timezone.now(),
        decided_by="Ada Mensah",
    )


# --- What each page lists, n more of it ----------------------------------------------------------


def more_introductions(place: Place, n: int) -> None:
    for _ in range(n):
        IntroductionFactory.create(person=PersonFactory.create(team=place.team))


def more_set_aside(place: Place, n: int) -> None:
    for _ in range(n):
        introduction = IntroductionFactory.create(person=PersonFactory.create(team=place.team))
        frontdoor_services.introduction_set_aside(
            actor=place.lead,
            introduction=introduction,
            kind=SetAsideKind.NOT_A_PERSON,
            reason="A test message",
        )


def more_of_a_life(place: Place, n: int) -> None:
    """What the person page lists: conversations, introductions, warm introductions and the
    circle."""
    group = Service.objects.create(
        organisation=Organisation.objects.get_or_create(name="A peer group", kind="peer-support")[
            0
        ],
        name="Peer support",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    for i in range(n):
        warm_introduction_make(
            team_record(place.lead, place.person),
            Introducing(service_id=group.pk, wants=f"Week {i}", contact_way="key-worker"),
        )
        Conversation.objects.create(
            person=place.person,
            held_by=place.lead,
            held_on=dt.date(2026, 2, 1) + dt.timedelta(days=i),
            how="phone",
            what_we_talked_about=f"Talked about week {i}",
        )
        IntroductionFactory.create(person=place.person)
        more_circle(place, 1)


def more_warm_introductions(place: Place, n: int) -> None:
    """Warm introductions to the partner's organisation, of people of the team."""
    group = Service.objects.create(
        organisation=place.partner.organisation,
        name="Advice sessions",
        warm_introductions=True,
        last_modified=timezone.now(),
    )
    for i in range(n):
        someone = PersonFactory.create(team=place.team)
        warm_introduction_make(
            team_record(place.lead, someone),
            Introducing(service_id=group.pk, wants=f"Help with rent {i}", contact_way="key-worker"),
        )


def more_circle(place: Place, n: int) -> None:
    for _ in range(n):
        member = CircleMember.objects.create(
            person=place.person, name="Ama Mensah", relationship="MTH", is_carer=False
        )
        share_everything(place.person, circle_member=member)


def plan_version(person: Person) -> int:
    plan = Plan.objects.filter(person=person).first()
    return plan.version if plan else 0


def more_goals(place: Place, n: int) -> None:
    for i in range(n):
        plan_services.goal_add(
            team_record(place.lead, place.person, Part.GOALS),
            base_version=plan_version(place.person),
            description=f"Goal {i}",
            domain="work",
            why="Setting a goal",
        )


def more_versions(place: Place, n: int) -> None:
    for i in range(n):
        plan_services.sections_change(
            team_record(place.lead, place.person, Part.PLAN),
            base_version=plan_version(place.person),
            changes={"what_matters": f"Change {i}"},
            why="Changing",
        )


def more_log_entries(place: Place, n: int) -> None:
    for i in range(n):
        write_entries(
            place.lead.user_id,
            "Nia Roberts, team lead",
            [place.person.pk],
            action=AccessAction.VIEW,
            what=f"their plan, look {i}",
            why="Reading the plan",
        )


def more_people_sharing(place: Place, n: int) -> None:
    for _ in range(n):
        share_everything(
            PersonFactory.create(team=place.team), organisation=place.partner.organisation
        )


def more_supported(place: Place, n: int) -> None:
    """People the lead is key worker for, each with a conversation, a next step and an introduction."""
    for i in range(n):
        person = PersonFactory.create(team=place.team, given_name="Sam", family_name=f"Lee{i}")
        SupportPeriod.objects.create(
            person=person, team=place.team, key_worker=place.lead, started_on=dt.date(2026, 3, 1)
        )
        Conversation.objects.create(
            person=person,
            held_by=place.lead,
            held_on=dt.date(2026, 3, 2),
            how="phone",
            what_we_talked_about="A first chat",
        )
        NextStep.objects.create(
            person=person,
            what=f"Step {i}",
            due_on=dt.date(2026, 3, 9),
            by=place.lead,
            created_by=place.lead,
        )
        IntroductionFactory.create(person=person)
        share_everything(person, organisation=place.partner.organisation)


# --- The pages -----------------------------------------------------------------------------------


def more_directory(place: Place, n: int) -> None:
    """Peer support groups open every day near SW9 1AB, never checked (so on the list to check)."""
    point = postcode_point(NEAR) or (51.47, -0.11)
    if not Postcode.objects.filter(postcode=NEAR).exists():
        postcodes_load([(NEAR, *point)])
    organisation = Organisation.objects.create(
        name=f"Peer support {Organisation.objects.count()}", kind="peer-support"
    )
    for i in range(n):
        service = Service.objects.create(
            organisation=organisation,
            name=f"Group {i} {organisation.pk}",
            last_modified=timezone.now(),
        )
        location = Location.objects.create(latitude=point[0], longitude=point[1], name="Hall")
        Address.objects.create(
            location=location,
            address_1=f"{i} Acre Lane",
            city="London",
            state_province="Greater London",
            postal_code=NEAR,
        )
        ServiceAtLocation.objects.create(service=service, location=location)
        service_change(
            actor="a test",
            service=service,
            details=ServiceDetails(
                name=service.name,
                kinds=("peer-support",),
                opening_times=(
                    OpeningTime(
                        ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), dt.time(0), dt.time(23, 59)
                    ),
                ),
            ),
            checked=False,
        )
    places_locate()


NEAR = "SW9 1AB"


def as_lead(client: Client, place: Place) -> Client:
    return sign_in(client, place.lead)


def as_person(client: Client, place: Place) -> Client:
    return sign_in_person(client, place.person.user)


def as_partner(client: Client, place: Place) -> Client:
    return sign_in_partner(client, place.partner)


@dataclass(frozen=True)
class ListPage:
    name: str
    url: Callable[[Place], str]
    who: Callable[[Client, Place], Client]
    more: Callable[[Place, int], None]
    ceiling: int


PAGES = [
    ListPage("the board", lambda p: reverse("board"), as_lead, more_introductions, 10),
    # the huddle: one statement a section, reviews of measures due among them
    ListPage("the huddle", lambda p: reverse("huddle"), as_lead, more_introductions, 13),
    ListPage(
        "set aside",
        lambda p: reverse("introductions-set-aside"),
        as_lead,
        more_set_aside,
        8,
    ),
    ListPage("the board (API)", lambda p: "/api/introductions", as_lead, more_introductions, 8),
    ListPage(
        "a person's page",
        lambda p: reverse("person", args=[p.person.pk]),
        as_lead,
        more_of_a_life,
        14,  # with when their review of measures is due
    ),
    ListPage(
        "a plan's goals",
        lambda p: reverse("plan", args=[p.person.pk]),
        as_lead,
        more_goals,
        14,
    ),
    ListPage(
        "a plan's history",
        lambda p: reverse("plan-history", args=[p.person.pk]),
        as_lead,
        more_versions,
        9,
    ),
    ListPage(
        "the access log",
        lambda p: reverse("access-log", args=[p.person.pk]),
        as_lead,
        more_log_entries,
        9,
    ),
    ListPage(
        "the circle", lambda p: reverse("circle", args=[p.person.pk]), as_lead, more_circle, 8
    ),
    ListPage(
        "what is shared", lambda p: reverse("sharing", args=[p.person.pk]), as_lead, more_circle, 10
    ),
    ListPage("my home", lambda p: reverse("my-home"), as_person, more_goals, 17),
    ListPage("my access log", lambda p: reverse("my-access-log"), as_person, more_log_entries, 11),
    ListPage("my circle", lambda p: reverse("my-circle"), as_person, more_circle, 10),
    ListPage("my people", lambda p: reverse("my-people"), as_lead, more_supported, 9),
    ListPage("a search", lambda p: reverse("people-search") + "?q=Sam", as_lead, more_supported, 7),
    ListPage("shared with you", lambda p: reverse("shared"), as_partner, more_people_sharing, 12),
    ListPage(
        "warm introductions to us",
        lambda p: reverse("received-introductions"),
        as_partner,
        more_warm_introductions,
        10,
    ),
    ListPage(
        "the directory's search",
        lambda p: reverse("directory") + f"?q=lonely&postcode={NEAR}",
        lambda client, p: client,
        more_directory,
        7,
    ),
    ListPage(
        "entries to check",
        lambda p: reverse("directory-needs-checking"),
        as_lead,
        more_directory,
        7,
    ),
]


def opened(client: Client, url: str) -> tuple[int, int]:
    """How many queries the page asked, and how long it is."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries), len(response.content)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_list_page_asks_the_same_number_of_times_for_a_long_list(
    client: Client, place: Place, page: ListPage
) -> None:
    signed_in = page.who(client, place)
    page.more(place, FEW)
    few, short = opened(signed_in, page.url(place))
    page.more(place, MANY - FEW)
    many, long = opened(signed_in, page.url(place))
    assert long > short, f"{page.name} does not list what was added, so this measures nothing"
    assert many == few, f"{page.name}: {few} queries for {FEW} rows but {many} for {MANY}"
    assert many <= page.ceiling, (
        f"{page.name}: {many} queries, more than its ceiling of {page.ceiling}"
    )
