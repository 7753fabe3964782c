"""The one door to a person's record.

Every page and API call that reads or changes anything about a person comes through here: it checks who
is asking, answers "not found" for anything outside what they may see (so a record's existence is not
revealed), and writes the access log entry. One rule a line, so the rules can be read in one place:

- Only staff with a verified second factor reach the team's pages.
- Staff see and act for the people their own team supports (relational rule 7: anyone on the team can act).
- A person reads their whole record and changes their own plan (relational rule 4).
- Someone in their circle, or a partner organisation, sees only what the person shares with them, read
  afresh on every request, so withdrawing takes effect at once. Partners also need their second factor.
- Which part each may read or change is one table, `livingwell.access.rules`.
- Every read and every change of a person's record is logged, with who, what and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from livingwell.access.models import BOARD_LIST, SHARED_LIST, AccessAction, AccessLogEntry
from livingwell.access.rules import Relation, changeable, readable, shares
from livingwell.codes.record import Part
from livingwell.core.errors import Forbidden, NotFound
from livingwell.frontdoor.models import OPEN_STATUSES, Introduction, IntroductionStatus
from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember, Person, SharingChoice
from livingwell.team.models import StaffMember


def signed_in_staff(user: Any) -> StaffMember | None:
    """The staff member behind a request, only once they have passed their second factor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not _verified(user):
        return None
    try:
        member: StaffMember = user.staff_member  # loaded with the user (team.backends.StaffBackend)
    except StaffMember.DoesNotExist:
        return None
    return member


def staff_for(user: Any) -> StaffMember:
    """The staff member, or Forbidden: for pages and API calls only the team may use."""
    member = signed_in_staff(user)
    if member is None:
        raise Forbidden("Only members of the team can see this.")
    return member


def _people_visible_to(member: StaffMember) -> QuerySet[Person]:
    return Person.objects.filter(team_id=member.team_id)


def person_for(
    user: Any,
    person_id: int,
    *,
    why: str,
    action: str = AccessAction.VIEW,
    what: str = "their record",
) -> Person:
    """A person's record, for someone allowed to see it. Logged."""
    member = staff_for(user)
    person = _people_visible_to(member).select_related("team").filter(pk=person_id).first()
    if person is None:
        raise NotFound("We could not find that person.")
    record_access(member, [person.pk], action=action, what=what, why=why)
    return person


def introduction_for(
    user: Any, introduction_id: int, *, why: str, action: str = AccessAction.VIEW
) -> Introduction:
    """An introduction and its person, for a member of the person's team. Logged."""
    member = staff_for(user)
    introduction = (
        Introduction.objects.select_related(
            "person", "picked_up_by", "recorded_by", "conversation", "set_aside_by", "repeat_of"
        )
        .filter(team_id=member.team_id, pk=introduction_id)
        .first()
    )
    if introduction is None:
        raise NotFound("We could not find that introduction.")
    record_access(
        member,
        [introduction.person_id],
        action=action,
        what=f"introduction {introduction.reference}",
        why=why,
    )
    return introduction


def open_introductions_for(user: Any) -> QuerySet[Introduction]:
    """Every open introduction of the team, oldest first: nothing is filtered out or hidden."""
    member = staff_for(user)
    return (
        Introduction.objects.filter(team_id=member.team_id, status__in=OPEN_STATUSES)
        .select_related("person", "picked_up_by")
        .order_by("received_at", "pk")
    )


def set_aside_introductions_for(user: Any) -> QuerySet[Introduction]:
    """The team's introductions a team lead has set aside (ADR 0006), most recent first."""
    member = staff_for(user)
    return (
        Introduction.objects.filter(team_id=member.team_id, status=IntroductionStatus.SET_ASIDE)
        .select_related("person", "set_aside_by", "repeat_of")
        .order_by("-set_aside_at", "-pk")
    )


