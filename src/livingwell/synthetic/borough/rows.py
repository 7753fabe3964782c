"""What the generator makes: one row per record, named as the model's fields are, and the whole
`Borough`; and the values of the models' choice fields that the rows hold (staff roles, introduction
statuses, channels, measures' instruments and timepoints and the like), which the tests check still
match the models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Staff roles (team.models.StaffRole).
TEAM_LEAD = "team-lead"
ADMINISTRATOR = "administrator"
MENTAL_HEALTH_PRACTITIONER = "mental-health-practitioner"
PEER_WORKER = "peer-worker"
SUPPORT_WORKER = "support-worker"
HOUSING_WORKER = "housing-worker"
WELFARE_RIGHTS_WORKER = "welfare-rights-worker"
PSYCHOLOGIST = "psychologist"
GP_LIAISON = "gp-liaison"
STAFF_ROLES = (
    TEAM_LEAD,
    ADMINISTRATOR,
    MENTAL_HEALTH_PRACTITIONER,
    PEER_WORKER,
    SUPPORT_WORKER,
    HOUSING_WORKER,
    WELFARE_RIGHTS_WORKER,
    PSYCHOLOGIST,
    GP_LIAISON,
)

# Introduction statuses (frontdoor.models.IntroductionStatus). Nothing has landed yet: the network
# part, which makes warm introductions, comes later.
WAITING = "waiting"
PICKED_UP = "picked-up"
CONVERSATION = "conversation"

CHANNELS = ("web", "phone", "walk-in")
CONTACT_METHODS = ("phone", "text", "email")
CONVERSATION_HOWS = ("in-person", "phone", "video")
STOPPED_COMING = "stopped-coming"
ENDINGS = ("agreed", "moved-away", STOPPED_COMING)
INTRODUCERS = ("self", "family", "friend", "gp", "agency")

# Measures (measures.models): the questionnaires, by their keys in livingwell.instruments.REGISTRY,
# and rounds of goal ratings; when in the support each is taken (Timepoint), and who filled it in
# (FilledIn).
QUESTIONNAIRES = ("reqol10", "swemwbs", "dialog", "phq9", "gad7")
GOAL_RATINGS = "goal-ratings"
START = "start"
REVIEW = "review"
END = "end"
TIMEPOINTS = (START, REVIEW, END)
TOGETHER = "together"  # with the key worker
ALONE = "alone"  # by the person, on their own pages
FILLED_IN = (TOGETHER, ALONE)

# frontdoor.services.REFERENCE_ALPHABET: no 0/O or 1/I to misread on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True, slots=True)
class TeamRow:
    id: int
    name: str
    area: str
    postcode_districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    team_id: int
    username: str
    name: str
    role: str
    totp_key: str  # hex, 20 bytes: the same seed gives the same authenticator set-up
    demo_sign_in: bool  # printed by `livingwell borough` for the demo


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    team_id: int
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    gender: str
    ethnic_category: str
    nhs_number: str
    phone: str
    email: str
    address: str
    postcode: str


@dataclass(frozen=True, slots=True)
class ConversationRow:
    id: int
    person_id: int
    held_by_id: int
    held_on: dt.date
    how: str
    what_we_talked_about: str
    next_steps: str


@dataclass(frozen=True, slots=True)
class IntroductionRow:
    id: int
    reference: str
    person_id: int
    team_id: int
    channel: str
    received_at: dt.datetime
    recorded_by_id: int | None
    introduced_by: str
    agency_kind: str
    introducer_name: str
    introducer_relationship: str
    introducer_phone: str
    introducer_email: str
    person_knows: bool | None
    what_matters: str
    contact_method: str
    best_time: str
    may_leave_message: bool | None
    status: str
    picked_up_by_id: int | None
    picked_up_at: dt.datetime | None
    next_step: str
    conversation_id: int | None
    closed_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SupportPeriodRow:
    id: int
    person_id: int
    team_id: int
    key_worker_id: int
    started_on: dt.date
    ended_on: dt.date | None
    ending: str
    ending_note: str


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    id: int
    name: str
    kind: str  # a key of livingwell.codes.organisations.ORGANISATION_KINDS
    ods_code: str


@dataclass(frozen=True, slots=True)
class OrganisationMemberRow:
    """Someone at a partner organisation with a demo sign-in (password and security code)."""

    id: int
    organisation_id: int
    username: str
    name: str
    job: str
    totp_key: str  # hex, 20 bytes, as for staff


@dataclass(frozen=True, slots=True)
class PlanRow:
    id: int
    person_id: int
    what_matters: str
    strengths: str
    what_helps: str
    what_does_not_help: str
    crisis_signs: str
    crisis_what_i_can_do: str
    crisis_who_to_contact: str
    version: int


@dataclass(frozen=True, slots=True)
class DomainEntryRow:
    id: int
    plan_id: int
    domain: str  # a key of LIFE_DOMAINS
    how_things_are: str
    what_has_helped: str


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: int
    plan_id: int
    description: str
    domain: str  # a key of LIFE_DOMAINS
    lifecycle_status: str  # a key of GOAL_LIFECYCLE
    achievement_status: str  # a key of GOAL_ACHIEVEMENT, or "" (not said)
    start_date: dt.date | None


@dataclass(frozen=True, slots=True)
class PlanVersionRow:
    id: int
    plan_id: int
    number: int
    snapshot: dict[str, Any]  # livingwell.plans.history.Snapshot: the plan's rows, exactly
    changed_by_id: int | None
    changed_by_description: str
    summary: str


@dataclass(frozen=True, slots=True)
class CircleMemberRow:
    id: int
    person_id: int
    name: str
    relationship: str  # a key of RELATIONSHIPS
    is_carer: bool
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class SharingChoiceRow:
    id: int
    person_id: int
    circle_member_id: int | None
    organisation_id: int | None
    parts: tuple[str, ...]  # keys of SHAREABLE_PARTS, in their order (a JSON list in the table)
    decided_at: dt.datetime
    decided_by: str


@dataclass(frozen=True, slots=True)
class MeasureRow:
    id: int
    person_id: int
    period_id: int
    instrument: str  # one of QUESTIONNAIRES, or GOAL_RATINGS
    timepoint: str
    taken_on: dt.date
    filled_in: str
    with_member_id: int | None  # the key worker, or None when the person filled it in alone


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One item of a questionnaire, as given (before any reversal); None when not answered."""

    id: int
    measure_id: int
    item: int  # 1-based, in the instrument's published order
    value: int | None
    need_more_help: bool | None  # DIALOG only, and None when not asked or not answered


