"""A key worker's people and a search of the team's people: the lists a team member works from.

Each list goes through the access policy first (only the team sees its people) and every name it shows
is logged as a look at a list, counted by the day, as the board's are (ADR 0002).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from livingwell.access import policy
from livingwell.access.models import MY_PEOPLE_LIST, SEARCH_LIST
from livingwell.access.policy import Asker
from livingwell.frontdoor.models import ContactMethod, Conversation, Introduction
from livingwell.people.models import MessageToTeam, NextStep, Person, SharingChoice, SupportPeriod
from livingwell.people.selectors import open_next_steps
from livingwell.warm_introductions.presenters import Attention, attention
from livingwell.warm_introductions.selectors import needing_attention

# How "My people" can be sorted, and what the sort links say.
MY_PEOPLE_SORTS = {
    "next-step": "Next step",
    "last-contact": "Last contact",
    "name": "Name",
}
SEARCH_LIMIT = 50
ON_THE_BOARD = 50
T = TypeVar("T", NextStep, MessageToTeam, Attention)
NHS_NUMBER = re.compile(r"^\d{10}$")
REFERENCE = re.compile(r"^LW[A-Z0-9]{6}$")  # an introduction's reference, without its hyphen
DATE = re.compile(r"^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$")


@dataclass
class CaseloadRow:
    """One person on "My people"."""

    person_id: int
    name: str
    last_contact: dt.date | None
    next_step: NextStep | None
    shares_with: list[str] = field(default_factory=list)
    contact: str = ""

    @property
    def overdue(self) -> bool:
        return self.next_step is not None and self.next_step.due_on < timezone.localdate()


def _contact_words(method: str, best_time: str, may_leave_message: bool | None) -> str:
    """How the person asked to be contacted, in a few words: "Text, mornings, no messages"."""
    words = [ContactMethod(method).label] if method else []
    if best_time:
        words.append(best_time)
    if may_leave_message is not None:
        words.append("messages are fine" if may_leave_message else "no messages")
    return ", ".join(words)


@dataclass(frozen=True)
class MyPeople:
    """One page of "My people"."""

    page: Page[Any]
    rows: list[CaseloadRow]


def my_people(user: Asker, *, sort: str = "next-step", number: int | str | None = 1) -> MyPeople:
    """The people the asker is key worker for now, a page at a time: when the team last talked with
    them, their next step, who they share with and how they like to be contacted. Sorted in the
    database, so a long list costs no more than a short one. Logged as a look at a list."""
    member = policy.staff_for(user)
    # From the key worker's open support (an index of its own), not from everyone on the team.
    person = OuterRef("person_id")
    latest = Introduction.objects.filter(person=person).order_by("-received_at", "-pk")
    last_contact = Conversation.objects.filter(person=person).order_by("-held_on")
    next_due = NextStep.objects.filter(person=person, done_on__isnull=True).order_by("due_on")
    people = (
        SupportPeriod.objects.filter(
            key_worker=member, team_id=member.team_id, ended_on__isnull=True
        )
        .annotate(
            given_name=F("person__given_name"),
            family_name=F("person__family_name"),
            last_contact=Subquery(last_contact.values("held_on")[:1]),
            next_due=Subquery(next_due.values("due_on")[:1]),
            contact_method=Subquery(latest.values("contact_method")[:1]),
            best_time=Subquery(latest.values("best_time")[:1]),
            may_leave_message=Subquery(latest.values("may_leave_message")[:1]),
        )
        .order_by(*MY_PEOPLE_ORDER.get(sort, MY_PEOPLE_ORDER["next-step"]))
        .values(
            "person_id",
            "given_name",
            "family_name",
            "last_contact",
            "contact_method",
            "best_time",
            "may_leave_message",
        )
    )
    paginator = Paginator(people, settings.LIVINGWELL_BOARD_PAGE_SIZE)
    # Counted from the support alone (its own index), not through the names and sorts above.
    paginator.count = SupportPeriod.objects.filter(
        key_worker=member, team_id=member.team_id, ended_on__isnull=True
    ).count()
    page = paginator.get_page(number)
    rows = {
        p["person_id"]: CaseloadRow(
            person_id=p["person_id"],
            name=f"{p['given_name']} {p['family_name']}".strip(),
            last_contact=p["last_contact"],
            next_step=None,
            contact=_contact_words(p["contact_method"], p["best_time"], p["may_leave_message"]),
        )
        for p in page.object_list
    }
    for step in open_next_steps(rows):
        rows[step.person_id].next_step = rows[step.person_id].next_step or step
    for person_id, names in sharing_names(rows).items():
        rows[person_id].shares_with = names
    policy.record_listing(user, list(rows), why="Working from my people", what=MY_PEOPLE_LIST)
    return MyPeople(page=page, rows=list(rows.values()))


# How each sort orders the list: the soonest next step first (none agreed, last); the longest since
# the team last talked with them first (never, before all); or by name.
MY_PEOPLE_ORDER = {
    "next-step": (F("next_due").asc(nulls_last=True), "given_name", "family_name", "person_id"),
    "last-contact": (
        F("last_contact").asc(nulls_first=True),
        "given_name",
        "family_name",
        "person_id",
    ),
    "name": (Lower("given_name"), Lower("family_name"), "person_id"),
}


def sharing_names(person_ids: Iterable[int]) -> dict[int, list[str]]:
    """Who each person shares anything with: the names of people in their circle and organisations."""
    names: dict[int, list[str]] = defaultdict(list)
    choices = (
        SharingChoice.objects.filter(person_id__in=list(person_ids))
        .exclude(parts=[])
        .values_list("person_id", "circle_member__name", "organisation__name")
        .order_by("person_id", "circle_member__name", "organisation__name")
    )
    for person_id, circle_name, organisation_name in choices:
        names[person_id].append(circle_name or organisation_name)
    return names


@dataclass(frozen=True)
class Found:
    """One person found by a search."""

    person_id: int
    name: str
    date_of_birth: dt.date | None
    nhs_number: str
    key_worker: str


@dataclass(frozen=True)
class Search:
    query: str
    found: list[Found]
    more: bool  # there were more than SEARCH_LIMIT


def people_search(user: Asker, query: str) -> Search:
    """Anyone the team supports or has been introduced to, by name, date of birth, NHS number or an
    introduction's reference. Only the asker's own team; each name shown is logged as a look."""
    member = policy.staff_for(user)
    query = " ".join(query.split())[:200]
    if not query:
        return Search(query="", found=[], more=False)
    people = Person.objects.filter(team_id=member.team_id, joined_into__isnull=True)
    compact = re.sub(r"[\s-]", "", query)
    date = DATE.match(query)
    if NHS_NUMBER.match(compact):
        people = people.filter(nhs_number=compact)
    elif REFERENCE.match(compact.upper()):
        people = people.filter(introductions__reference=f"LW-{compact.upper()[2:]}")
    elif date:
        day, month, year = (int(part) for part in date.groups())
        try:
            people = people.filter(date_of_birth=dt.date(year, month, day))
        except ValueError:
            people = people.none()
    else:
        for word in query.split(" "):
            people = people.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    key_worker = SupportPeriod.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
    values = list(
        people.annotate(key_worker_name=Subquery(key_worker.values("key_worker__name")[:1]))
        .order_by("family_name", "given_name", "pk")
        .values(
            "pk", "given_name", "family_name", "date_of_birth", "nhs_number", "key_worker_name"
        )[: SEARCH_LIMIT + 1]
    )
    found = [
        Found(
            person_id=v["pk"],
            name=f"{v['given_name']} {v['family_name']}".strip(),
            date_of_birth=v["date_of_birth"],
            nhs_number=v["nhs_number"],
            key_worker=v["key_worker_name"] or "",
        )
        for v in values[:SEARCH_LIMIT]
    ]
    policy.record_listing(
        user, [f.person_id for f in found], why="Searching for someone", what=SEARCH_LIST
    )
    return Search(query=query, found=found, more=len(values) > SEARCH_LIMIT)


@dataclass(frozen=True)
class Oldest(Generic[T]):
    """The oldest of something on the board (overdue next steps, messages not read), and whether
    there are more than the board shows."""

    items: list[T]
    more: bool

    @property
    def shown(self) -> int:
        return len(self.items)


def _oldest(found: list[T], user: Asker, shown: Iterable[int]) -> Oldest[T]:
    """The first ON_THE_BOARD of `found` (which holds one more, to tell if there are more); each
    name shown is logged as a look at the board, but not again for people in `shown`."""
    more = len(found) > ON_THE_BOARD
    found = found[:ON_THE_BOARD]
    already = set(shown)
    policy.record_listing(
        user,
        [item.person_id for item in found if item.person_id not in already],
        why="Working the team board",
    )
    return Oldest(items=found, more=more)


_NAMES = ("person__given_name", "person__family_name")


def overdue_next_steps(user: Asker, *, shown: Iterable[int] = ()) -> Oldest[NextStep]:
    """The team's next steps past their day and not done, oldest first, for the board. Each name
    shown is logged as a look at the board, but once: not again for people in `shown`, whose names
    the board's rows have shown (and logged) already."""
    member = policy.staff_for(user)
    steps = list(
        NextStep.objects.filter(
            person__team_id=member.team_id,
            done_on__isnull=True,
            due_on__lt=timezone.localdate(),
        )
        .select_related("person", "by")
        # Only what the board shows: the person's name, not their whole record.
        .only(*_NAMES, "what", "due_on", "by_someone_else", "by__name")
        .order_by("due_on", "pk")[: ON_THE_BOARD + 1]
    )
    return _oldest(steps, user, shown)


