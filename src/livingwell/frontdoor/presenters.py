"""What the team's pages show about an introduction, worked out once, so templates stay simple."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from livingwell.core.presenters import long_date, short_datetime
from livingwell.frontdoor.codes import AGENCY_KINDS, INTRODUCED_BY, mhsds_source_of_referral
from livingwell.frontdoor.models import Introduction


def days_waited(received_at: dt.datetime, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return max(0, (today - timezone.localtime(received_at).date()).days)


def who_introduced(introduction: Introduction) -> str:
    if introduction.introduced_by == "agency":
        kind = AGENCY_KINDS.get(introduction.agency_kind, AGENCY_KINDS["other"])[0]
        return kind
    return INTRODUCED_BY[introduction.introduced_by]


@dataclass(frozen=True)
class BoardRow:
    introduction_id: int
    reference: str
    name: str
    days_waited: int
    received: str
    channel: str
    introduced_by: str
    picked_up_by: str
    next_step: str

    @classmethod
    def from_introduction(cls, introduction: Introduction) -> BoardRow:
        return cls(
            introduction_id=introduction.pk,
            reference=introduction.reference,
            name=introduction.person.name,
            days_waited=days_waited(introduction.received_at),
            received=long_date(introduction.received_at),
            channel=introduction.get_channel_display(),
            introduced_by=who_introduced(introduction),
            picked_up_by=introduction.picked_up_by.name if introduction.picked_up_by else "",
            next_step=introduction.next_step,
        )


class IntroductionPresenter:
    def __init__(self, introduction: Introduction) -> None:
        self.introduction = introduction
        self.person = introduction.person

    @property
    def days_waited(self) -> int:
        return days_waited(self.introduction.received_at)

    @property
    def summary_rows(self) -> list[tuple[str, str]]:
        i, p = self.introduction, self.person
        rows = [
            ("Received", f"{short_datetime(i.received_at)} ({i.get_channel_display().lower()})"),
            ("Introduced by", who_introduced(i)),
        ]
        if i.introduced_by != "self":
            introducer = ", ".join(
                x
                for x in (
                    i.introducer_name,
                    i.introducer_relationship,
                    i.introducer_phone,
                    i.introducer_email,
                )
                if x
            )
            rows.append(("Introducer", introducer or "Not given"))
            knows = {True: "Yes", False: "No: talk to the introducer first", None: "Not asked"}
            rows.append(("Does the person know?", knows[i.person_knows]))
        rows += [
            ("Date of birth", long_date(p.date_of_birth) or "Not given"),
            ("Phone", p.phone or "Not given"),
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
