"""The huddle: one screen for the team's daily meeting (relational rule 7), each line one click from
the person. What is new since yesterday; who is waiting for a first conversation, oldest first;
warm introductions that stalled or did not land; reviews of measures due this week; the people the
team is worried about; and who is away.

Each name on it is logged as a look at a list, once however many sections show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from livingwell.access import policy
from livingwell.access.policy import Asker
from livingwell.frontdoor.models import OPEN_STATUSES, Introduction
from livingwell.measures.selectors import Review, reviews_due
from livingwell.outbox import selectors as outbox_selectors
from livingwell.people.models import Worry
from livingwell.people.selectors import worries_of_team
from livingwell.team.models import Absence
from livingwell.team.selectors import away
from livingwell.warm_introductions.models import WarmIntroduction
from livingwell.warm_introductions.presenters import Attention, attention
from livingwell.warm_introductions.selectors import made_since, needing_attention

# Each section shows at most this many, oldest first, and says when there are more: a meeting's
# screen is read in a few minutes; the board and My people hold everyone.
IN_A_SECTION = 25


@dataclass(frozen=True)
class Waiting:
    introduction_id: int
    person_id: int
    person: str
    reference: str
    days: int
    picked_up_by: str


@dataclass(frozen=True)
class Huddle:
    today: dt.date
    new_introductions: list[Introduction]
    new_warm_introductions: list[WarmIntroduction]
    waiting: list[Waiting]
    more_waiting: bool
    warm: list[Attention]
    more_warm: bool
    worries: list[Worry]
    reviews: list[Review]
    more_reviews: bool
    away: list[Absence]
    messages_needing_a_look: int


def huddle(user: Asker) -> Huddle:
    member = policy.staff_for(user)
    team_id = member.team_id
    now = timezone.now()
    today = timezone.localdate(now)
    yesterday = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time()))
    new = list(
        Introduction.objects.filter(team_id=team_id, received_at__gte=yesterday)
        .select_related("person")
        .only("reference", "received_at", "channel", "person__given_name", "person__family_name")
        .order_by("received_at", "pk")[:IN_A_SECTION]
    )
    open_ = list(
        Introduction.objects.filter(team_id=team_id, status__in=OPEN_STATUSES)
        .select_related("person", "picked_up_by")
        .only(
            "reference",
            "received_at",
            "person__given_name",
            "person__family_name",
            "picked_up_by__name",
        )
        .order_by("received_at", "pk")[: IN_A_SECTION + 1]
    )
    waiting = [
        Waiting(
            introduction_id=i.pk,
            person_id=i.person_id,
            person=i.person.name,
            reference=i.reference,
            days=(today - timezone.localdate(i.received_at)).days,
            picked_up_by=i.picked_up_by.name if i.picked_up_by else "",
        )
        for i in open_[:IN_A_SECTION]
    ]
    warm, more_warm = needing_attention(team_id, now=now, limit=IN_A_SECTION)
    new_warm = made_since(team_id, yesterday, limit=IN_A_SECTION)
    worries = worries_of_team(team_id, limit=IN_A_SECTION)
    reviews, more_reviews = reviews_due(member.team, today=today, limit=IN_A_SECTION)
    shown = [
        *(i.person_id for i in new),
        *(w.person_id for w in waiting),
        *(w.person_id for w in warm),
        *(w.person_id for w in new_warm),
        *(w.person_id for w in worries),
        *(r.person_id for r in reviews),
    ]
    policy.record_listing(user, shown, why="The team's huddle")
    return Huddle(
        today=today,
        new_introductions=new,
        new_warm_introductions=new_warm,
        waiting=waiting,
        more_waiting=len(open_) > IN_A_SECTION,
        warm=[attention(w, today=today) for w in warm],
        more_warm=more_warm,
        worries=worries,
        reviews=reviews,
        more_reviews=more_reviews,
        away=away(team_id, today, today + dt.timedelta(days=6)),
        messages_needing_a_look=outbox_selectors.needing_a_look_count(team_id),
    )
