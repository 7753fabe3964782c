"""Who can read and change which part of a person's record: one table, checked three ways.

The expected table is written out here by hand, from the relational rules (rules 4 and 7 in
docs/relational-rules.md), not derived from the code. For every role it is checked against the access
policy, against every page (what each role can find on any page it can reach) and against the API.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from livingwell.access import policy
from livingwell.codes.record import Part
from livingwell.core.errors import ApplicationError
from livingwell.frontdoor.models import Conversation
from livingwell.measures.models import Answer, GoalRating, Measure
from livingwell.network.models import Organisation, OrganisationMember
from livingwell.people.models import (
    CircleMember,
    MessageToTeam,
    Person,
    SharingChoice,
    SupportPeriod,
)
from livingwell.plans.models import Goal, Plan, PlanVersion
from livingwell.plans.services import snapshot
from livingwell.team.models import StaffMember
from tests.conftest import sign_in, sign_in_partner, sign_in_person

pytestmark = pytest.mark.django_db

ALL = set(Part)
NOTHING: set[Part] = set()
TEAM_CHANGES = ALL - {Part.ACCESS_LOG, Part.HISTORY}
PERSON_CHANGES = {
    Part.ABOUT,
    Part.PLAN,
    Part.GOALS,
    Part.CRISIS,
    Part.CIRCLE,
    Part.SHARING,
    Part.MESSAGES,
    Part.MEASURES,
}

# role: (what they may read, what they may change)
EXPECTED: dict[str, tuple[set[Part], set[Part]]] = {
    "key worker": (ALL, TEAM_CHANGES),
    "colleague on the same team": (ALL, TEAM_CHANGES),
    "staff on another team": (NOTHING, NOTHING),
    "partner the person shares with": ({Part.ABOUT, Part.PLAN}, NOTHING),
    "partner the person does not share with": (NOTHING, NOTHING),
    "carer with consent": ({Part.PLAN, Part.GOALS, Part.CRISIS}, NOTHING),
    "carer without consent": (NOTHING, NOTHING),
    "the person": (ALL, PERSON_CHANGES),
    "someone unrelated": (NOTHING, NOTHING),
    "not signed in": (NOTHING, NOTHING),
}

# Words that appear only where a part of the record is shown.
MARKERS: dict[Part, str] = {
    Part.ABOUT: "07700 900123",
    Part.PLAN: "Cooking for my neighbours",
    Part.GOALS: "Join the allotment group",
    Part.CRISIS: "I stop answering the phone",
    Part.CIRCLE: "Grace Adjei",
    Part.SHARING: "What they can see",
    Part.SUPPORT: "We talked about the allotment",
    Part.MESSAGES: "Can we move Thursday to Friday",
    Part.ACCESS_LOG: "Every time someone looks at or changes",
    Part.HISTORY: "Every change to the plan is kept",
    Part.MEASURES: "GAD-7 scores over time",
}


@pytest.fixture
def world(
    person: Person,
    key_worker: StaffMember,
    colleague: StaffMember,
    other_team_member: StaffMember,
    person_user: Any,
    carer: CircleMember,
    carer_without_consent: CircleMember,
    partner: OrganisationMember,
    stranger: Any,
) -> dict[str, Any]:
    """One person with a full record, and everyone who might ask to see it."""
    plan = Plan.objects.create(
        person=person,
        what_matters="Cooking for my neighbours",
        crisis_signs="I stop answering the phone",
        version=1,
    )
    Goal.objects.create(plan=plan, description="Join the allotment group", domain="belonging")
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        snapshot=snapshot(plan),
        changed_at=timezone.now(),
        changed_by_description="Amara Okafor",
        summary="First plan",
    )
    CircleMember.objects.create(person=person, name="Grace Adjei", relationship="FRND")
    period = SupportPeriod.objects.create(
        person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 9, 1)
    )
    gad7 = Measure.objects.create(
        person=person,
        period=period,
        instrument="gad7",
        timepoint="start",
        taken_on=dt.date(2026, 9, 1),
        filled_in="together",
        with_member=key_worker,
    )
    Answer.objects.bulk_create(Answer(measure=gad7, item=n, value=1) for n in range(1, 8))
    Conversation.objects.create(
        person=person,
        held_by=key_worker,
        held_on=dt.date(2026, 9, 1),
        how="in-person",
        what_we_talked_about="We talked about the allotment",
    )
    MessageToTeam.objects.create(person=person, words="Can we move Thursday to Friday?")
    now = timezone.now()
    SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["what-matters", "what-helps", "goals", "crisis"],
        decided_at=now,
        decided_by="Ada",
    )
    SharingChoice.objects.create(
        person=person,
        organisation=partner.organisation,
        parts=["about", "what-matters"],
        decided_at=now,
        decided_by="Ada",
    )
    unshared = Organisation.objects.create(name="Streatham Food Bank", kind="voluntary-community")
    other_partner = OrganisationMember.objects.create(
        user=_user_with_device("sam-partner"), organisation=unshared, name="Sam Reid"
    )
    return {
        "key worker": lambda c: sign_in(c, key_worker),
        "colleague on the same team": lambda c: sign_in(c, colleague),
        "staff on another team": lambda c: sign_in(c, other_team_member),
        "partner the person shares with": lambda c: sign_in_partner(c, partner),
        "partner the person does not share with": lambda c: sign_in_partner(c, other_partner),
        "carer with consent": lambda c: sign_in_person(c, carer.user),
        "carer without consent": lambda c: sign_in_person(c, carer_without_consent.user),
        "the person": lambda c: sign_in_person(c, person_user),
        "someone unrelated": lambda c: sign_in_person(c, stranger),
        "not signed in": lambda c: c,
        "_users": {
            "key worker": key_worker.user,
            "colleague on the same team": colleague.user,
            "staff on another team": other_team_member.user,
            "partner the person shares with": partner.user,
            "partner the person does not share with": other_partner.user,
            "carer with consent": carer.user,
            "carer without consent": carer_without_consent.user,
            "the person": person_user,
            "someone unrelated": stranger,
        },
        "carer": carer,
        "plan": plan,
    }


def _user_with_device(username: str) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import UserFactory

    user = UserFactory.create(username=username)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def _client(world: dict[str, Any], role: str) -> Client:
    signer: Callable[[Client], Client] = world[role]
    return signer(Client())


def _pages(person: Person) -> list[str]:
    """Every page that shows any part of a person's record, on every side."""
    team = [
        reverse("person", args=[person.pk]),
        *(
            reverse(name, args=[person.pk])
            for name in (
                "plan",
                "circle",
                "sharing",
                "access-log",
                "plan-history",
                "plan-print",
                "measures",
            )
        ),
    ]
    own = [
        reverse(name)
        for name in (
            "my-home",
            "my-record",
            "my-plan",
            "my-circle",
            "my-sharing",
            "my-access-log",
            "my-plan-history",
            "my-plan-print",
            "my-messages",
            "my-measures",
        )
    ]
    return [*team, *own, reverse("shared"), reverse("shared-person", args=[person.pk])]


