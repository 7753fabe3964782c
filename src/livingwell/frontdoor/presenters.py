"""What the team's pages show about an introduction, worked out once, so templates stay simple."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from livingwell.codes.introductions import AGENCY_KINDS, INTRODUCED_BY, mhsds_source_of_referral
from livingwell.core.presenters import long_date, phone_link, short_datetime
from livingwell.frontdoor.models import Channel, Introduction, IntroductionStatus, SetAsideChange
from livingwell.people.models import Person
from livingwell.warm_introductions.models import State as WarmState


def days_waited(received: dt.datetime | dt.date, today: dt.date | None = None) -> int:
    """Whole days since it arrived (a time is taken as its local day)."""
    today = today or timezone.localdate()
    if isinstance(received, dt.datetime):
        received = timezone.localtime(received).date()
    return max(0, (today - received).days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The weekdays after `start`, up to and including `end`: Friday to Monday is 1 working day."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    extra = sum(1 for n in range(1, rest + 1) if (start + dt.timedelta(days=n)).weekday() < 5)
    return weeks * 5 + extra


def past_the_promise(received: dt.date, today: dt.date) -> bool:
    """Has it waited for a reply longer than the front door promises? `received` is its local day."""
    return working_days_between(received, today) > settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS


def who_introduced(introduced_by: str, agency_kind: str = "") -> str:
    if introduced_by == "agency":
        return AGENCY_KINDS.get(agency_kind, AGENCY_KINDS["other"])[0]
    return INTRODUCED_BY[introduced_by]


CHANNELS = dict(Channel.choices)

# What the board reads of each introduction: only these columns, no model instances (the board is hot).


@dataclass(frozen=True)
class BoardRow:
    href: str
    reference: str
    name: str
    days_waited: int
    received: str
    channel: str
    introduced_by: str
    picked_up_by: str
    next_step: str
    returning: bool = False
    may_be_known: bool = False
    past_promise: bool = False
    # The warm introduction made for it: its page, "Warm introduction to Mind", and its state.
    warm_href: str = ""
    warm: str = ""
    warm_state: str = ""

    @classmethod
    def from_values(
        cls, row: dict[str, Any], *, href: Callable[[int], str], today: dt.date | None = None
    ) -> BoardRow:
        """A row of the board's fields (`selectors.BOARD_FIELDS`), as the board shows it; `today`
        once for a whole page."""
        today = today or timezone.localdate()
        received = timezone.localtime(row["received_at"]).date()  # once: each use below needs it
        return cls(
            href=href(row["pk"]),
            reference=row["reference"],
            name=f"{row['person__given_name']} {row['person__family_name']}".strip(),
            days_waited=days_waited(received, today),
            received=long_date(received),
            channel=CHANNELS[row["channel"]],
            introduced_by=who_introduced(row["introduced_by"], row["agency_kind"]),
            picked_up_by=row["picked_up_by__name"] or "",
            next_step=row["next_step"],
            returning=bool(row["matched_by"]) and row["may_be_id"] is None,
            may_be_known=row["may_be_id"] is not None,
            past_promise=past_the_promise(received, today),
            **_warm(row),
        )


def _warm(row: dict[str, Any]) -> dict[str, str]:
    if row["warm_introduction_id"] is None:
        return {}
    return {
        "warm_href": reverse(
            "warm-introduction", args=[row["person_id"], row["warm_introduction_id"]]
        ),
        "warm": f"Warm introduction to {row['warm_introduction__organisation__name']}",
        "warm_state": WarmState(row["warm_introduction__state"]).label.lower(),
    }


DETAIL_LABELS = {"phone": "Phone", "email": "Email", "address": "Address", "postcode": "Postcode"}


@dataclass(frozen=True)
class GivenDetail:
    """A contact detail given with an introduction, beside what the record it may be from holds."""

    name: str
    label: str
    given: str
    on_record: str


class IntroductionPresenter:
    def __init__(self, introduction: Introduction, *, may_be: Person | None = None) -> None:
        self.introduction = introduction
        self.person = introduction.person
        self.may_be = may_be

    @property
    def given_details(self) -> list[GivenDetail]:
        """What was given with the introduction that differs from the record it may be from."""
        if self.may_be is None:
            return []
        return [
            GivenDetail(name, label, given, getattr(self.may_be, name))
            for name, label in DETAIL_LABELS.items()
            if (given := getattr(self.person, name)) and given != getattr(self.may_be, name)
        ]

    @cached_property
    def repeats(self) -> list[Introduction]:
        """Introductions set aside as repeats of this one: their words are shown here (ADR 0006)."""
        return list(
            self.introduction.repeats.filter(status=IntroductionStatus.SET_ASIDE)
            .select_related("person", "set_aside_by")
            .order_by("received_at", "pk")
        )

    @cached_property
    def set_aside_history(self) -> list[SetAsideChange]:
        """Each time it was set aside or put back, who and when: the audit, on its own page."""
        return list(
            self.introduction.set_aside_changes.select_related("by", "repeat_of").order_by(
                "at", "pk"
            )
        )

    @property
    def days_waited(self) -> int:
        return days_waited(self.introduction.received_at)

    @property
    def summary_rows(self) -> list[tuple[str, str]]:
        i, p = self.introduction, self.person
        rows = [
            ("Received", f"{short_datetime(i.received_at)} ({i.get_channel_display().lower()})"),
            ("Introduced by", who_introduced(i.introduced_by, i.agency_kind)),
        ]
        if i.introduced_by != "self":
            introducer = Markup(", ").join(
                x
                for x in (
                    i.introducer_name,
                    i.introducer_relationship,
                    phone_link(i.introducer_phone),
                    i.introducer_email,
                )
                if x
            )
            rows.append(("Introducer", introducer or "Not given"))
            knows = {True: "Yes", False: "No: talk to the introducer first", None: "Not asked"}
            rows.append(("Does the person know?", knows[i.person_knows]))
        rows += [
            ("Date of birth", long_date(p.date_of_birth) or "Not given"),
            ("Phone", phone_link(p.phone) or "Not given"),
            ("Email", p.email or "Not given"),
            ("Postcode", p.postcode or "Not given"),
            ("Best way to get in touch", i.get_contact_method_display() or "Not given"),
            ("Best time", i.best_time or "Not given"),
            (
                "Can we leave a message?",
                {True: "Yes", False: "No", None: "Not asked"}[i.may_leave_message],
            ),
            ("MHSDS source of referral", mhsds_source_of_referral(i.introduced_by, i.agency_kind)),
        ]
        return rows


@dataclass(frozen=True)
class SaidBack:
    """What "What happens next" says back to someone who introduced another person.

    Only what they typed in the form, kept in their own session: never what a record holds now, which
    the team may have changed or joined to someone they know (ADR 0007)."""

    name: str
    reply_phone: str = ""
    reply_email: str = ""
    person_knows: bool | None = None
    can_reach_them: bool = False

    @property
    def reply_to(self) -> str:
        return " or ".join(x for x in (self.reply_phone, self.reply_email) if x)

    @classmethod
    def from_session(cls, said: object) -> SaidBack | None:
        if not isinstance(said, dict) or not said.get("name"):
            return None  # they introduced themselves
        knows = said.get("person_knows")
        return cls(
            name=str(said["name"]),
            reply_phone=str(said.get("reply_phone") or ""),
            reply_email=str(said.get("reply_email") or ""),
            person_knows=knows if isinstance(knows, bool) else None,
            can_reach_them=said.get("can_reach_them") is True,
        )


# What a front door form held, in the words of its labels, to show back on the "too many forms" page.
TYPED_LABELS = (
    ("introducer_name", "Your name"),
    ("introducer_organisation", "Your organisation or job"),
    ("introducer_phone", "Your phone number"),
    ("introducer_email", "Your email address"),
    ("given_name", "First name"),
    ("family_name", "Last name"),
    ("date_of_birth", "Date of birth"),
    ("phone", "Phone number"),
    ("email", "Email address"),
    ("best_time", "A good time to get in touch"),
    ("postcode", "Postcode"),
)


def typed_back(form: Any) -> list[tuple[str, str]]:
    """The details they typed (except what matters, shown on its own), label and value."""
    rows = []
    for name, label in TYPED_LABELS:
        value = form.cleaned_data.get(name)
        if value:
            rows.append((label, long_date(value) if isinstance(value, dt.date) else str(value)))
    return rows
