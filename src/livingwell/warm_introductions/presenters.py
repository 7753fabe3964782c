"""What the pages say of a warm introduction, in plain words, for whoever is reading: the person
("you"), their team, or the organisation it was made to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from livingwell.codes.plan import LIFE_DOMAINS
from livingwell.warm_introductions.models import (
    Landed,
    NotAcceptedWhy,
    SaidBy,
    State,
    WarmIntroduction,
)


def days_words(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _date_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def state_words(w: WarmIntroduction, *, own: bool) -> str:
    """Where it has got to, in one line."""
    them = w.organisation.name
    if w.state == State.MADE:
        return f"Waiting for {them} to see it"
    if w.state == State.RECEIVED:
        return f"{them} has seen it, and will say if they can meet"
    if w.state == State.ACCEPTED:
        when = f" on {_date_words(w.meeting_on)}" if w.meeting_on else ""
        return f"{them} will meet {'you' if own else w.person.given_name}{when}"
    if w.state == State.MET:
        return "Met. Waiting to hear how it went"
    if w.state == State.LANDED:
        return "Landed: it helped" if w.landed == Landed.HELPED else "Landed: stopped there"
    if w.state == State.NOT_ACCEPTED:
        why = NotAcceptedWhy(w.not_accepted_why).label if w.not_accepted_why else ""
        return f"{them} could not take it: {why[:1].lower()}{why[1:]}"
    return "It did not help"


def tag(w: WarmIntroduction) -> tuple[str, str]:
    """The tag's words and colour."""
    if w.state == State.LANDED:
        return "Landed", "green"
    if w.needs_following:
        return "Needs a next step", "orange"
    if w.state in (State.NOT_ACCEPTED, State.DID_NOT_HELP):
        return "Followed up", "grey"
    if w.state == State.ACCEPTED:
        return "Accepted", "blue"
    if w.state == State.MET:
        return "Met", "blue"
    return "Waiting", "white"


@dataclass
class Line:
    """One warm introduction in a list."""

    id: int
    service: str
    organisation: str
    wants: str
    made: str
    state: str
    tag: tuple[str, str]
    # A meeting still to come, in words ("8 December 2026"): not yet time to ask how it went.
    meeting_ahead: str = ""


def line(w: WarmIntroduction, *, today: dt.date, own: bool) -> Line:
    return Line(
        id=w.pk,
        service=w.service.name,
        organisation=w.organisation.name,
        wants=w.wants,
        made=days_words((today - w.made_at.date()).days),
        state=state_words(w, own=own),
        tag=tag(w),
        meeting_ahead=_date_words(w.meeting_on)
        if w.meeting_on is not None and w.meeting_on >= today and w.state == State.ACCEPTED
        else "",
    )


def receiver_words(w: WarmIntroduction) -> str:
    """Where it has got to, as the organisation it was made to reads it."""
    if w.state == State.MADE:
        return "New. Tell the key worker you have seen it"
    if w.state == State.RECEIVED:
        return "You have seen it. Can you meet them?"
    if w.state == State.ACCEPTED:
        when = f" on {_date_words(w.meeting_on)}" if w.meeting_on else ""
        return f"You will meet {w.person.given_name}{when}"
    if w.state == State.NOT_ACCEPTED:
        return "You could not take it. The key worker has what you suggested instead"
    return state_words(w, own=False)


@dataclass
class Page:
    heading: str
    state: str
    tag: tuple[str, str]
    rows: list[tuple[str, str]]
    history: list[tuple[str, str, str]] = field(default_factory=list)
    # What the person can say now, and whether the team can follow it up.
    can_say_how_it_went: bool = False
    needs_following: bool = False


def _rows(w: WarmIntroduction, *, own: bool) -> list[tuple[str, str]]:
    rows = [
        ("What " + ("you want" if own else f"{w.person.given_name} wants") + " from it", w.wants),
        ("Who to", w.to_whom or w.organisation.name),
    ]
    if w.domain:
        rows.append(("Part of life", LIFE_DOMAINS.get(w.domain, w.domain)))
    if w.goal is not None:
        rows.append(("Goal", w.goal.description))
    contact = w.get_contact_way_display()
    rows.append(
        ("How to get in touch", f"{contact}: {w.contact_detail}" if w.contact_detail else contact)
    )
    rows.append(
        (
            "Going along the first time",
            f"{w.introducer.name} will go along" if w.going_along else "No",
        )
    )
    rows.append(("Made by", f"{w.introducer.name}, {_date_words(w.made_at.date())}"))
    if w.words:
        rows.append(("What they said", w.words))
    return rows


def _history(w: WarmIntroduction) -> list[tuple[str, str, str]]:
    said = dict(SaidBy.choices)
    return [
        (
            _date_words(c.at.date()),
            State(c.state).label,
            c.by + (f" ({said[c.said_by].lower()})" if c.said_by == SaidBy.KEY_WORKER else ""),
        )
        for c in w.changes.all()
    ]


def page(w: WarmIntroduction, *, own: bool) -> Page:
    return Page(
        heading=f"Introduction to {w.service.name}",
        state=state_words(w, own=own),
        tag=tag(w),
        rows=_rows(w, own=own),
        history=_history(w),
        can_say_how_it_went=w.state in (State.ACCEPTED, State.MET),
        needs_following=w.needs_following,
    )


def received_line(w: WarmIntroduction, *, today: dt.date) -> Line:
    return Line(
        id=w.pk,
        service=w.service.name,
        organisation=w.person.name,
        wants=w.wants,
        made=days_words((today - w.made_at.date()).days),
        state=receiver_words(w),
        tag=tag(w),
    )


def received_page(w: WarmIntroduction) -> Page:
    """The introduction as the organisation it was made to reads it."""
    return Page(
        heading=f"{w.person.name}, introduced to {w.service.name}",
        state=receiver_words(w),
        tag=tag(w),
        rows=_rows(w, own=False),
        history=_history(w),
    )


@dataclass
class Attention:
    """A warm introduction that stalled or did not land, as the board and the huddle list it."""

    id: int
    person_id: int
    person: str
    service: str
    organisation: str
    introducer: str
    why: str
    days: int


def attention(w: WarmIntroduction, *, today: dt.date) -> Attention:
    """What is late, in words, and for how many days."""

    def since(moment: dt.datetime | None) -> int:
        return (today - moment.date()).days if moment else 0

    if w.needs_following:
        days = since(w.ended_at)
        why = (
            "They could not take it. It needs a next step"
            if w.state == State.NOT_ACCEPTED
            else "It did not help. It needs a next step"
        )
    elif w.state == State.MADE:
        days = since(w.made_at)
        why = f"Not seen for {days} days"
    elif w.state == State.RECEIVED:
        days = since(w.received_at)
        why = f"Seen, but not answered for {days} days"
    elif w.meeting_on is not None and w.meeting_on < today:
        days = (today - w.meeting_on).days
        why = f"They were to meet on {_date_words(w.meeting_on)}. Did they?"
    else:
        days = since(w.accepted_at)
        why = f"Accepted {days} days ago, and not met yet"
    return Attention(
        id=w.pk,
        person_id=w.person_id,
        person=w.person.name,
        service=w.service.name,
        organisation=w.organisation.name,
        introducer=w.introducer.name,
        why=why,
        days=days,
    )