def _user(world: dict[str, Any], role: str) -> Any:
    if role == "not signed in":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    user = world["_users"][role]
    if role in (
        "key worker",
        "colleague on the same team",
        "staff on another team",
    ) or role.startswith("partner"):
        user.is_verified = lambda: True  # as django-otp's middleware marks a verified session
    else:
        user.is_verified = lambda: False
    return user


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_policy_agrees_with_the_table(world: dict[str, Any], person: Person, role: str) -> None:
    reads, changes = EXPECTED[role]
    user = _user(world, role)
    for part in Part:
        try:
            policy.record_for(user, person.pk, part=part, why="Test")
            can_read = True
        except ApplicationError:
            can_read = False
        try:
            policy.record_for(user, person.pk, part=part, why="Test", change=True)
            can_change = True
        except ApplicationError:
            can_change = False
        assert (part, can_read) == (part, part in reads)
        assert (part, can_change) == (part, part in changes)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_pages_show_exactly_the_parts_in_the_table(
    world: dict[str, Any], person: Person, role: str
) -> None:
    reads, _ = EXPECTED[role]
    client = _client(world, role)
    seen = ""
    for page in _pages(person):
        response = client.get(page)
        assert response.status_code in (200, 302, 403, 404), page
        if response.status_code == 200:
            seen += response.content.decode()
    visible = {part for part, marker in MARKERS.items() if marker in seen}
    assert visible == reads


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_api_shows_exactly_the_parts_in_the_table(
    world: dict[str, Any], person: Person, role: str
) -> None:
    reads, _ = EXPECTED[role]
    client = _client(world, role)
    response = client.get(f"/api/people/{person.pk}/plan")
    shareable_reads = reads & {
        Part.ABOUT,
        Part.PLAN,
        Part.GOALS,
        Part.CRISIS,
        Part.CIRCLE,
        Part.SHARING,
    }
    if not reads:
        assert response.status_code in (401, 404)
        assert "Cooking" not in response.content.decode()
        return
    assert response.status_code == 200
    body = response.json()
    assert set(body["readable"]) == {p.value for p in reads}
    shown = {part for part in Part if part.value in body and body[part.value] is not None}
    assert shown == shareable_reads
    text = json.dumps(body)
    for part in (Part.PLAN, Part.GOALS, Part.CRISIS, Part.CIRCLE, Part.ABOUT):
        assert (MARKERS[part] in text) == (part in reads)