def record_listing(user: Any, person_ids: Sequence[int], *, why: str) -> None:
    """A list that shows people's names (the team board) counts as a look at each of them: one entry
    a person, asker and day, counted (see `_log_listing`)."""
    member = staff_for(user)
    _log_listing(member.user_id, staff_description(member), person_ids, what=BOARD_LIST, why=why)


def staff_description(member: StaffMember) -> str:
    return f"{member.name}, {member.get_role_display()}, {member.team.name}"


def record_access(
    member: StaffMember, person_ids: Iterable[int], *, action: str, what: str, why: str
) -> None:
    _log(member.user_id, staff_description(member), person_ids, action=action, what=what, why=why)


def _log(
    user_id: int | None,
    description: str,
    person_ids: Iterable[int],
    *,
    action: str,
    what: str,
    why: str,
) -> None:
    ids = list(person_ids)
    if not ids:
        return
    if connection.vendor == "postgresql":
        # One statement for a whole list: the board logs 50 people a view, and building 50 model
        # instances for bulk_create cost more than the rest of the page's database work.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {AccessLogEntry._meta.db_table} "  # noqa: S608 - our own table name
                "(at, person_id, actor_id, actor_description, action, what, why) "
                "SELECT %s, person_id, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS person_id",
                [timezone.now(), user_id, description, action, what, why, ids],
            )
        return
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            person_id=person_id,
            actor_id=user_id,
            actor_description=description,
            action=action,
            what=what,
            why=why,
        )
        for person_id in ids
    )


def _log_listing(
    user_id: int, description: str, person_ids: Iterable[int], *, what: str, why: str
) -> None:
    """A list showed these people's names: one entry a person, asker, day and list, counted.

    The first time today adds the entry; each time after adds one to its count and moves its last
    time on. Real looks (the record, the plan, the crisis plan) are logged by `_log`, one entry each,
    and never folded, so a busy board cannot bury them (ADR 0002)."""
    # Each person once (the board can show someone twice, with two introductions), in order, so that
    # two views of the same list lock the same entries in the same order and never deadlock.
    ids = sorted(set(person_ids))
    if not ids:
        return
    now = timezone.now()
    day = timezone.localdate(now)
    table = AccessLogEntry._meta.db_table
    if connection.vendor == "postgresql":
        # One statement for the whole list, as before: the partial unique index
        # access_list_look_once_a_day is what ON CONFLICT finds the day's entry by.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} AS entry "  # noqa: S608 - our own table name
                "(at, last_at, list_day, count, person_id, actor_id, actor_description, action, "
                "what, why) "
                "SELECT %s, %s, %s, 1, person_id, %s, %s, %s, %s, %s "
                "FROM unnest(%s::bigint[]) AS person_id "
                "ON CONFLICT (person_id, actor_id, list_day, what, why) "
                "WHERE list_day IS NOT NULL "
                "DO UPDATE SET count = entry.count + 1, last_at = EXCLUDED.last_at",
                [now, now, day, user_id, description, AccessAction.VIEW, what, why, ids],
            )
        return
    with transaction.atomic():
        today = AccessLogEntry.objects.filter(
            person_id__in=ids, actor_id=user_id, list_day=day, what=what, why=why
        )
        seen = set(today.values_list("person_id", flat=True))
        today.update(count=F("count") + 1, last_at=now)
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                person_id=person_id,
                actor_id=user_id,
                actor_description=description,
                action=AccessAction.VIEW,
                what=what,
                why=why,
                list_day=day,
                count=1,
                last_at=now,
            )
            for person_id in ids
            if person_id not in seen
        )


def record_front_door_introduction(person_id: int, *, channel: str) -> None:
    """Someone introduced themselves, or someone else, without an account: the record's first entry."""
    AccessLogEntry.objects.create(
        person_id=person_id,
        actor=None,
        actor_description=f"The front door ({channel})",
        action=AccessAction.CREATE,
        what="their introduction",
        why="Asking for support",
    )


# --- The whole record, for anyone related to the person -------------------------------------------