def messages_not_read(user: Asker, *, shown: Iterable[int] = ()) -> Oldest[MessageToTeam]:
    """Messages people have sent the team that nobody on it has read yet, oldest first, for the
    board: who sent each and when, not what it says (that is on their record)."""
    member = policy.staff_for(user)
    found = list(
        MessageToTeam.objects.filter(person__team_id=member.team_id, read_at__isnull=True)
        .select_related("person")
        .only(*_NAMES, "sent_at")
        .order_by("sent_at", "pk")[: ON_THE_BOARD + 1]
    )
    return _oldest(found, user, shown)


def warm_introductions_needing(
    user: Asker, *, shown: Iterable[int] = (), only_mine: bool = True
) -> Oldest[Attention]:
    """Warm introductions that stalled or did not land, oldest first: the signed-in key worker's
    own (the board), or the whole team's (the huddle). Each name shown is a look at the list."""
    member = policy.staff_for(user)
    found, more = needing_attention(
        member.team_id,
        now=timezone.now(),
        introducer_id=member.pk if only_mine else None,
        limit=ON_THE_BOARD,
    )
    today = timezone.localdate()
    lines = [attention(w, today=today) for w in found]
    already = set(shown)
    policy.record_listing(
        user,
        [line.person_id for line in lines if line.person_id not in already],
        why="Working the team board",
    )
    return Oldest(items=lines, more=more)
