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

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max
from django.db.models.functions import Coalesce

from livingwell.access.log import write_entries, write_list_looks
from livingwell.access.models import BOARD_LIST, INTRODUCTIONS_LIST, SHARED_LIST, AccessLogEntry
from livingwell.access.rules import changeable, readable, shares
from livingwell.codes.record import AccessAction, Part, Relation
from livingwell.core.errors import Forbidden, NotFound
from livingwell.network.models import OrganisationMember
from livingwell.people.models import CircleMember, Person, SharingChoice
from livingwell.team.models import StaffMember

# Whoever is asking: request.user, signed in or not.
Asker: TypeAlias = User | AnonymousUser


def signed_in_staff(user: Asker) -> StaffMember | None:
    """The staff member behind a request, only once they have passed their second factor."""
    if isinstance(user, AnonymousUser) or not user.is_active:
        return None
    if not _verified(user):
        return None
    try:
        member: StaffMember = user.staff_member  # loaded with the user (team.backends.StaffBackend)
    except StaffMember.DoesNotExist:
        return None
    return member


def staff_for(user: Asker) -> StaffMember:
    """The staff member, or Forbidden: for pages and API calls only the team may use."""
    member = signed_in_staff(user)
    if member is None:
        raise Forbidden("Only members of the team can see this.")
    return member


def record_listing(
    user: Asker, person_ids: Sequence[int], *, why: str, what: str = BOARD_LIST
) -> None:
    """A list of the team's that shows people's names (the board, "My people", a search) counts as a
    look at each of them: one entry a person, asker, day and list, counted (`what` names the list; see
    `livingwell.access.log.write_list_looks`)."""
    member = staff_for(user)
    write_list_looks(member.user_id, staff_description(member), person_ids, what=what, why=why)


def staff_description(member: StaffMember) -> str:
    return f"{member.name}, {member.get_role_display()}, {member.team.name}"


def record_access(
    member: StaffMember, person_ids: Iterable[int], *, action: str, what: str, why: str
) -> None:
    write_entries(
        member.user_id, staff_description(member), person_ids, action=action, what=what, why=why
    )


# --- The whole record, for anyone related to the person -------------------------------------------


@dataclass(frozen=True)
class Record:
    """One person's record as one asker may see it: what they may read and change, and who they are
    (for the access log). Made only by `record_for`; services take it, and log through it the changes
    they make."""

    person: Person
    relation: Relation
    readable: frozenset[Part]
    changeable: frozenset[Part]
    actor_id: int
    actor_description: str
    # The sharing choices whose contents the asker sees: every one for the team and the person.
    shares: frozenset[str] = frozenset()
    # The member of the person's team who is asking; None for anyone else.
    member: StaffMember | None = None
    # The organisation asking, when it receives a warm introduction for the person.
    organisation_id: int | None = None

    @property
    def staff_member(self) -> StaffMember:
        """The member of the team acting on the record, for what only the team does."""
        if self.member is None:
            raise Forbidden("Only members of the team can do this.")
        return self.member

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
        write_entries(
            self.actor_id,
            self.actor_description,
            [self.person.pk],
            action=action,
            what=what,
            why=why,
        )


def _verified(user: Asker) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def relation_to(user: Asker, person: Person) -> tuple[Relation, frozenset[str], str]:
    """How the asker is related to the person, what the person shares with them, and how the access
    log names them. Read from the database on every call: nothing here is cached."""
    if isinstance(user, AnonymousUser) or not user.is_active:
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
    user: Asker,
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
    if isinstance(user, AnonymousUser):
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
        member=signed_in_staff(user) if relation is Relation.TEAM else None,
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
    record.log(action=AccessAction.VIEW, what=shown, why=opened_for(why) if change else why)
    return record


def partner_for(user: Asker) -> OrganisationMember:
    """The partner organisation's member behind a request, once they have passed their second
    factor; Forbidden for anyone else (the partner's pages)."""
    if isinstance(user, AnonymousUser) or not user.is_active:
        raise Forbidden("Sign in to see this.")
    member = (
        OrganisationMember.objects.select_related("organisation").filter(user=user).first()
        if _verified(user)
        else None
    )
    if member is None:
        raise Forbidden("Only members of a partner organisation can see this.")
    return member


def record_partner_listing(member: OrganisationMember, person_ids: Sequence[int]) -> None:
    """The list of warm introductions made to a partner's organisation names each person on it:
    a look at each, as the team's lists are."""
    write_list_looks(
        member.user_id,
        member.description,
        person_ids,
        what=INTRODUCTIONS_LIST,
        why="Seeing the warm introductions made to us",
    )