@dataclass(frozen=True, slots=True)
class GoalRatingRow:
    id: int
    measure_id: int
    goal_id: int
    score: int  # 0 to 10


@dataclass(frozen=True, slots=True)
class Borough:
    seed: int
    today: dt.date
    teams: tuple[TeamRow, ...]
    staff: tuple[StaffRow, ...]
    people: tuple[PersonRow, ...]
    introductions: tuple[IntroductionRow, ...]
    conversations: tuple[ConversationRow, ...]
    support_periods: tuple[SupportPeriodRow, ...]
    organisations: tuple[OrganisationRow, ...]
    organisation_members: tuple[OrganisationMemberRow, ...]
    plans: tuple[PlanRow, ...]
    domain_entries: tuple[DomainEntryRow, ...]
    goals: tuple[GoalRow, ...]
    plan_versions: tuple[PlanVersionRow, ...]
    circle_members: tuple[CircleMemberRow, ...]
    sharing_choices: tuple[SharingChoiceRow, ...]
    measures: tuple[MeasureRow, ...]
    answers: tuple[AnswerRow, ...]
    goal_ratings: tuple[GoalRatingRow, ...]
    # The demo's person and carer accounts (usernames: their emails), when the borough has them.
    demo_person_id: int | None
    demo_carer_id: int | None