@dataclass(frozen=True)
class Record:
    """One person's record as one asker may see it: what they may read and change, and who they are
    (for the access log). Made only by `record_for`; services take it to log the changes they make."""

    person: Person
    relation: Relation
    readable: frozenset[Part]
    changeable: frozenset[Part]
    actor_id: int
    actor_description: str
    # The sharing choices whose contents the asker sees: every one for the team and the person.
    shares: frozenset[str] = frozenset()

    def can_read(self, part: Part) -> bool:
        return part in self.readable

    def sees(self, share: str) -> bool:
        return share in self.shares

    def can_change(self, part: Part) -> bool:
        return part in self.changeable

    def log_answer(self, parts: Iterable[Part], *, why: str) -> None:
        """An API answer holding these parts of the record: a look at those the asker may read."""
        shown = self.readable & frozenset(parts)
        what = parts_in_words(shown) if shown else "their name"
        self.log(action=AccessAction.VIEW, what=what, why=why)

    def log(self, *, action: str, what: str, why: str) -> None:
        _log(
            self.actor_id,
            self.actor_description,
            [self.person.pk],
            action=action,
            what=what,
            why=why,
        )


def _verified(user: Any) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def relation_to(user: Any, person: Person) -> tuple[Relation, frozenset[str], str]:
    """How the asker is related to the person, what the person shares with them, and how the access
    log names them. Read from the database on every call: nothing here is cached."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Relation.NONE, frozenset(), ""
    member = signed_in_staff(user)
    if member is not None:
        if member.team_id == person.team_id:
            return Relation.TEAM, frozenset(), staff_description(member)
        return Relation.NONE, frozenset(), ""
    if person.user_id is not None and person.user_id == user.pk:
        return Relation.SELF, frozenset(), f"{person.name} (the person)"
    circle_member = CircleMember.objects.filter(person=person, user=user).first()
    if circle_member is not None:
        choice = SharingChoice.objects.filter(circle_member=circle_member).first()
        return Relation.CIRCLE, frozenset(choice.parts if choice else ()), circle_member.description
    partner = (
        OrganisationMember.objects.select_related("organisation").filter(user=user).first()
        if _verified(user)
        else None
    )
    if partner is not None:
        choice = SharingChoice.objects.filter(
            person=person, organisation_id=partner.organisation_id
        ).first()
        if choice is not None:
            return Relation.ORGANISATION, frozenset(choice.parts), partner.description
    return Relation.NONE, frozenset(), ""


def record_for(
    user: Any,
    person_id: int,
    *,
    part: Part | None,
    why: str,
    change: bool = False,
    what: str | None = None,
    only: Relation | tuple[Relation, ...] | None = None,
    answer_logs_itself: bool = False,
) -> Record:
    """A person's record for someone allowed to read (or change) `part` of it. Logged.

    `only` limits a page to one side: the team's pages to the team, the person's own to the person.

    `part=None` asks for whatever the asker may read, and is refused only if that is nothing.
    Not signed in: Forbidden (the pages send them to sign in). Not allowed: NotFound, the same answer
    as for a record that does not exist. Allowed to read but not to change: Forbidden, and nothing is
    logged. Allowed: the look is logged.

    `answer_logs_itself=True` is for an API answer that holds more than `part`: the look is not logged
    here but by the caller, once it has the answer, as the parts it holds (`Record.log_answer`).
    """
    if not getattr(user, "is_authenticated", False):
        raise Forbidden("Sign in to see this.")
    person = Person.objects.select_related("team").filter(pk=person_id).first()
    if person is None:
        raise NotFound("We could not find that person, or their record is not shared with you.")
    relation, shared, description = relation_to(user, person)
    record = Record(
        person=person,
        relation=relation,
        readable=readable(relation, shared),
        changeable=changeable(relation),
        actor_id=user.pk,
        actor_description=description,
        shares=shares(relation, shared),
    )
    if only is not None and relation not in (only if isinstance(only, tuple) else (only,)):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    if not record.readable or (part is not None and not record.can_read(part)):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    if change and (part is None or not record.can_change(part)):
        raise Forbidden("You can read this but not change it.")
    if answer_logs_itself:
        return record
    # A page that changes a part shows it first (the form holds what is there now), so opening it is a
    # look; the service then logs the change itself (ADR 0002: a look and a change, as happened).
    shown = what or (part.words if part else parts_in_words(record.readable))
    record.log(action=AccessAction.VIEW, what=shown, why=why)
    return record


def as_shared_with(record: Record, relation: Relation, shared: Iterable[str]) -> Record:
    """The record as someone the person shares `shared` with would see it: a preview for the person and
    their team, built by the same code as the recipient's own page. Nothing can be changed through it,
    and it is not logged as the recipient (the asker's own look is logged by `record_for`)."""
    if not record.can_read(Part.SHARING):
        raise NotFound("We could not find that person, or their record is not shared with you.")
    if relation not in (Relation.CIRCLE, Relation.ORGANISATION):
        raise ValueError("A preview is of someone in the circle or an organisation")
    parts = frozenset(shared)
    return Record(
        person=record.person,
        relation=relation,
        readable=readable(relation, parts),
        changeable=frozenset(),
        actor_id=record.actor_id,
        actor_description=record.actor_description,
        shares=shares(relation, parts),
    )


def parts_in_words(parts: Iterable[Part]) -> str:
    chosen = set(parts)
    words = [p.words for p in Part if p in chosen]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def own_person(user: Any) -> Person | None:
    """The person record of a signed-in person (not staff), if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


@dataclass(frozen=True)
class SharedPage:
    """One page of the people who share something with the asker, by name."""

    people: list[tuple[Person, Relation]]
    total: int
    page: int
    pages: int


SHARED_PAGE_SIZE = 25


def shared_with(user: Any, *, page: int = 1, per_page: int = SHARED_PAGE_SIZE) -> SharedPage:
    """The people who share some of their record with this person, in their circle or as a partner
    organisation. Someone who shares nothing with them (never, or no longer) is not listed.

    Only their names are shown in the list; each name shown on the page is logged as a look, in the
    words the person's access log uses for the asker."""
    if not getattr(user, "is_authenticated", False):
        raise Forbidden("Sign in to see this.")
    found: dict[int, tuple[Person, Relation, str]] = {}
    # Only people who share something: being in someone's circle, or having been shared with before a
    # withdrawal, shows nothing, not even the name (and so logs nothing).
    for choice in SharingChoice.objects.filter(circle_member__user=user).select_related(
        "person", "circle_member"
    ):
        if choice.parts and choice.circle_member is not None:
            found.setdefault(
                choice.person_id,
                (choice.person, Relation.CIRCLE, choice.circle_member.description),
            )
    if _verified(user):
        partner = (
            OrganisationMember.objects.select_related("organisation").filter(user=user).first()
        )
        if partner is not None:
            for choice in SharingChoice.objects.filter(
                organisation_id=partner.organisation_id
            ).select_related("person"):
                if choice.parts:
                    found.setdefault(
                        choice.person_id,
                        (choice.person, Relation.ORGANISATION, partner.description),
                    )
    everyone = sorted(found.values(), key=lambda item: (item[0].name, item[0].pk))
    pages = max(1, -(-len(everyone) // per_page))
    page = min(max(page, 1), pages)
    shown = everyone[(page - 1) * per_page : page * per_page]
    by_description: dict[str, list[int]] = {}
    for person, _relation, description in shown:
        by_description.setdefault(description, []).append(person.pk)
    for description, ids in by_description.items():
        _log_listing(
            user.pk,
            description,
            ids,
            what=SHARED_LIST,
            why="Seeing who shares their record with you",
        )
    return SharedPage(
        people=[(person, relation) for person, relation, _ in shown],
        total=len(everyone),
        page=page,
        pages=pages,
    )
