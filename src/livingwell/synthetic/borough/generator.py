"""The generator, as far as the front door: teams and staff, people, and each person's introductions,
first conversations and periods of support, all from one seeded random stream. `plans` adds plans,
circles and sharing on top, from a stream of their own, and `measures` the measures, from another."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from livingwell.codes.people import nhs_number_is_valid
from livingwell.synthetic.borough.draw import (
    _ascii,
    _at,
    _joined,
    _sentence,
    _wait_days,
    _weekday,
    _Weighted,
    drama_phone,
    nhs_number_from,
    totp_key_for,
)
from livingwell.synthetic.borough.front_door_words import (
    AGENCY_JOBS,
    BEST_TIMES,
    CONVERSATION_NEXT_STEPS,
    DOMAIN_TALK,
    FAMILY,
    FRIENDS,
    IN_MY_WORDS,
    IN_THEIR_WORDS,
    OPEN_NEXT_STEPS,
    STRENGTHS,
    WHAT_HELPS,
)
from livingwell.synthetic.borough.mixes import (
    AGE_BANDS,
    AGE_MIX,
    AGENCY_MIX,
    ETHNIC_MIX,
    GENDER_MIX,
    INTRODUCER_MIX,
    SUPPORTED_SHARE,
    WEB_HOURS,
)
from livingwell.synthetic.borough.place import (
    DEMO_STAFF,
    EMAIL_DOMAINS,
    EXTRA_ROLES,
    INWARD_LETTERS,
    NAME_POOLS,
    NEUTRAL_NAMES,
    POOLS_FOR_CATEGORY,
    STREETS,
    SURGERIES,
    TEAM_ROLES,
    TEAMS,
)
from livingwell.synthetic.borough.rows import (
    CHANNELS,
    CONVERSATION,
    CONVERSATION_HOWS,
    ENDINGS,
    PICKED_UP,
    REFERENCE_ALPHABET,
    WAITING,
    PersonRow,
    StaffRow,
    TeamRow,
)

T = TypeVar("T")


@dataclass(slots=True)
class _Draft:
    """An introduction, conversation or support period before it is numbered."""

    sort_key: tuple[object, ...]
    fields: dict[str, object]
    id: int = 0


@dataclass(slots=True)
class _TeamStaff:
    admin: int
    all: tuple[int, ...]
    key_workers: _Weighted[int]

    def key_worker(self, rng: random.Random) -> int:
        return self.key_workers(rng)


@dataclass(slots=True)
class _Drafts:
    introductions: list[_Draft]
    conversations: list[_Draft]
    support_periods: list[_Draft]


class _Generator:
    def __init__(self, *, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (made-up people, not secrets)
        self.seed = seed
        self.today = today
        self.start = today - dt.timedelta(days=730)
        self.today_start = _at(today, 0)
        self.random = self.rng.random
        self.ethnic = _Weighted.of(ETHNIC_MIX)
        self.gender = _Weighted.of(GENDER_MIX)
        self.introduced_by = _Weighted.of(INTRODUCER_MIX)
        self.agency = _Weighted.of(AGENCY_MIX)
        self.age_band = _Weighted.of(AGE_MIX)
        self.self_channel = _Weighted(CHANNELS, (55, 30, 15))
        self.other_channel = _Weighted(CHANNELS, (40, 55, 5))
        self.knows = _Weighted((True, False, None), (82, 8, 10))
        self.leave_message = _Weighted((True, False, None), (60, 15, 25))
        self.contact_method = _Weighted(("phone", "text", "email", ""), (50, 30, 15, 5))
        self.how = _Weighted(CONVERSATION_HOWS, (55, 35, 10))
        self.ending = _Weighted(ENDINGS, (82, 7, 11))
        self.references: set[str] = set()
        self.nhs_numbers: set[str] = set()

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def distinct(self, items: Sequence[T], count: int) -> list[T]:
        """A few different items (count well below len(items)), faster than random.sample."""
        chosen: list[T] = []
        while len(chosen) < count:
            item = items[int(self.random() * len(items))]
            if item not in chosen:
                chosen.append(item)
        return chosen

    def in_words(self, phrases: Sequence[str], count: int) -> str:
        """Short first-person phrases, as someone would say them."""
        return _sentence(_joined(self.distinct(phrases, count)))

    def number(self, low: int, high: int) -> int:
        """A whole number from low up to, not including, high."""
        return low + int(self.random() * (high - low))

    # Teams and staff.

    def teams(self) -> tuple[TeamRow, ...]:
        return tuple(
            TeamRow(id=n, name=name, area=area, postcode_districts=districts)
            for n, (name, area, districts) in enumerate(TEAMS, start=1)
        )

    def staff(self, teams: Sequence[TeamRow]) -> tuple[StaffRow, ...]:
        rng = self.rng
        rows: list[StaffRow] = []
        usernames: set[str] = set()

        def add(team_id: int, username: str, name: str, role: str, demo: bool) -> None:
            usernames.add(username)
            rows.append(
                StaffRow(
                    id=len(rows) + 1,
                    team_id=team_id,
                    username=username,
                    name=name,
                    role=role,
                    totp_key=totp_key_for(seed=self.seed, username=username),
                    demo_sign_in=demo,
                )
            )

        for username, name, role, demo in DEMO_STAFF:
            add(teams[0].id, username, name, role, demo)
        for team in teams[1:]:
            roles = list(TEAM_ROLES) + [self.pick(EXTRA_ROLES) for _ in range(rng.randrange(3))]
            for role in roles:
                given, family = self.name(self.pick(("1", "2")), "Z")
                username = base = f"{_ascii(given)}.{_ascii(family)}"
                n = 1
                while username in usernames:
                    n += 1
                    username = f"{base}{n}"
                add(team.id, username, f"{given} {family}", role, False)
        return tuple(rows)

    # People.

    def name(self, gender: str, category: str) -> tuple[str, str]:
        rng = self.rng
        pools = POOLS_FOR_CATEGORY[category]
        given_pool = NAME_POOLS[self.pick(pools)]
        family_pool = NAME_POOLS[self.pick(pools)]
        if gender == "1":
            given = self.pick(given_pool[0])
        elif gender == "2":
            given = self.pick(given_pool[1])
        else:
            given = self.pick(
                NEUTRAL_NAMES if rng.random() < 0.5 else given_pool[self.number(0, 2)]
            )
        return given, self.pick(family_pool[2])

    def nhs_number(self) -> str:
        rng = self.rng
        if len(self.nhs_numbers) > 800_000:  # the 999 range holds about 909,000 valid numbers
            return ""
        while True:
            number = nhs_number_from(f"999{rng.randrange(1_000_000):06d}")
            if number and number not in self.nhs_numbers and nhs_number_is_valid(number):
                self.nhs_numbers.add(number)
                return number

    def person(self, person_id: int, team: TeamRow) -> PersonRow:
        rng = self.rng
        random_ = rng.random
        gender = self.gender(rng)
        category = self.ethnic(rng)
        given, family = self.name(gender, category)
        date_of_birth = None
        if random_() < 0.97:
            youngest, oldest = AGE_BANDS[self.age_band(rng)]
            age = self.number(youngest, oldest + 1)
            date_of_birth = self.today - dt.timedelta(days=int((age + random_()) * 365.2425))
        email = ""
        if random_() < 0.7:
            email = (
                f"{_ascii(given)}.{_ascii(family)}{self.number(0, 100)}@{self.pick(EMAIL_DOMAINS)}"
            )
        address, postcode = "", ""
        if random_() < 0.96:
            district = self.pick(team.postcode_districts)
            letters = INWARD_LETTERS
            postcode = f"{district} {self.number(1, 10)}{self.pick(letters)}{self.pick(letters)}"
            if random_() < 0.93:
                flat = f"Flat {self.number(1, 40)}, " if random_() < 0.55 else ""
                address = f"{flat}{self.number(1, 200)} {self.pick(STREETS)}, London"
        return PersonRow(
            id=person_id,
            team_id=team.id,
            given_name=given,
            family_name=family,
            date_of_birth=date_of_birth,
            gender=gender,
            ethnic_category=category,
            nhs_number=self.nhs_number() if random_() < 0.9 else "",
            phone=drama_phone(rng) if random_() < 0.93 else "",
            email=email,
            address=address,
            postcode=postcode,
        )

    # Introductions, conversations and support.

    def reference(self) -> str:
        rng = self.rng
        while True:
            reference = "LW-" + "".join(rng.choices(REFERENCE_ALPHABET, k=6))
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def introducer_details(self, person: PersonRow, introduced_by: str) -> dict[str, object]:
        """Who introduced someone, and in whose words what matters is written."""
        rng = self.rng
        if introduced_by == "self":
            return {
                "agency_kind": "",
                "introducer_name": "",
                "introducer_relationship": "",
                "introducer_phone": "",
                "introducer_email": "",
                "person_knows": None,
                "what_matters": self.in_words(IN_MY_WORDS, self.pick((1, 2, 2, 2, 3))),
            }
        knows = self.knows(rng)
        agency_kind = ""
        if introduced_by in ("family", "friend"):
            given, family = self.name(self.pick(("1", "2")), person.ethnic_category)
            if introduced_by == "family" and rng.random() < 0.7:
                family = person.family_name
            name = f"{given} {family}"
            relationship = self.pick(FAMILY if introduced_by == "family" else FRIENDS)
            email = f"{_ascii(given)}.{_ascii(family)}@{self.pick(EMAIL_DOMAINS)}"
            words = self.in_words(IN_THEIR_WORDS, 1)
            if rng.random() < 0.5:
                words += ". " + _sentence(self.in_words(IN_MY_WORDS, 1)) + ", they told me"
        elif introduced_by == "gp":
            _, family = self.name(self.pick(("1", "2")), "Z")
            surgery = self.pick(SURGERIES)
            name = f"Dr {family}"
            relationship = f"GP at {surgery}"
            email = f"{_ascii(surgery)[:24]}@example.org"
            words = f"{person.given_name} told me: {self.in_words(IN_MY_WORDS, self.pick((1, 2)))}"
        else:
            agency_kind = self.agency(rng)
            job, place = AGENCY_JOBS[agency_kind]
            given, family = self.name(self.pick(("1", "2")), "Z")
            name = f"{given} {family}"
            relationship = f"{job}, {place}"
            email = f"{_ascii(given)}.{_ascii(family)}@example.org"
            words = f"{person.given_name} said: {self.in_words(IN_MY_WORDS, self.pick((1, 2)))}"
        return {
            "agency_kind": agency_kind,
            "introducer_name": name,
            "introducer_relationship": relationship,
            "introducer_phone": drama_phone(rng),
            "introducer_email": email if rng.random() < 0.8 else "",
            "person_knows": knows,
            "what_matters": words,
        }

    def introduction(
        self,
        *,
        person: PersonRow,
        day: dt.date,
        staff_of_team: _TeamStaff,
        drafts: _Drafts,
    ) -> dt.date | None:
        """One introduction, and what came of it. Answers when the person could come back, if ever."""
        rng = self.rng
        random_ = rng.random
        introduced_by = self.introduced_by(rng)
        channel = (self.self_channel if introduced_by == "self" else self.other_channel)(rng)
        if channel == "web":
            hour = self.pick(WEB_HOURS) + random_()
        else:
            # Phone calls and walk-ins come in office hours on weekdays.
            weekday = _weekday(day, forward=False)
            day = weekday if weekday >= self.start else _weekday(day, forward=True)
            hour = 9 + random_() * 8
        received_at = _at(day, hour)
        recorded_by = None
        if channel != "web":
            recorded_by = staff_of_team.admin if random_() < 0.6 else self.pick(staff_of_team.all)
        contact_method = self.contact_method(rng)
        if contact_method == "email" and not person.email:
            contact_method = "phone"
        fields: dict[str, object] = {
            "reference": self.reference(),
            "person_id": person.id,
            "team_id": person.team_id,
            "channel": channel,
            "received_at": received_at,
            "recorded_by_id": recorded_by,
            "introduced_by": introduced_by,
            **self.introducer_details(person, introduced_by),
            "contact_method": contact_method,
            "best_time": self.pick(BEST_TIMES),
            "may_leave_message": self.leave_message(rng),
        }
        wait = _wait_days(rng)
        if hour >= 17:
            wait = max(wait, 1)
        held_on = _weekday(day + dt.timedelta(days=wait), forward=True)
        if held_on >= self.today:
            # Still open: waiting, or picked up by someone with a next step.
            hours_open = (self.today_start - received_at).total_seconds() / 3600
            if hours_open >= 2 and random_() < 0.55:
                fields |= {
                    "status": PICKED_UP,
                    "picked_up_by_id": staff_of_team.key_worker(rng),
                    "picked_up_at": received_at
                    + dt.timedelta(hours=1 + random_() * (min(hours_open, 72) - 1)),
                    "next_step": self.pick(OPEN_NEXT_STEPS),
                }
            else:
                fields |= {"status": WAITING, "picked_up_by_id": None, "picked_up_at": None}
                fields["next_step"] = ""
            fields |= {"conversation": None, "closed_at": None}
            drafts.introductions.append(_Draft((received_at, person.id), fields))
            return None

        held_by = staff_of_team.key_worker(rng)
        if held_on == day:
            closed_at = received_at + dt.timedelta(hours=0.25 + random_() * (17.75 - hour))
        else:
            closed_at = _at(held_on, 9 + random_() * 8.5)
        conversation = _Draft(
            (held_on, person.id),
            {
                "person_id": person.id,
                "held_by_id": held_by,
                "held_on": held_on,
                "how": self.how(rng),
                "what_we_talked_about": self.talk(person),
                "next_steps": self.pick(CONVERSATION_NEXT_STEPS),
            },
        )
        drafts.conversations.append(conversation)
        fields |= {
            "status": CONVERSATION,
            "picked_up_by_id": held_by,
            "picked_up_at": received_at + (closed_at - received_at) * random_() ** 2,
            "next_step": "",
            "conversation": conversation,
            "closed_at": closed_at,
        }
        drafts.introductions.append(_Draft((received_at, person.id), fields))

        comes_back_after = held_on
        if random_() < SUPPORTED_SHARE:
            started_on = held_on
            if random_() < 0.4:
                started_on += dt.timedelta(days=rng.randrange(1, 15))
            started_on = min(started_on, self.today)
            length = max(14, min(600, int(rng.lognormvariate(math.log(120), 0.6))))
            ends_on = started_on + dt.timedelta(days=length)
            ended_on, ending = (ends_on, self.ending(rng)) if ends_on < self.today else (None, "")
            drafts.support_periods.append(
                _Draft(
                    (started_on, person.id),
                    {
                        "person_id": person.id,
                        "team_id": person.team_id,
                        "key_worker_id": staff_of_team.key_worker(rng),
                        "started_on": started_on,
                        "ended_on": ended_on,
                        "ending": ending,
                    },
                )
            )
            if ended_on is None:
                return None  # still supported: nobody comes back while their support is open
            comes_back_after = ended_on
        return comes_back_after

    def talk(self, person: PersonRow) -> str:
        talked = _joined(self.distinct(DOMAIN_TALK, self.pick((2, 3, 3, 4))))
        return (
            f"We talked about {talked}. {self.pick(STRENGTHS)} {self.pick(WHAT_HELPS)} "
            f"{person.given_name} wants to keep talking."
        )
