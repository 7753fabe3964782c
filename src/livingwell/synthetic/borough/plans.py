"""Plans, circles of support and sharing, for everyone who has had a period of support:
`_PlanGenerator` adds them to the front door's generator, drawing from a random stream of their own
(see `switch_stream`), and `plan_snapshot` is a plan as its first PlanVersion holds it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from livingwell.codes.plan import LIFE_DOMAINS, SECTION_LABELS
from livingwell.synthetic.borough.draw import _ascii, _at, _Weighted, drama_phone
from livingwell.synthetic.borough.generator import _Generator
from livingwell.synthetic.borough.mixes import (
    CARER_PARTS,
    CARER_SHARING_SHARE,
    CIRCLE_RELATIONSHIPS,
    CIRCLE_SIZE_WEIGHTS,
    CIRCLE_SIZES,
    CLOSE_RELATIONSHIPS,
    CRISIS_PLAN_SHARE,
    DEMO_CARER_PARTS,
    DEMO_ORGANISATION_PARTS,
    DOMAIN_WEIGHTS,
    FAMILY_RELATIONSHIPS,
    FIRST_CARER_SHARE,
    GOAL_ACHIEVEMENT_FOR,
    GOAL_LIFECYCLE_ENDED,
    GOAL_LIFECYCLE_OPEN,
    ORGANISATION_PARTS,
    ORGANISATION_SHARING_SHARE,
    OTHER_CARER_SHARE,
    RELATIONSHIP_GENDER,
    RELATIONSHIP_WORDS,
    SINGLE_RELATIONSHIPS,
)
from livingwell.synthetic.borough.place import EMAIL_DOMAINS, ORGANISATION_WEIGHTS, ORGANISATIONS
from livingwell.synthetic.borough.plan_phrases import (
    CRISIS_LINES,
    CRISIS_SIGNS,
    CRISIS_WHAT_I_CAN_DO,
    DOMAIN_WORDS,
    ENDING_AGREED,
    ENDING_BACK,
    ENDING_TAKEAWAYS,
    MOVED_TO,
    MY_STRENGTHS,
    SLOTS,
    WHAT_DOES_NOT_HELP_ME,
    WHAT_HELPS_ME,
    WHAT_MATTERS_TO_ME,
)
from livingwell.synthetic.borough.rows import (
    CircleMemberRow,
    DomainEntryRow,
    GoalRow,
    PersonRow,
    PlanRow,
    PlanVersionRow,
    SharingChoiceRow,
    SupportPeriodRow,
)

T = TypeVar("T")

PLAN_SECTIONS = tuple(SECTION_LABELS)  # the seven sections of a plan, as in a snapshot
DOMAIN_ORDER = {domain: n for n, domain in enumerate(LIFE_DOMAINS)}
PLAN_BY = "Loaded synthetic data"  # PlanVersion.changed_by_description
PLAN_SUMMARY = "First plan"


class _PlanGenerator(_Generator):
    """The generator with plans, circles and sharing."""

    def __init__(self, *, seed: int, today: dt.date) -> None:
        super().__init__(seed=seed, today=today)
        self.circle_size = _Weighted(CIRCLE_SIZES, CIRCLE_SIZE_WEIGHTS)
        self.circle_relationship = _Weighted.of(CIRCLE_RELATIONSHIPS)
        self.life_domain = _Weighted.of(DOMAIN_WEIGHTS)
        self.lifecycle_open = _Weighted.of(GOAL_LIFECYCLE_OPEN)
        self.lifecycle_ended = _Weighted.of(GOAL_LIFECYCLE_ENDED)
        self.achievement = {
            status: _Weighted.of(mix) for status, mix in GOAL_ACHIEVEMENT_FOR.items()
        }
        self.organisation = _Weighted(range(1, len(ORGANISATIONS) + 1), ORGANISATION_WEIGHTS)

    def switch_stream(self, name: str) -> None:
        """Draw from here on from a stream of its own, so that adding plans and circles to the
        generator left the people, introductions and support of every seed as they were."""
        self.rng = random.Random(f"livingwell-synthetic:{self.seed}:{name}")  # noqa: S311
        self.random = self.rng.random

    def distinct_weighted(self, weighted: _Weighted[T], count: int) -> list[T]:
        chosen: list[T] = []
        while len(chosen) < count:
            item = weighted(self.rng)
            if item not in chosen:
                chosen.append(item)
        return chosen

    def words(self, phrases: Sequence[str], count: int, slots: _Slots) -> str:
        """A few different sentences from a bank, their slots filled, as one paragraph."""
        random_, size = self.random, len(phrases)
        chosen: list[str] = []
        while len(chosen) < count:  # as distinct() does, inlined: this runs a million times
            phrase = phrases[int(random_() * size)]
            if phrase not in chosen:
                chosen.append(phrase)
        return " ".join([p.format_map(slots) if "{" in p else p for p in chosen])

    def day_in(self, period: SupportPeriodRow, *, within: int) -> dt.date:
        """A day in a support period, up to `within` days from its start, before today if it can be."""
        last = min(period.ended_on or self.today, self.today - dt.timedelta(days=1))
        span = min(within, (last - period.started_on).days)
        if span <= 0:
            return period.started_on
        return period.started_on + dt.timedelta(days=int(self.random() * (span + 1)))

    def moment_in(self, period: SupportPeriodRow, *, within: int) -> dt.datetime:
        """A time in office hours in a support period, and not later than the start of today."""
        return min(_at(self.day_in(period, within=within), 9 + self.random() * 8), self.today_start)

    def parts(self, chances: dict[tuple[str, ...], float]) -> tuple[str, ...]:
        """Some of SHAREABLE_PARTS (at least one), in their order."""
        while True:
            chosen = tuple(
                part
                for parts, chance in chances.items()
                if self.random() < chance
                for part in parts
            )
            if chosen:
                return chosen

    def ending_note(self, ending: str) -> str:
        random_ = self.random
        if ending == "agreed" and random_() < 0.9:
            return (
                f"{self.pick(ENDING_AGREED)} {_filled(self.pick(ENDING_TAKEAWAYS), _Slots(self))} "
                f"{self.pick(ENDING_BACK)}"
            )
        if ending == "moved-away" and random_() < 0.6:
            return (
                f"I moved to {self.pick(MOVED_TO)}. I've taken my plan with me to share with the "
                "team there."
            )
        return ""

    def circle(
        self, person: PersonRow, rows: _PlanDrafts, *, demo: bool
    ) -> list[tuple[CircleMemberRow, str]]:
        """0 to 3 people in someone's circle, each with the word the person calls them by."""
        random_ = self.random
        size = self.circle_size(self.rng)
        if demo:
            size = max(size, 2)
        members: list[tuple[CircleMemberRow, str]] = []
        used: set[str] = set()
        for n in range(size):
            relationship = self.circle_relationship(self.rng)
            while relationship in used and relationship in SINGLE_RELATIONSHIPS:
                relationship = self.circle_relationship(self.rng)
            if demo and n == 0 and relationship not in CLOSE_RELATIONSHIPS:
                relationship = self.pick(("SIB", "MTH", "DOMPART"))
            used.add(relationship)
            gender = RELATIONSHIP_GENDER.get(relationship) or ("1" if random_() < 0.5 else "2")
            given, family = self.name(gender, person.ethnic_category)
            keeps_name = 0.7 if relationship in FAMILY_RELATIONSHIPS else 0.0
            if relationship == "SPS":
                keeps_name = 0.5
            if random_() < keeps_name and person.family_name:
                family = person.family_name
            is_carer = random_() < (FIRST_CARER_SHARE if n == 0 else OTHER_CARER_SHARE)
            email = ""
            if random_() < 0.45:
                email = f"{_ascii(given)}.{_ascii(family)}@{self.pick(EMAIL_DOMAINS)}"
            if demo and n == 0:
                # The demo carer signs in with their email; example.org keeps it apart from the
                # person's own (example.com).
                is_carer = True
                email = f"{_ascii(given)}.{_ascii(family)}@example.org"
            member = CircleMemberRow(
                id=len(rows.circle_members) + 1,
                person_id=person.id,
                name=f"{given} {family}",
                relationship=relationship,
                is_carer=is_carer,
                phone=drama_phone(self.rng) if random_() < 0.85 else "",
                email=email,
            )
            rows.circle_members.append(member)
            members.append((member, RELATIONSHIP_WORDS[relationship][gender != "1"]))
        return members

    def who_to_contact(
        self, circle: list[tuple[CircleMemberRow, str]], key_worker: str, team: str
    ) -> str:
        lines = []
        if circle:
            carers = [c for c in circle if c[0].is_carer]
            member, word = carers[0] if carers else circle[0]
            given = member.name.split(" ")[0]
            lines.append(
                f"My {word} {given} on {member.phone}." if member.phone else f"My {word} {given}."
            )
        if self.random() < 0.8:
            lines.append(f"{key_worker}, my key worker at the {team} team, weekdays 9 to 5.")
        lines.extend(self.distinct(CRISIS_LINES, self.pick((1, 1, 2))))
        return " ".join(lines)

    def plan(
        self,
        person: PersonRow,
        periods: Sequence[SupportPeriodRow],
        rows: _PlanDrafts,
        *,
        key_worker: str,
        team: str,
        demo: bool,
    ) -> None:
        """Someone's plan as it stands (one version), their circle, and what they share."""
        random_ = self.random
        pick = self.pick
        latest = periods[-1]
        circle = self.circle(person, rows, demo=demo)
        slots = _Slots(self)
        for member, word in circle:
            if member.relationship in CLOSE_RELATIONSHIPS:
                slots["relative"] = word  # "my sister is always there for me" names a real sister
                break

        words = self.words
        crisis = demo or random_() < CRISIS_PLAN_SHARE
        plan = PlanRow(
            id=len(rows.plans) + 1,
            person_id=person.id,
            what_matters=words(WHAT_MATTERS_TO_ME, pick((1, 2, 2, 3)), slots),
            strengths=words(MY_STRENGTHS, pick((2, 2, 3)), slots) if random_() < 0.95 else "",
            what_helps=words(WHAT_HELPS_ME, pick((2, 2, 3)), slots) if random_() < 0.95 else "",
            what_does_not_help=(
                words(WHAT_DOES_NOT_HELP_ME, pick((1, 2)), slots) if random_() < 0.85 else ""
            ),
            crisis_signs=words(CRISIS_SIGNS, pick((2, 3)), slots) if crisis else "",
            crisis_what_i_can_do=words(CRISIS_WHAT_I_CAN_DO, pick((2, 3)), slots) if crisis else "",
            crisis_who_to_contact=self.who_to_contact(circle, key_worker, team) if crisis else "",
            version=1,
        )
        rows.plans.append(plan)

        domains = sorted(
            self.distinct_weighted(self.life_domain, pick((3, 3, 4, 4, 5, 5, 6, 7))),
            key=DOMAIN_ORDER.__getitem__,
        )
        entries: list[DomainEntryRow] = []
        for domain in domains:
            how, helped, _ = DOMAIN_WORDS[domain]
            chance = random_()
            entry = DomainEntryRow(
                id=len(rows.domain_entries) + len(entries) + 1,
                plan_id=plan.id,
                domain=domain,
                how_things_are=words(how, pick((1, 1, 2)), slots),
                what_has_helped=(
                    "" if chance < 0.25 else words(helped, 1 if chance < 0.85 else 2, slots)
                ),
            )
            entries.append(entry)
        rows.domain_entries.extend(entries)

        goals: list[GoalRow] = []
        descriptions: set[str] = set()
        lifecycle = self.lifecycle_ended if latest.ended_on else self.lifecycle_open
        for _ in range(pick((1, 2, 2, 3, 3, 4))):
            domain = pick(domains) if random_() < 0.9 else self.life_domain(self.rng)
            description = _filled(pick(DOMAIN_WORDS[domain][2]), slots)
            if description in descriptions:
                continue  # the same goal twice: one fewer goal
            descriptions.add(description)
            status = lifecycle(self.rng)
            period = latest if len(periods) == 1 or random_() < 0.7 else pick(periods)
            goals.append(
                GoalRow(
                    id=len(rows.goals) + len(goals) + 1,
                    plan_id=plan.id,
                    description=description,
                    domain=domain,
                    lifecycle_status=status,
                    achievement_status=self.achievement[status](self.rng),
                    start_date=self.day_in(period, within=90),
                )
            )
        rows.goals.extend(goals)

        rows.plan_versions.append(
            PlanVersionRow(
                id=plan.id,
                plan_id=plan.id,
                number=1,
                snapshot=plan_snapshot(plan, entries, goals),
                changed_by_id=None,
                changed_by_description=PLAN_BY,
                summary=PLAN_SUMMARY,
            )
        )

        decided_by = f"{person.given_name} {person.family_name}".strip() + " (the person)"
        for n, (member, _) in enumerate(circle):
            if not member.is_carer:
                continue
            if demo and n == 0:
                parts: tuple[str, ...] = DEMO_CARER_PARTS
            elif random_() < CARER_SHARING_SHARE:
                parts = self.parts(CARER_PARTS)
            else:
                continue
            rows.sharing_choices.append(
                SharingChoiceRow(
                    id=len(rows.sharing_choices) + 1,
                    person_id=person.id,
                    circle_member_id=member.id,
                    organisation_id=None,
                    parts=parts,
                    decided_at=self.moment_in(latest, within=60),
                    decided_by=decided_by,
                )
            )
        organisation = None
        if demo:
            organisation, parts = 1, DEMO_ORGANISATION_PARTS
        elif random_() < ORGANISATION_SHARING_SHARE:
            organisation, parts = self.organisation(self.rng), self.parts(ORGANISATION_PARTS)
        if organisation is not None:
            rows.sharing_choices.append(
                SharingChoiceRow(
                    id=len(rows.sharing_choices) + 1,
                    person_id=person.id,
                    circle_member_id=None,
                    organisation_id=organisation,
                    parts=parts,
                    decided_at=self.moment_in(latest, within=120),
                    decided_by=decided_by,
                )
            )


