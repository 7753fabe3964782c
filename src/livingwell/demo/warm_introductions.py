"""The demo's warm introductions: about one for every twelve people, to services in the directory
that take them, at every stage of their life, some of them stalled; and, for the demo's person, one
accepted with a meeting to come, so that each side of a warm introduction can be tried."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from livingwell.network.models import Service
from livingwell.people.models import Person, SupportPeriod
from livingwell.warm_introductions.models import (
    Change,
    ContactWay,
    Landed,
    NotAcceptedWhy,
    SaidBy,
    State,
    WarmIntroduction,
)

WANTS = (
    "Somewhere to go on Tuesdays, with people who get it",
    "Help to sort out the rent arrears before the letter date",
    "To get out of the flat more, and maybe garden",
    "Someone to talk to about the debts, without being judged",
    "To sleep better and feel less on edge",
    "A job or volunteering, a couple of days a week",
)


def load(*, seed: int, demo_person_id: int | None) -> int:
    """Make them; how many."""
    rng = random.Random(seed + 13)  # noqa: S311 (made-up introductions, not secrets)
    services = list(
        Service.objects.filter(warm_introductions=True, status="active").select_related(
            "organisation"
        )[:200]
    )
    periods = list(
        SupportPeriod.objects.filter(ended_on__isnull=True).select_related("person")[:5000]
    )
    if not services or not periods:
        return 0
    # Every fourth to an organisation with someone signed up, so the demo's partner has some.
    answered = list(
        Service.objects.filter(
            warm_introductions=True, status="active", organisation__members__isnull=False
        )
        .select_related("organisation")
        .distinct()
    )
    now = timezone.now()
    made: list[WarmIntroduction] = []
    for n, period in enumerate(periods[:: 12 if len(periods) > 24 else 2]):
        service = answered[n % len(answered)] if answered and n % 4 == 0 else rng.choice(services)
        made.append(_one(rng, period.person, period.key_worker_id, service, now))
    demo = next((p for p in periods if p.person_id == demo_person_id), None)
    if demo is not None:
        made.append(
            _one(
                rng,
                demo.person,
                demo.key_worker_id,
                (answered or services)[0],
                now,
                state=State.ACCEPTED,
                days=3,
            )
        )
    WarmIntroduction.objects.bulk_create(made)
    Change.objects.bulk_create(
        [
            Change(warm_introduction=w, state=State.MADE, at=w.made_at, by="The demo's load")
            for w in made
        ]
    )
    return len(made)


def _one(
    rng: random.Random,
    person: Person,
    key_worker_id: int,
    service: Service,
    now: dt.datetime,
    *,
    state: str | None = None,
    days: int | None = None,
) -> WarmIntroduction:
    state = state or rng.choice(
        [State.MADE, State.RECEIVED, State.ACCEPTED, State.MET, State.LANDED, State.NOT_ACCEPTED]
    )
    ago = days if days is not None else rng.randint(0, 30)
    made_at = now - dt.timedelta(days=ago, hours=rng.randint(0, 8))
    step = dt.timedelta(days=max(ago // 4, 0))
    w = WarmIntroduction(
        person=person,
        team_id=person.team_id,
        introducer_id=key_worker_id,
        service=service,
        organisation=service.organisation,
        to_whom=service.introductions_to,
        wants=rng.choice(WANTS),
        contact_way=ContactWay.KEY_WORKER,
        going_along=rng.random() < 0.3,
        state=state,
        made_at=made_at,
    )
    if state != State.MADE:
        w.received_at = made_at + step
    if state in (State.ACCEPTED, State.MET, State.LANDED):
        w.accepted_at = made_at + 2 * step
        w.meeting_on = (made_at + 3 * step + dt.timedelta(days=2)).date()
    if state in (State.MET, State.LANDED):
        w.met_at = made_at + 3 * step
        w.said_by = SaidBy.PERSON
    if state == State.LANDED:
        w.landed, w.ended_at = rng.choice([Landed.HELPED, Landed.STOPPED]), made_at + 4 * step
    if state == State.NOT_ACCEPTED:
        w.not_accepted_why, w.ended_at = NotAcceptedWhy.NO_CAPACITY, made_at + 2 * step
        w.words = "No space until the new year. The Thursday group at the library has space."
    return w