def _saved(response: Any) -> bool:
    """A change saved: redirected back to the plan, not to a sign-in page, not refused."""
    return response.status_code == 302 and "sign-in" not in response["Location"]


def _changes_by_page(
    client: Client, person: Person, world: dict[str, Any], own: bool
) -> dict[Part, bool]:
    """Try one change of each part through the pages; return whether each was saved."""

    def url(name: str, *args: Any) -> str:
        return (
            reverse(f"my-{name}", args=args or None)
            if own
            else reverse(name, args=[person.pk, *args])
        )

    version = str(Plan.objects.get(person=person).version)
    codes = {
        Part.PLAN: client.post(
            url("plan-sections", "about"), {"version": version, "what_matters": "Changed by page"}
        ),
        Part.CRISIS: client.post(
            url("plan-sections", "crisis"), {"version": version, "crisis_signs": "Changed by page"}
        ),
        Part.GOALS: client.post(
            url("goal-new"), {"version": version, "description": "Page goal", "domain": "housing"}
        ),
        Part.CIRCLE: client.post(
            url("circle"), {"name": "Page Friend", "relationship": "FRND", "is_carer": "no"}
        ),
        Part.SHARING: client.post(
            url("sharing-change", "circle", world["carer"].pk), {"parts": ["what-helps"]}
        ),
        Part.ABOUT: client.post(url("details-change"), {"phone": "07700 900999"}),
        Part.MEASURES: client.post(
            url("measure-new", "gad7"),
            {
                "timepoint": "review",
                "item_1": "2",
                "taken_on[day]": "2",
                "taken_on[month]": "9",
                "taken_on[year]": "2026",
            },
        ),
    }
    for response in codes.values():
        assert response.status_code in (200, 302, 403, 404), response.status_code
    return {part: _saved(response) for part, response in codes.items()}