class _Slots(dict[str, str]):
    """What fills the slots of phrases for one plan: each slot is chosen the first time it is used,
    and stays the same, so a plan that says "my sister" twice means the same sister."""

    __slots__ = ("generator",)

    def __init__(self, generator: _Generator) -> None:
        super().__init__()
        self.generator = generator

    def __missing__(self, key: str) -> str:
        value = self[key] = self.generator.pick(SLOTS[key])
        return value


def _filled(phrase: str, slots: _Slots) -> str:
    return phrase.format_map(slots) if "{" in phrase else phrase


def plan_snapshot(
    plan: PlanRow, entries: Sequence[DomainEntryRow], goals: Sequence[GoalRow]
) -> dict[str, Any]:
    """The plan as a PlanVersion holds it (livingwell.plans.history): every section; the life domains
    with something written; the goals, keyed by their ids as strings."""
    return {
        "sections": {name: getattr(plan, name) for name in PLAN_SECTIONS},
        "domains": {
            e.domain: {"how_things_are": e.how_things_are, "what_has_helped": e.what_has_helped}
            for e in entries
            if e.how_things_are or e.what_has_helped
        },
        "goals": {
            str(g.id): {
                "description": g.description,
                "domain": g.domain,
                "lifecycle_status": g.lifecycle_status,
                "achievement_status": g.achievement_status,
            }
            for g in goals
        },
    }


@dataclass(slots=True)
class _PlanDrafts:
    plans: list[PlanRow]
    domain_entries: list[DomainEntryRow]
    goals: list[GoalRow]
    plan_versions: list[PlanVersionRow]
    circle_members: list[CircleMemberRow]
    sharing_choices: list[SharingChoiceRow]