def record_for_receiver(
    user: Asker, person_id: int, *, organisation_id: int, why: str, what: str
) -> Record:
    """A person's record for the organisation a warm introduction was made to, when it opens the
    introduction: what the introduction says (`what`, logged as a look), and of the rest only what
    the person shares with that organisation, read afresh. The caller has found the introduction
    among those made to `organisation_id`; this checks that the asker is one of its members.
    Anyone else: NotFound, as for an introduction that does not exist."""
    member = partner_for(user)
    if member.organisation_id != organisation_id:
        raise NotFound("We could not find that introduction.")
    person = Person.objects.select_related("team").filter(pk=person_id).first()
    if person is None:
        raise NotFound("We could not find that introduction.")
    choice = SharingChoice.objects.filter(person=person, organisation_id=organisation_id).first()
    shared = frozenset(choice.parts if choice else ())
    record = Record(
        person=person,
        relation=Relation.ORGANISATION,
        readable=readable(Relation.ORGANISATION, shared),
        changeable=changeable(Relation.ORGANISATION),
        actor_id=member.user_id,
        actor_description=member.description,
        shares=shares(Relation.ORGANISATION, shared),
        organisation_id=organisation_id,
    )
    record.log(action=AccessAction.VIEW, what=what, why=why)
    return record


def opened_for(why: str) -> str:
    """The reason for a look at a page that can change something: opening it changes nothing, so the
    log says the page was opened ("Opened the page for ending support"), not that support ended."""
    return f"Opened the page for {why[:1].lower()}{why[1:]}"


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
    if chosen == set(Part):
        return "their whole record"
    words = [p.words for p in Part if p in chosen]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def own_person(user: Asker) -> Person | None:
    """The person record of a signed-in person (not staff), if they have one."""
    if isinstance(user, AnonymousUser):
        return None
    return Person.objects.filter(user=user).first()


@dataclass(frozen=True)
class SharedPage:
    """One page of the people who share something with the asker, by name."""

    people: list[tuple[Person, Relation]]
    total: int
    page: int
    pages: int
    query: str = ""
    # Those who started sharing, or changed what they share, since the asker last saw this list.
    new: frozenset[int] = frozenset()


SHARED_PAGE_SIZE = 25


def shared_with(
    user: Asker, *, page: int = 1, per_page: int = SHARED_PAGE_SIZE, query: str = ""
) -> SharedPage:
    """The people who share some of their record with this person, in their circle or as a partner
    organisation. Someone who shares nothing with them (never, or no longer) is not listed.

    Only their names are shown in the list; each name shown on the page is logged as a look, in the
    words the person's access log uses for the asker."""
    if isinstance(user, AnonymousUser):
        raise Forbidden("Sign in to see this.")
    # When the asker last saw this list: the log of their own looks at it says so.
    last_looked = AccessLogEntry.objects.filter(actor_id=user.pk, what=SHARED_LIST).aggregate(
        last=Max(Coalesce("last_at", "at"))
    )["last"]
    decided: dict[int, dt.datetime] = {}
    found: dict[int, tuple[Person, Relation, str]] = {}
    # Only people who share something: being in someone's circle, or having been shared with before a
    # withdrawal, shows nothing, not even the name (and so logs nothing).
    for choice in SharingChoice.objects.filter(circle_member__user=user).select_related(
        "person", "circle_member"
    ):
        if choice.parts and choice.circle_member is not None:
            decided[choice.person_id] = max(
                choice.decided_at, decided.get(choice.person_id, choice.decided_at)
            )
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
                    decided[choice.person_id] = max(
                        choice.decided_at, decided.get(choice.person_id, choice.decided_at)
                    )
                    found.setdefault(
                        choice.person_id,
                        (choice.person, Relation.ORGANISATION, partner.description),
                    )
    query = " ".join(query.split())[:200]
    everyone = sorted(
        (item for item in found.values() if query.lower() in item[0].name.lower()),
        key=lambda item: (item[0].name, item[0].pk),
    )
    pages = max(1, -(-len(everyone) // per_page))
    page = min(max(page, 1), pages)
    shown = everyone[(page - 1) * per_page : page * per_page]
    by_description: dict[str, list[int]] = {}
    for person, _relation, description in shown:
        by_description.setdefault(description, []).append(person.pk)
    for description, ids in by_description.items():
        write_list_looks(
            user.pk,
            description,
            ids,
            what=SHARED_LIST,
            why="Seeing who shares with them",
        )
    return SharedPage(
        people=[(person, relation) for person, relation, _ in shown],
        total=len(everyone),
        page=page,
        pages=pages,
        query=query,
        new=frozenset(
            person.pk
            for person, _, _ in shown
            if last_looked is None or decided[person.pk] > last_looked
        ),
    )