def _state(person: Person) -> tuple[Any, ...]:
    plan = Plan.objects.get(person=person)
    return (
        plan.what_matters,
        plan.crisis_signs,
        Goal.objects.filter(plan=plan).count(),
        CircleMember.objects.filter(person=person).count(),
        tuple(
            SharingChoice.objects.filter(person=person)
            .order_by("pk")
            .values_list("parts", flat=True)
        ),
        Person.objects.get(pk=person.pk).phone,
        Measure.objects.filter(person=person).count(),
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_pages_change_exactly_the_parts_in_the_table(
    world: dict[str, Any], person: Person, role: str
) -> None:
    _, changes = EXPECTED[role]
    client = _client(world, role)
    before = _state(person)
    for own in (False, True):
        saved = _changes_by_page(client, person, world, own)
        for part, was_saved in saved.items():
            allowed = part in changes and own == (role == "the person")
            assert (part, own, was_saved) == (part, own, allowed)
    after = _state(person)
    changed = [a != b for a, b in zip(before, after, strict=True)]
    assert changed == [
        Part.PLAN in changes,
        Part.CRISIS in changes,
        Part.GOALS in changes,
        Part.CIRCLE in changes,
        Part.SHARING in changes,
        Part.ABOUT in changes,
        Part.MEASURES in changes,
    ]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_api_changes_exactly_the_parts_in_the_table(
    world: dict[str, Any], person: Person, role: str
) -> None:
    _, changes = EXPECTED[role]
    client = _client(world, role)
    before = _state(person)
    version = Plan.objects.get(person=person).version
    calls = {
        Part.PLAN: client.patch(
            f"/api/people/{person.pk}/plan",
            {"version": version, "what_matters": "Changed by API"},
            content_type="application/json",
        ),
        Part.CRISIS: client.patch(
            f"/api/people/{person.pk}/plan",
            {"version": version, "crisis_signs": "Changed by API"},
            content_type="application/json",
        ),
        Part.GOALS: client.post(
            f"/api/people/{person.pk}/plan/goals",
            {"version": version, "description": "API goal", "domain": "money"},
            content_type="application/json",
        ),
        Part.SHARING: client.put(
            f"/api/people/{person.pk}/sharing",
            {"recipient_kind": "circle", "recipient_id": world["carer"].pk, "parts": ["goals"]},
            content_type="application/json",
        ),
    }
    for part, response in calls.items():
        ok = response.status_code in (200, 201)
        assert (part, ok) == (part, part in changes), (
            role,
            part,
            response.status_code,
            response.content,
        )
        if not ok:
            assert response.status_code in (401, 403, 404)
    after = _state(person)
    assert (after[0] != before[0]) == (Part.PLAN in changes)
    assert (after[2] != before[2]) == (Part.GOALS in changes)
    assert (after[4] != before[4]) == (Part.SHARING in changes)


def test_someone_the_plan_is_partly_shared_with_cannot_take_the_whole_plan_as_fhir(
    world: dict[str, Any], person: Person
) -> None:
    from livingwell.access.models import AccessLogEntry

    client = _client(world, "carer with consent")
    response = client.get(f"/api/people/{person.pk}/plan/fhir")
    assert response.status_code == 404
    assert "resourceType" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(what="their whole plan, as FHIR").exists()


# --- Each sharing choice shows exactly what its label names ----------------------------------------

# The parts of life, written out by hand.
DOMAINS = (
    "mental-health",
    "physical-health",
    "housing",
    "money",
    "work-and-learning",
    "relationships",
    "belonging",
    "safety",
    "substances",
    "caring",
)
# Never bundled into another choice: shared only by choosing that part of life.
SENSITIVE = {"mental-health", "safety", "substances"}

# Every piece of text a record can hold, and the one choice whose label names it, by hand from the
# labels ("My goals, but not goals about my mental health, safety, or alcohol and drugs", and so on).
NAMED_BY: dict[str, set[str]] = {
    "about": {"07700 900456", "ada.zq@example.com", "ZQ address", "12 March 1985", "1985-03-12"},
    "what-matters": {"ZQ what matters", "ZQ strengths"},
    "what-helps": {"ZQ what helps", "ZQ what does not help"},
    "goals": {f"ZQ goal {domain}" for domain in DOMAINS if domain not in SENSITIVE},
    "crisis": {"ZQ crisis signs", "ZQ crisis I can do", "ZQ crisis who to contact"},
    "circle": {"Zara Quill"},
    "team": {"Amara Okafor"},
    # The chart's title; the rated goal's words ("ZQ goal housing") show only with a choice of goals
    "measures": {"GAD-7 scores over time"},
    **{
        f"life-{domain}": {f"ZQ how {domain}", f"ZQ helped {domain}", f"ZQ goal {domain}"}
        for domain in DOMAINS
    },
}
# Named by no choice: "Who is in my circle of support" names who, not how to reach them.
NAMED_BY_NONE = {"07700 900789"}
EVERY_MARKER = set().union(*NAMED_BY.values(), NAMED_BY_NONE)


@pytest.fixture
def whole_record(person: Person, key_worker: StaffMember, carer: CircleMember) -> Plan:
    """A record with something written in every field, each in words found nowhere else."""
    person.phone, person.email, person.address = "07700 900456", "ada.zq@example.com", "ZQ address"
    person.date_of_birth = dt.date(1985, 3, 12)
    person.save()
    plan = Plan.objects.create(
        person=person,
        what_matters="ZQ what matters",
        strengths="ZQ strengths",
        what_helps="ZQ what helps",
        what_does_not_help="ZQ what does not help",
        crisis_signs="ZQ crisis signs",
        crisis_what_i_can_do="ZQ crisis I can do",
        crisis_who_to_contact="ZQ crisis who to contact",
        version=1,
    )
    for domain in DOMAINS:
        plan.domains.create(
            domain=domain, how_things_are=f"ZQ how {domain}", what_has_helped=f"ZQ helped {domain}"
        )
        Goal.objects.create(plan=plan, description=f"ZQ goal {domain}", domain=domain)
    CircleMember.objects.create(
        person=person, name="Zara Quill", relationship="FRND", phone="07700 900789"
    )
    period = SupportPeriod.objects.create(
        person=person, team=person.team, key_worker=key_worker, started_on=dt.date(2026, 9, 1)
    )
    taken = {
        "person": person,
        "period": period,
        "timepoint": "start",
        "taken_on": dt.date(2026, 9, 1),
        "filled_in": "together",
        "with_member": key_worker,
    }
    gad7 = Measure.objects.create(instrument="gad7", **taken)
    Answer.objects.bulk_create(Answer(measure=gad7, item=n, value=2) for n in range(1, 8))
    ratings = Measure.objects.create(instrument="goal-ratings", **taken)
    GoalRating.objects.create(
        measure=ratings, goal=Goal.objects.get(plan=plan, domain="housing"), score=3
    )
    return plan


def _markers_seen(client: Client, person: Person, pages: list[str]) -> set[str]:
    seen = ""
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        seen += response.content.decode()
    return {marker for marker in EVERY_MARKER if marker in seen}


def test_every_choice_is_in_the_table() -> None:
    from livingwell.codes.record import SHAREABLE_PARTS

    assert set(NAMED_BY) == set(SHAREABLE_PARTS)


@pytest.mark.parametrize("choice", list(NAMED_BY))
@pytest.mark.parametrize("recipient", ["carer", "partner"])
def test_each_choice_shows_only_what_its_label_names(
    whole_record: Plan,
    person: Person,
    carer: CircleMember,
    partner: OrganisationMember,
    choice: str,
    recipient: str,
) -> None:
    if recipient == "carer":
        SharingChoice.objects.create(
            person=person, circle_member=carer, parts=[choice], decided_at=timezone.now()
        )
        client = sign_in_person(Client(), carer.user)
    else:
        SharingChoice.objects.create(
            person=person,
            organisation=partner.organisation,
            parts=[choice],
            decided_at=timezone.now(),
        )
        client = sign_in_partner(Client(), partner)
    pages = [
        reverse("shared"),
        reverse("shared-person", args=[person.pk]),
        f"/api/people/{person.pk}/plan",
    ]
    assert _markers_seen(client, person, pages) == NAMED_BY[choice]


def test_sharing_what_matters_never_shows_what_was_said_about_safety(
    whole_record: Plan, person: Person, carer: CircleMember
) -> None:
    """The defect as found: "what matters" with a relative also showed the whole of "My life"."""
    whole_record.domains.filter(domain="safety").update(
        how_things_are="My ex still turns up at the flat and I do not feel safe"
    )
    SharingChoice.objects.create(
        person=person,
        circle_member=carer,
        parts=["what-matters", "what-helps", "goals"],
        decided_at=timezone.now(),
    )
    client = sign_in_person(Client(), carer.user)
    page = client.get(reverse("shared-person", args=[person.pk])).content.decode()
    api = client.get(f"/api/people/{person.pk}/plan").content.decode()
    assert "ZQ what matters" in page
    for text in (page, api):
        assert "My ex still turns up" not in text
        assert "ZQ goal safety" not in text
        assert "ZQ how housing" not in text


@pytest.mark.parametrize(
    "parts",
    [
        ["what-helps", "life-safety", "goals"],
        ["about", "crisis", "life-substances", "team"],
        ["circle", "life-mental-health"],
    ],
)
def test_the_preview_shows_exactly_what_the_recipient_sees(
    whole_record: Plan,
    person: Person,
    person_user: Any,
    colleague: StaffMember,
    carer: CircleMember,
    parts: list[str],
) -> None:
    SharingChoice.objects.create(
        person=person, circle_member=carer, parts=parts, decided_at=timezone.now()
    )
    theirs = _markers_seen(
        sign_in_person(Client(), carer.user), person, [reverse("shared-person", args=[person.pk])]
    )
    on_a_page = set().union(*(NAMED_BY[part] for part in parts)) - {"1985-03-12"}  # the API's form
    assert theirs == on_a_page
    own = _markers_seen(
        sign_in_person(Client(), person_user),
        person,
        [reverse("my-sharing-preview", args=["circle", carer.pk])],
    )
    team = _markers_seen(
        sign_in(Client(), colleague),  # not the key worker, whose name is in the header
        person,
        [reverse("sharing-preview", args=[person.pk, "circle", carer.pk])],
    )
    assert own == theirs
    assert team == theirs


def test_a_preview_is_only_for_the_person_and_their_team(
    whole_record: Plan,
    person: Person,
    carer: CircleMember,
    other_team_member: StaffMember,
) -> None:
    SharingChoice.objects.create(
        person=person, circle_member=carer, parts=["crisis"], decided_at=timezone.now()
    )
    for client in (sign_in_person(Client(), carer.user), sign_in(Client(), other_team_member)):
        response = client.get(reverse("sharing-preview", args=[person.pk, "circle", carer.pk]))
        assert response.status_code == 404
        assert "ZQ crisis" not in response.content.decode()
