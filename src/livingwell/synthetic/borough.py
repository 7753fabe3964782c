"""A synthetic borough: teams, staff, people, their introductions, conversations and support, and for
everyone who has had support a plan (with its first version), a circle of support and what they share.

Plain Python with no Django import: `livingwell borough` loads what this makes. The same seed and the
same `today` always give the same borough. Everything is invented: NHS numbers come from the 999 range
set aside for testing, phone numbers from Ofcom's ranges for drama, emails from example.com and
example.org, and the teams, streets, surgeries and partner organisations do not exist. The one
exception is on purpose: crisis plans name the national lines a real one would (NHS 111, Samaritans,
999).

Plans are put together from banks of short first-person phrases, so that a hundred thousand of them
read differently; their words are made up, not taken from anyone's record.

The values below mirror the choices on the models (team, people, frontdoor, plans and network apps);
the tests check that they still match.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
import random
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from livingwell.codes.people import nhs_number_is_valid
from livingwell.codes.plan import LIFE_DOMAINS, SECTION_LABELS

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
T = TypeVar("T")

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
ENDINGS = ("agreed", "moved-away", "stopped-coming")
INTRODUCERS = ("self", "family", "friend", "gp", "agency")

# frontdoor.services.REFERENCE_ALPHABET: no 0/O or 1/I to misread on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

DEMO_PASSWORD = "living-well-demo"  # noqa: S105 (the published demo password, for synthetic staff only)

# The mix of ethnic categories, roughly that of an inner London borough (percent).
ETHNIC_MIX: dict[str, float] = {
    "A": 40.0,
    "C": 15.0,
    "N": 10.0,
    "M": 7.0,
    "P": 3.0,
    "B": 2.0,
    "D": 1.5,
    "E": 1.5,
    "F": 1.5,
    "G": 1.5,
    "H": 2.0,
    "J": 1.5,
    "K": 1.5,
    "L": 2.0,
    "R": 1.0,
    "S": 3.0,
    "Z": 4.0,
    "99": 2.0,
}
# Ages (percent of people in each band): more people of working age, as at any front door.
AGE_MIX: dict[str, float] = {
    "18-24": 11,
    "25-34": 23,
    "35-44": 21,
    "45-54": 18,
    "55-64": 12,
    "65-74": 9,
    "75-90": 6,
}
AGE_BANDS = {band: (int(band[:2]), int(band[3:])) for band in AGE_MIX}
GENDER_MIX: dict[str, float] = {"1": 45.5, "2": 50.0, "3": 2.0, "4": 0.5, "Z": 2.0}
# Who introduces people (percent), and which organisations do.
INTRODUCER_MIX: dict[str, float] = {"self": 45, "family": 10, "friend": 5, "gp": 25, "agency": 15}
AGENCY_MIX: dict[str, float] = {
    "other-primary-care": 6,
    "social-services": 10,
    "education": 6,
    "housing": 14,
    "employer": 3,
    "police": 8,
    "probation": 4,
    "voluntary-sector": 18,
    "emergency-department": 10,
    "secondary-care": 8,
    "talking-therapies": 10,
    "other": 3,
}

SUPPORTED_SHARE = 0.70  # of people who had a conversation, how many get a support period
RETURN_CHANCE = 0.14  # of people whose earlier support had ended, how many come back


# What the generator makes: one row per record, named as the model's fields are.


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
    kind: str  # a key of livingwell.codes.introductions.AGENCY_KINDS
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
    # The demo's person and carer accounts (usernames: their emails), when the borough has them.
    demo_person_id: int | None
    demo_carer_id: int | None


# The place.

TEAMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("North Riverside", "Riverside, Kennings Green and the Oval Gardens", ("SE1", "SE11", "SW8")),
    ("Central Brixwell", "Brixwell, Coldmoor and Loughton Park", ("SW9", "SE5", "SE24")),
    ("South Norbrook", "Norbrook, Hillside Park and Streatley Vale", ("SE27", "SW16")),
    ("West Clapwell", "Clapwell, Balmoor and Tulse Common", ("SW2", "SW4", "SW12")),
)
TEAM_SHARES = (0.27, 0.26, 0.25, 0.22)

# The first team's staff, with names that are easy to type in a demo.
DEMO_STAFF: tuple[tuple[str, str, str, bool], ...] = (
    ("amara", "Amara Okafor", TEAM_LEAD, True),
    ("sam", "Sam Whitfield", MENTAL_HEALTH_PRACTITIONER, True),
    ("jo", "Jo Mensah", PEER_WORKER, True),
    ("priya", "Priya Raman", ADMINISTRATOR, True),
    ("lucia", "Lucia Ferreira", MENTAL_HEALTH_PRACTITIONER, False),
    ("tomasz", "Tomasz Nowak", SUPPORT_WORKER, False),
    ("grace", "Grace Adeyemi", HOUSING_WORKER, False),
    ("dev", "Dev Chauhan", WELFARE_RIGHTS_WORKER, False),
    ("ruth", "Ruth Abrahams", PSYCHOLOGIST, False),
    ("kwame", "Kwame Boateng", GP_LIAISON, False),
)
TEAM_ROLES = (
    TEAM_LEAD,
    ADMINISTRATOR,
    MENTAL_HEALTH_PRACTITIONER,
    MENTAL_HEALTH_PRACTITIONER,
    PEER_WORKER,
    SUPPORT_WORKER,
    HOUSING_WORKER,
    WELFARE_RIGHTS_WORKER,
    PSYCHOLOGIST,
    GP_LIAISON,
)
EXTRA_ROLES = (PEER_WORKER, SUPPORT_WORKER, MENTAL_HEALTH_PRACTITIONER)
# Who holds first conversations and key-works people: practitioners and peer workers most often.
KEY_WORK_WEIGHT = {
    TEAM_LEAD: 1,
    MENTAL_HEALTH_PRACTITIONER: 5,
    PEER_WORKER: 4,
    SUPPORT_WORKER: 4,
    HOUSING_WORKER: 2,
    WELFARE_RIGHTS_WORKER: 2,
    PSYCHOLOGIST: 2,
    GP_LIAISON: 1,
}

STREETS = (
    "Alder Road",
    "Brixwell Hill",
    "Coldmoor Lane",
    "Danebury Street",
    "Elmfield Way",
    "Fennel Close",
    "Gatling Road",
    "Harbour Walk",
    "Ivydene Grove",
    "Juniper Street",
    "Kennings Way",
    "Larkhall Rise",
    "Marsden Road",
    "Netherby Gardens",
    "Oakfield Terrace",
    "Pelham Crescent",
    "Quilter Street",
    "Rosebery Avenue",
    "Saltram Road",
    "Thornbury Place",
    "Upland Road",
    "Vickery Court",
    "Wexford Street",
    "Yewtree Lane",
    "Ashgrove Estate",
    "Beacon House",
    "Carisbrook Road",
    "Dulverton Mansions",
    "Eastlake Row",
    "Foxley Square",
    "Greyhound Lane",
    "Hollybank Road",
    "Ingram Close",
    "Kestrel Walk",
    "Lorrimore Street",
    "Millbrook Road",
    "Norwood Parade",
    "Orchard Mews",
    "Peckwater Street",
    "Railton Road",
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters that appear in inward codes
SURGERIES = (
    "Kennings Green Medical Centre",
    "Brixwell Road Surgery",
    "Oval Gardens Practice",
    "Hillside Park Health Centre",
    "Norbrook Group Practice",
    "Coldmoor Lane Surgery",
    "Tulse Common Medical Practice",
    "Clapwell Family Practice",
    "Streatley Vale Surgery",
)

# Names. Each pool: (men's given names, women's given names, family names).

_Pool = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _names(names: str) -> tuple[str, ...]:
    return tuple(names.split())


NAME_POOLS: dict[str, _Pool] = {
    "british": (
        _names(
            "James Oliver Tom Daniel Chris Ben Harry Jack Luke Matthew Paul Steve Gary Dean "
            "Callum Ryan George Alfie Reece Kieran"
        ),
        _names(
            "Emma Sophie Charlotte Hannah Lucy Chloe Jade Gemma Kerry Rebecca Laura Amy Ellie "
            "Georgia Megan Tracey Sarah Kate"
        ),
        _names(
            "Smith Jones Taylor Brown Williams Wilson Johnson Davies Evans Walker Wright Thompson "
            "Hughes Edwards Green Hall Wood Harris Clarke Turner Cooper Hill Ward Morris Baker "
            "Fletcher Marsh"
        ),
    ),
    "irish": (
        _names("Sean Conor Ciaran Padraig Declan Niall Eoin Liam"),
        _names("Siobhan Aoife Niamh Roisin Orla Ciara Maeve Grainne"),
        _names(
            "Murphy Kelly O'Brien Byrne Ryan O'Connor Doyle Walsh McCarthy Gallagher Quinn Brennan"
        ),
    ),
    "european": (
        _names(
            "Piotr Tomasz Marek João Tiago Marco Luca Andrei Mihai Jonas Lukas Nikos Pablo Javier "
            "Ahmet Arben Pierre Stefan"
        ),
        _names(
            "Agnieszka Kasia Ana Inês Giulia Chiara Elena Ioana Rūta Eleni Lucía Carmen Ayşe "
            "Elira Camille Zsófia Marta Sofia"
        ),
        _names(
            "Nowak Kowalski Wiśniewski Silva Santos Ferreira Rossi Russo Popescu Ionescu "
            "Kazlauskas Papadopoulos García Fernández Aksoy Hoxha Dubois Horváth Müller Costa "
            "Oliveira Pereira"
        ),
    ),
    "west_african": (
        _names(
            "Chinedu Emeka Tunde Oluwaseun Kwame Kofi Kwabena Segun Ifeanyi Babajide Yaw Femi "
            "Ebuka Kayode Mamadou Abdoulaye"
        ),
        _names(
            "Ngozi Adaeze Funmilayo Yewande Abena Akosua Efua Chiamaka Titilayo Bisi Ama Folake "
            "Adwoa Aminata Fatou Ifeoma"
        ),
        _names(
            "Okafor Adeyemi Okonkwo Balogun Mensah Owusu Boateng Asante Adebayo Eze Nwosu "
            "Oyelaran Appiah Osei Diallo Sow Ogunleye"
        ),
    ),
    "east_african": (
        _names("Abdi Mohamed Ahmed Yonas Dawit Tesfaye Mulugeta Hassan Musa"),
        _names("Hodan Fadumo Ayaan Hamdi Selam Meron Tigist Saba Amina"),
        _names(
            "Hassan Ali Warsame Farah Osman Tesfay Haile Gebremedhin Abdullahi Jama Mekonnen "
            "Mwangi Otieno"
        ),
    ),
    "caribbean": (
        _names(
            "Marcus Andre Delroy Winston Leon Tyrone Jermaine Dwayne Kyle Errol Clive Nathaniel"
        ),
        _names(
            "Marcia Simone Jasmine Keisha Shanice Beverley Paulette Tanisha Monique Janelle "
            "Hyacinth Sharon"
        ),
        _names(
            "Campbell Brown Williams Thomas Grant Clarke Reid Francis Henry Morgan Stewart Bailey "
            "Gordon Richards Samuels Duncan"
        ),
    ),
    "indian": (
        _names("Arjun Rohan Vikram Rahul Sanjay Harpreet Gurpreet Amit Nikhil"),
        _names("Priya Anjali Kavita Sunita Neha Pooja Simran Deepa Meera"),
        _names("Patel Shah Sharma Singh Kaur Gill Mehta Iyer Nair Reddy Chauhan Desai"),
    ),
    "pakistani": (
        _names("Imran Bilal Usman Faisal Kamran Asif Tariq Zain Hamza"),
        _names("Ayesha Sana Zainab Fatima Hina Nadia Saima Mariam Iqra"),
        _names("Khan Hussain Akhtar Iqbal Malik Raja Butt Qureshi Chaudhry"),
    ),
    "bangladeshi": (
        _names("Abdul Rahim Shahid Mizanur Jamal Rafiq Sohel Anwar"),
        _names("Nasima Shirin Rehana Taslima Roksana Sumaiya Farzana Jahanara"),
        _names("Begum Miah Rahman Uddin Islam Ahmed Chowdhury Hoque Ali"),
    ),
    "other_asian": (
        _names("Tharshan Nimal Minh Tuan Jose Mark Rajan Sunil Bao"),
        _names("Lakshmi Thushara Linh Thi Maricel Joy Malini Dilani Mai"),
        _names("Sivakumar Perera Fernando Nguyen Tran Santos Reyes Kumaran Jayasinghe Pham"),
    ),
    "chinese": (
        _names("Wei Jun Hao Ming Kai Jian Chen"),
        _names("Mei Xin Ling Yan Hui Jing Li"),
        _names("Wang Li Zhang Liu Chen Wong Chan Lam Ng Cheung"),
    ),
    "other": (
        _names("Carlos Diego Andrés Omar Karim Yusuf Reza Dara Mehmet Kemal"),
        _names("María Valentina Camila Layla Yasmin Leila Shirin Zeynep Rania"),
        _names(
            "Rodríguez Gómez López Martínez Haddad Mansour Hosseini Ahmadi Demir Kaya Saleh Jaber"
        ),
    ),
}
NEUTRAL_NAMES = _names("Alex Sam Charlie Jordan Robin Kai River Ash Jesse Rowan")
# Which name pools people of each ethnic category draw from (mixed categories draw two).
POOLS_FOR_CATEGORY: dict[str, tuple[str, ...]] = {
    "A": ("british",),
    "B": ("irish",),
    "C": ("european",),
    "D": ("caribbean", "british"),
    "E": ("west_african", "british"),
    "F": ("indian", "british"),
    "G": ("other", "british"),
    "H": ("indian",),
    "J": ("pakistani",),
    "K": ("bangladeshi",),
    "L": ("other_asian",),
    "M": ("caribbean",),
    "N": ("west_african", "west_african", "east_african"),
    "P": ("caribbean", "west_african", "british"),
    "R": ("chinese",),
    "S": ("other",),
    "Z": tuple(NAME_POOLS),
    "99": tuple(NAME_POOLS),
}

# Words. What matters, as people say it; what happened in a conversation; next steps.

IN_MY_WORDS = (
    "I can't sleep",
    "I'm behind on rent",
    "I feel like I'm drowning",
    "I haven't left the flat in weeks",
    "I keep having panic attacks on the bus",
    "I lost my job in March",
    "my benefits were stopped",
    "I'm drinking more than I want to",
    "some days I don't see the point",
    "I'm caring for my mum and I'm exhausted",
    "the voices are back",
    "I need someone to talk to",
    "I'm scared of losing my kids",
    "my neighbour is making my life hell",
    "I can't concentrate at work",
    "I've been lonely since my partner died",
    "I want to get back to college",
    "I want to feel like myself again",
    "I'm sofa-surfing at my cousin's",
    "I owe money everywhere",
    "I stopped taking my medication",
    "I can't stop worrying",
    "I'm not eating properly",
    "everything feels grey",
    "I just came out of hospital and don't know what's next",
    "I'm angry all the time",
    "my landlord wants me out",
    "I keep cancelling on my friends",
    "I want to go back to work",
    "I'm not coping since the baby",
    "I don't feel safe at home",
    "I've got nobody to talk to in English",
    "I want to stop feeling so on edge",
    "I hear things other people don't",
    "the nights are the worst",
    "I'm worried about my memory",
    "my universal credit is a mess",
)
IN_THEIR_WORDS = (
    "my son has stopped going out",
    "my mum isn't eating",
    "she isn't answering her phone",
    "he's talking about not wanting to be here",
    "my sister has been really low since her dad died",
    "he hasn't been to work for a month",
    "she's stopped taking her tablets",
    "he's drinking every day",
    "she thinks people are following her",
    "my dad is struggling since he retired",
    "my flatmate hasn't left his room in a week",
    "she's been sleeping in her car",
    "he is behind on everything and won't open his post",
    "I'm worried about my friend",
)
DOMAIN_TALK = (
    "sleep and what gets in the way of it",
    "money and the rent arrears",
    "where they are living",
    "work and what happened with their last job",
    "their family and who they can rely on",
    "feeling unsafe at home",
    "their physical health and the pain in their back",
    "getting out of the house more",
    "what they used to enjoy",
    "the benefits appeal",
    "their medication and how it makes them feel",
    "drinking and when it is worse",
    "belonging (church and the allotment)",
    "feeling lonely",
    "studying again",
    "their children and the school",
    "what happened in hospital",
    "debts and letters they haven't opened",
)
STRENGTHS = (
    "They are a good cook and like feeding people.",
    "Their sister is a big support.",
    "They walk every day, even on bad days.",
    "They are funny and warm.",
    "They kept going to work through a very hard year.",
    "They know the area well.",
    "They volunteer at the food bank.",
    "They are a loving parent.",
    "They are good with their hands.",
    "Music helps: they play guitar.",
    "They have kept their flat going on very little.",
)
WHAT_HELPS = (
    "What helps: a walk, a call from a friend, having a plan for the day.",
    "What helps: knowing someone will call back when they say they will.",
    "What helps: texts rather than calls.",
    "What helps: meeting outside, not in an office.",
    "What helps: writing things down.",
    "What helps: their dog.",
)
CONVERSATION_NEXT_STEPS = (
    "Meet again next week at the community centre.",
    "Housing worker to call about the arrears.",
    "Go together to the welfare rights drop-in on Thursday.",
    "Peer worker to walk to the allotment with them.",
    "Talk to their GP together about the medication.",
    "Call on Monday to see how the weekend went.",
    "Write the plan together next time.",
    "Look at college courses together.",
    "",
)
OPEN_NEXT_STEPS = (
    "Phoned, no answer: try again tomorrow morning.",
    "Texted to offer Thursday at 2pm.",
    "Left a message, as they agreed we could.",
    "Booked a first conversation for Monday at 11am.",
    "Talk to the introducer first: the person does not know yet.",
    "Call after 5pm, as they asked.",
    "Meet at the library on Wednesday.",
    "Sent an email with two times to choose from.",
)
BEST_TIMES = (
    "Mornings",
    "Afternoons",
    "After 5pm",
    "Any time",
    "Before 3pm (school run)",
    "Weekdays",
    "",
    "",
)
FAMILY = (
    "Mother",
    "Father",
    "Sister",
    "Brother",
    "Son",
    "Daughter",
    "Partner",
    "Wife",
    "Husband",
    "Aunt",
    "Grandmother",
    "Cousin",
)
FRIENDS = ("Friend", "Friend", "Neighbour", "Flatmate", "Colleague")
AGENCY_JOBS: dict[str, tuple[str, str]] = {
    "other-primary-care": ("Practice nurse", "Oval Gardens Practice"),
    "social-services": ("Social worker", "Adult social care"),
    "education": ("Student support adviser", "South Bank Community College"),
    "housing": ("Housing officer", "Riverside Homes"),
    "employer": ("Line manager", "Brixwell Bus Garage"),
    "police": ("Police constable", "Safer Neighbourhoods team"),
    "probation": ("Probation officer", "Probation service"),
    "voluntary-sector": ("Support worker", "Coldmoor Community Kitchen"),
    "emergency-department": ("Liaison nurse", "St Elsewhere's Hospital emergency department"),
    "secondary-care": ("Occupational therapist", "St Elsewhere's Hospital"),
    "talking-therapies": ("Psychological wellbeing practitioner", "NHS Talking Therapies"),
    "other": ("Adviser", "Citizens advice drop-in"),
}
# Web forms come in at any hour, most in the day and the evening.
WEB_HOURS = (0, 1, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
EMAIL_DOMAINS = ("example.com", "example.org")

# Plans, circles and sharing: made for everyone who has had a period of support.

PLAN_SECTIONS = tuple(SECTION_LABELS)  # the seven sections of a plan, as in a snapshot
DOMAIN_ORDER = {domain: n for n, domain in enumerate(LIFE_DOMAINS)}
PLAN_BY = "Loaded synthetic data"  # PlanVersion.changed_by_description
PLAN_SUMMARY = "First plan"
CRISIS_PLAN_SHARE = 0.8  # of plans, how many have a crisis plan
CIRCLE_SIZES = (0, 1, 2, 3)
CIRCLE_SIZE_WEIGHTS = (25, 40, 25, 10)
FIRST_CARER_SHARE = 0.4  # of people's first circle member, how many are carers
OTHER_CARER_SHARE = 0.08
CARER_SHARING_SHARE = 0.33  # of carers, how many the person shares something with
ORGANISATION_SHARING_SHARE = 0.04  # of people with a plan, how many share with an organisation
# Goals: how they stand, while support goes on and once it has ended (percent).
GOAL_LIFECYCLE_OPEN: dict[str, float] = {
    "active": 80,
    "completed": 8,
    "on-hold": 9,
    "cancelled": 3,
}
GOAL_LIFECYCLE_ENDED: dict[str, float] = {
    "active": 50,
    "completed": 32,
    "on-hold": 13,
    "cancelled": 5,
}
# Progress that goes with each status ("" is "not said").
GOAL_ACHIEVEMENT_FOR: dict[str, dict[str, float]] = {
    "active": {"in-progress": 48, "improving": 32, "no-change": 12, "worsening": 5, "": 3},
    "completed": {"achieved": 88, "sustaining": 12},
    "on-hold": {"no-progress": 45, "no-change": 30, "": 25},
    "cancelled": {"not-achieved": 50, "not-attainable": 40, "": 10},
}
# Which parts of life come up in first conversations (weights; mental health almost always).
DOMAIN_WEIGHTS: dict[str, float] = {
    "mental-health": 40,
    "physical-health": 12,
    "housing": 12,
    "money": 13,
    "work-and-learning": 10,
    "relationships": 11,
    "belonging": 12,
    "safety": 5,
    "substances": 6,
    "caring": 4,
}
# Who is in people's circles (RELATIONSHIPS), and what the person calls them (men's, women's word).
CIRCLE_RELATIONSHIPS: dict[str, float] = {
    "MTH": 12,
    "FTH": 5,
    "PRN": 1,
    "SPS": 8,
    "DOMPART": 12,
    "CHILD": 10,
    "SIB": 14,
    "GRPRN": 2,
    "FAMMEMB": 6,
    "FRND": 19,
    "NBOR": 6,
    "ROOM": 5,
}
RELATIONSHIP_WORDS: dict[str, tuple[str, str]] = {
    "MTH": ("mum", "mum"),
    "FTH": ("dad", "dad"),
    "PRN": ("stepdad", "stepmum"),
    "SPS": ("husband", "wife"),
    "DOMPART": ("partner", "partner"),
    "CHILD": ("son", "daughter"),
    "SIB": ("brother", "sister"),
    "GRPRN": ("grandad", "nan"),
    "FAMMEMB": ("cousin", "aunt"),
    "FRND": ("friend", "friend"),
    "NBOR": ("neighbour", "neighbour"),
    "ROOM": ("flatmate", "flatmate"),
}
RELATIONSHIP_GENDER = {"MTH": "2", "FTH": "1"}
FAMILY_RELATIONSHIPS = frozenset({"MTH", "FTH", "PRN", "CHILD", "SIB", "GRPRN", "FAMMEMB"})
CLOSE_RELATIONSHIPS = FAMILY_RELATIONSHIPS | {"SPS", "DOMPART"}
SINGLE_RELATIONSHIPS = frozenset({"MTH", "FTH", "SPS", "DOMPART"})  # nobody has two in a circle
# How often each part is shared with a carer, and with an organisation (what matters and what helps
# mostly go together).
CARER_PARTS: dict[tuple[str, ...], float] = {
    ("about",): 0.3,
    ("what-matters", "what-helps"): 0.8,
    ("goals",): 0.7,
    ("crisis",): 0.6,
    ("circle",): 0.2,
}
ORGANISATION_PARTS: dict[tuple[str, ...], float] = {
    ("about",): 0.85,
    ("what-matters", "what-helps"): 0.7,
    ("goals",): 0.45,
    ("crisis",): 0.25,
    ("circle",): 0.1,
}

# Partner organisations (made up, like the teams), each with a kind of AGENCY_KINDS. The first is the
# demo partner's.
ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Riverside Housing Advice", "housing"),
    ("Brixwell Community Kitchen", "voluntary-sector"),
    ("Coldmoor Money and Welfare Rights Centre", "voluntary-sector"),
    ("Norbrook Talking Therapies", "talking-therapies"),
    ("Clapwell Adult Social Care", "social-services"),
    ("Streatley Vale Recovery College", "education"),
    ("Hillside Park Community Pharmacy", "other-primary-care"),
    ("St Elsewhere's Hospital", "secondary-care"),
    ("Tulse Common Tenants and Residents Association", "other"),
)
ORGANISATION_WEIGHTS = (30, 14, 16, 12, 8, 8, 4, 5, 3)
DEMO_PARTNER: tuple[str, str, str] = ("lee", "Lee Harper", "Housing adviser")
# What the demo person shares with their carer, and with the demo partner's organisation.
DEMO_CARER_PARTS = ("what-matters", "what-helps", "goals", "crisis", "team")
DEMO_ORGANISATION_PARTS = ("about", "what-matters", "life-housing", "life-money")

# Slots that phrases below may hold: "{activity}" is filled afresh each time a phrase is used.
SLOTS: dict[str, tuple[str, ...]] = {
    "activity": (
        "swimming",
        "the gym",
        "football",
        "running",
        "cycling",
        "yoga",
        "dancing",
        "the choir",
        "boxing",
        "the walking group",
        "the allotment",
        "badminton",
        "five-a-side",
        "the knitting group",
    ),
    "days": (
        "Saturdays",
        "Sunday mornings",
        "Wednesday evenings",
        "Monday nights",
        "weekends",
        "Friday afternoons",
        "Tuesdays and Thursdays",
    ),
    "relative": ("mum", "dad", "sister", "brother", "son", "daughter", "nan", "best friend"),
    "place": (
        "church",
        "the mosque",
        "the gurdwara",
        "the temple",
        "my football club",
        "the community garden",
        "the library",
        "the pub quiz",
    ),
    "pet": ("dog", "cat", "dog", "budgie", "rabbit"),
    "pet_name": ("Bailey", "Milo", "Luna", "Pepper", "Rocky", "Biscuit", "Tia", "Simba", "Nala"),
    "course": (
        "plumbing course",
        "English course",
        "maths GCSE",
        "access course",
        "hairdressing course",
        "forklift licence",
        "childcare level 2",
    ),
    "count": ("two", "three", "four"),
    "season": ("summer", "spring", "autumn", "new year", "end of the year"),
    "food": ("jollof", "curry", "a Sunday roast", "soup", "pasta", "dumplings", "plantain"),
    "music": (
        "reggae",
        "gospel",
        "old soul records",
        "drill",
        "Bollywood songs",
        "jazz",
        "the radio",
    ),
}

WHAT_MATTERS_TO_ME = (
    "My children, and being there for them.",
    "Keeping my flat.",
    "Getting back to work.",
    "My faith. Going to {place} keeps me going.",
    "Seeing my friends again.",
    "My {pet}, {pet_name}. I get up for {pet_name} even on bad days.",
    "My {relative}. We are close.",
    "Being independent and not relying on anyone.",
    "Feeling safe at home.",
    "Having a routine.",
    "Cooking for people. I make a good {food}.",
    "Music. I listen to {music} every day.",
    "Getting my health back.",
    "Being a good grandparent.",
    "Finishing my {course}.",
    "Not ending up back in hospital.",
    "Being treated like a person, not a case.",
    "Having something to get up for.",
    "Sorting my money out so I can sleep at night.",
    "My culture and speaking my own language.",
    "Being outside. I feel better near trees and water.",
    "Helping other people, the way people helped me.",
    "Staying off the drink.",
    "Getting my kids back for weekends.",
    "My garden.",
    "Looking after my {relative}.",
    "Going to {activity} on {days}.",
    "Being listened to.",
    "Having a place of my own by the {season}.",
    "Feeling part of something again.",
)
MY_STRENGTHS = (
    "I don't give up.",
    "I'm a good cook.",
    "I'm good with people when I'm well.",
    "I'm organised and I like lists.",
    "My {relative} is always there for me.",
    "I'm funny. People say I cheer them up.",
    "I'm good with my hands. I can fix most things.",
    "I walk every day, even on bad days.",
    "I know a lot about my own mental health.",
    "I'm a loving parent.",
    "I kept working through a very hard year.",
    "I'm honest about how I feel.",
    "I speak three languages.",
    "I'm creative. I draw and write.",
    "I know the area and lots of people in it.",
    "I've got through worse than this before.",
    "I volunteer at the food bank.",
    "I'm patient with older people and children.",
    "I ask for help now, which I never used to.",
    "My faith gives me strength.",
    "I'm good at {activity}.",
    "I've kept my flat going on very little money.",
    "I'm a good listener.",
    "I'm practical in a crisis, for other people at least.",
    "I can make anyone a {food}.",
)
WHAT_HELPS_ME = (
    "Going for a walk first thing.",
    "Someone calling back when they said they would.",
    "Texts rather than phone calls.",
    "Meeting outside, not in an office.",
    "Writing things down so I don't forget.",
    "Having a plan for the day, even a small one.",
    "Talking to my {relative}.",
    "Seeing the same worker each time.",
    "Being told what happens next.",
    "Listening to {music}.",
    "Getting out to {activity} on {days}.",
    "Having someone come with me to appointments.",
    "A cup of tea and time to say things in my own way.",
    "Letters in plain English.",
    "Being asked, not told.",
    "My {pet}.",
    "Keeping busy in the afternoons.",
    "Going to bed at the same time every night.",
    "Praying.",
    "Cooking.",
    "Knowing I can call the team if I need to.",
    "Talking to someone who has been through it.",
    "A quiet room and no rush.",
    "An interpreter I trust.",
)
WHAT_DOES_NOT_HELP_ME = (
    "Being told to calm down.",
    "Letters full of jargon.",
    "Telling my story again and again.",
    "Phone calls from withheld numbers. I don't answer them.",
    "Being passed from one service to another.",
    "Crowded waiting rooms.",
    "People talking about me as if I'm not there.",
    "Appointments first thing in the morning.",
    "Being rushed.",
    "Being asked about my past before I'm ready.",
    "People cancelling at the last minute.",
    "Staying in bed all day.",
    "Drinking to get to sleep.",
    "Loud places.",
    "Being on my own on Sundays.",
    "Social media late at night.",
    "Being judged for my drinking.",
    "Forms I don't understand.",
)
CRISIS_SIGNS = (
    "I stop answering my phone.",
    "I stop eating properly.",
    "I sleep all day or not at all.",
    "I start drinking in the morning.",
    "I get angry with everyone.",
    "I stop opening the curtains.",
    "I stop washing and getting dressed.",
    "The voices get louder and tell me to do things.",
    "I think everyone is against me.",
    "I stop going to {activity}.",
    "I give my things away.",
    "I talk about not wanting to be here.",
    "I stop taking my medication.",
    "I go very quiet.",
    "I spend money I don't have.",
    "I can't stop pacing at night.",
)
CRISIS_WHAT_I_CAN_DO = (
    "Ring my {relative}.",
    "Go for a walk, anywhere, just out of the flat.",
    "Put on {music} and have a shower.",
    "Use the breathing exercise on my phone.",
    "Write down what I'm thinking and read it back in the morning.",
    "Go and sit in the library or a café so I'm not on my own.",
    "Ask someone to hold on to my tablets for a while.",
    "Take my medication as it says on the box.",
    "Not drink, and eat something.",
    "Look at the photos of my kids.",
    "Go to {place}.",
    "Hold ice and count my breaths.",
    "Make a cup of tea and sit by the window.",
    "Remind myself it has passed before and it will pass again.",
)
CRISIS_LINES = (
    "NHS 111, and choose the mental health option, any time of day or night.",
    "Samaritans on 116 123, any time.",
    "999 or A&E if I am in danger.",
)

# Each part of life: how things are, what has helped, and goals, all in the person's words.
DOMAIN_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "mental-health": (
        (
            "I feel low most days.",
            "My anxiety is bad, especially on buses.",
            "I have panic attacks a few times a week.",
            "I can't switch my mind off at night.",
            "The voices are quieter than they were.",
            "Some days I don't see the point.",
            "I feel on edge all the time.",
            "I've been better since the summer but it comes and goes.",
            "I don't trust my own thoughts some days.",
            "I came out of hospital recently and I'm finding my feet.",
            "I'm more up and down than I'd like.",
        ),
        (
            "Talking to a peer worker who has been there.",
            "The new medication, slowly.",
            "Keeping a mood diary.",
            "Walking every morning.",
            "The talking therapy group.",
            "Knowing the team is there.",
            "Breathing exercises when it starts.",
        ),
        (
            "I want to feel less anxious when I go out.",
            "I want to sleep through the night more often than not.",
            "I want to understand what sets off my panic attacks.",
            "I want to have more good days than bad days.",
            "I want to get back into a routine in the mornings.",
            "I want to feel like myself again.",
            "I want to talk to my GP about my medication.",
            "I want to notice when I'm getting unwell before it gets bad.",
            "I want to get the bus to town on my own.",
        ),
    ),
    "physical-health": (
        (
            "My back pain stops me doing a lot.",
            "I've got diabetes and I don't always manage it.",
            "I'm tired all the time.",
            "I've put on weight with the medication.",
            "My asthma is worse in the flat because of the damp.",
            "I haven't seen a dentist in years.",
            "I smoke more when I'm stressed.",
            "I'm not eating much.",
        ),
        (
            "The physio exercises.",
            "Walking to the shops instead of the bus.",
            "The GP reviewing my tablets.",
            "Eating a proper breakfast.",
            "Getting a blister pack from the pharmacy.",
        ),
        (
            "I want to get back to {activity} on {days}.",
            "I want to walk to the park and back without stopping.",
            "I want to eat a proper meal every day.",
            "I want to go to the dentist, finally.",
            "I want to cut down to five cigarettes a day.",
            "I want to get my back pain looked at properly.",
            "I want to understand my diabetes better.",
        ),
    ),
    "housing": (
        (
            "There is damp and mould in my bedroom.",
            "I'm behind on my rent.",
            "I'm sofa-surfing at my cousin's.",
            "My landlord wants me out.",
            "The flat is too small for me and the kids.",
            "I'm in a hostel and it's noisy at night.",
            "My flat is OK but I don't feel at home in it.",
            "I'm scared of losing my tenancy.",
        ),
        (
            "The housing worker coming with me to the council.",
            "Getting the repairs reported in writing.",
            "Setting up a payment plan for the arrears.",
            "Advice from the housing advice centre.",
            "My key worker writing a letter for me.",
        ),
        (
            "I want to get the damp in my bedroom sorted.",
            "I want to find somewhere settled to live.",
            "I want to clear my rent arrears.",
            "I want to get on the housing register.",
            "I want to make my flat feel like home.",
            "I want a place of my own by the {season}.",
        ),
    ),
    "money": (
        (
            "I owe money to lots of people.",
            "My Universal Credit was stopped.",
            "I don't open my post because I'm scared of it.",
            "I run out of money before the end of the month.",
            "I've been using the food bank.",
            "I'm waiting for a PIP decision.",
            "I'm managing, just.",
            "My gas and electric are on a prepayment meter and it runs out.",
        ),
        (
            "Going through my letters with the welfare rights worker.",
            "A budget written down on the fridge.",
            "The food bank, for now.",
            "Getting my benefits back after the appeal.",
            "A debt adviser talking to the people I owe.",
        ),
        (
            "I want to sort out my Universal Credit.",
            "I want to open my post every week and not be scared of it.",
            "I want a budget I can stick to.",
            "I want to get help with my debts.",
            "I want to apply for PIP with someone to help me.",
            "I want to stop needing the food bank.",
        ),
    ),
    "work-and-learning": (
        (
            "I lost my job earlier this year.",
            "I'm off sick and worried about going back.",
            "I haven't worked for a long time.",
            "I want to study but I don't know where to start.",
            "I can't concentrate at work.",
            "I volunteer one day a week and I like it.",
            "I'd like to do something useful with my days.",
        ),
        (
            "The employment adviser.",
            "A phased return agreed with my manager.",
            "Volunteering to build my confidence.",
            "The recovery college courses.",
            "Having a reason to get up.",
        ),
        (
            "I want to go back to work, even part time.",
            "I want to finish my {course}.",
            "I want to volunteer one day a week.",
            "I want to update my CV and apply for jobs.",
            "I want to talk to my manager about a phased return.",
            "I want to do a course at the recovery college.",
        ),
    ),
    "relationships": (
        (
            "I don't see my kids as much as I want to.",
            "Things are hard with my partner.",
            "My family don't understand what I'm going through.",
            "I fell out with my {relative} and I miss them.",
            "My {relative} is a big support.",
            "I've been lonely since my partner died.",
            "I worry about being a burden on my family.",
        ),
        (
            "Family sessions with the team.",
            "Writing a letter to my {relative}.",
            "Seeing the kids at the contact centre.",
            "Telling my family about my plan.",
        ),
        (
            "I want to see my kids every weekend.",
            "I want to make things right with my {relative}.",
            "I want to argue less with my partner.",
            "I want to ring my {relative} once a week.",
            "I want my family to understand what helps me.",
        ),
    ),
    "belonging": (
        (
            "I don't really go out anymore.",
            "I've lost touch with my friends.",
            "I feel like I don't fit in anywhere.",
            "I used to go to {place} but I stopped.",
            "I'm new to the area and don't know anyone.",
            "I have a few good friends but I don't see them much.",
            "I miss {activity}.",
        ),
        (
            "The peer support group on Thursdays.",
            "Going back to {place}.",
            "The community kitchen.",
            "A peer worker coming with me the first time.",
            "Volunteering at the community garden.",
        ),
        (
            "I want to get back to {activity} on {days}.",
            "I want to join a group where I can meet people.",
            "I want to go to {place} again.",
            "I want to have a friend I can call.",
            "I want to get out of the flat {count} times a week.",
        ),
    ),
    "safety": (
        (
            "I don't feel safe at home.",
            "My neighbour is making my life hell.",
            "Someone I used to know keeps turning up.",
            "I've hurt myself when things got bad.",
            "I worry about my safety when I'm unwell.",
            "I'm scared to go out after dark.",
        ),
        (
            "A safety plan I wrote myself.",
            "A new lock on the door.",
            "The domestic abuse worker.",
            "Knowing who to call at night.",
        ),
        (
            "I want to feel safe in my own home.",
            "I want to get a new lock on my door.",
            "I want a safety plan I believe in.",
            "I want to get through bad nights without hurting myself.",
            "I want the harassment from my neighbour to stop.",
        ),
    ),
    "substances": (
        (
            "I'm drinking more than I want to.",
            "I drink to get to sleep.",
            "I use cannabis most days.",
            "I've been sober for six months and I want to keep it that way.",
            "When I'm low I drink.",
        ),
        (
            "The drug and alcohol service.",
            "Not keeping drink in the flat.",
            "Going to a mutual aid group.",
            "Having things to do in the evenings.",
        ),
        (
            "I want to drink only at weekends.",
            "I want {count} dry days a week.",
            "I want to stop using cannabis to get to sleep.",
            "I want to talk to the drug and alcohol service.",
            "I want to stay sober through the {season}.",
        ),
    ),
    "caring": (
        (
            "I'm caring for my {relative} and I'm exhausted.",
            "I look after my kids on my own.",
            "I don't get any time for myself.",
            "I worry about what happens to my {relative} if I get ill.",
        ),
        (
            "The carers' centre.",
            "My {relative} going to the day centre twice a week.",
            "Someone to sit with my {relative} so I can go out.",
        ),
        (
            "I want a break from caring once a week.",
            "I want a carer's assessment for me.",
            "I want to find out what help my {relative} can get.",
            "I want some time for myself without feeling guilty.",
        ),
    ),
}

# How support ended, in words the person agreed.
ENDING_AGREED = (
    "We agreed to end for now because things are more settled.",
    "I feel ready to manage on my own, with my plan.",
    "My goals are mostly done and I want to try without the team.",
    "Things are better at home and work is going well.",
    "We agreed I have what I need for now.",
)
ENDING_TAKEAWAYS = (
    "I'm keeping my crisis plan on the fridge.",
    "I'll keep going to {activity} on {days}.",
    "I've got the peer support group on Thursdays.",
    "My {relative} knows what to look out for.",
    "I'll keep seeing my GP about my medication.",
    "The housing advice centre is still helping with the flat.",
)
ENDING_BACK = (
    "I know I can come back any time without starting again.",
    "If things get hard I'll call the team and my plan will still be here.",
    "The door is open if I need it.",
)
MOVED_TO = ("Croydon", "Leeds", "Birmingham", "Kent", "Manchester", "Bristol", "Essex", "Glasgow")


class _Weighted(Generic[T]):
    """Picks from a population with given weights, faster than random.choices for one at a time."""

    __slots__ = ("cumulative", "population", "total")

    def __init__(self, population: Sequence[T], weights: Sequence[float]) -> None:
        self.population = tuple(population)
        running = 0.0
        cumulative = []
        for weight in weights:
            running += weight
            cumulative.append(running)
        self.cumulative = tuple(cumulative)
        self.total = running

    @classmethod
    def of(cls, mix: dict[T, float]) -> _Weighted[T]:
        return cls(tuple(mix), tuple(mix.values()))

    def __call__(self, rng: random.Random) -> T:
        return self.population[bisect(self.cumulative, rng.random() * self.total)]


_ascii_cache: dict[str, str] = {}


def _ascii(name: str) -> str:
    """A name as it goes into an email address: lower case letters only."""
    slug = _ascii_cache.get(name)
    if slug is None:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = "".join(c for c in plain.lower() if c.isalpha())
        _ascii_cache[name] = slug
    return slug


def totp_key_for(*, seed: int, username: str) -> str:
    """A staff member's authenticator key (hex): the same seed and username always give the same key."""
    return hashlib.sha256(f"livingwell-synthetic:{seed}:{username}".encode()).digest()[:20].hex()


def nhs_number_from(nine_digits: str) -> str | None:
    """The ten-digit NHS number with its Modulus 11 check digit, or None when no check digit works."""
    total = sum(int(d) * w for d, w in zip(nine_digits, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine_digits + str(check)


def drama_phone(rng: random.Random) -> str:
    """A phone number from Ofcom's ranges kept for drama: it can never ring anyone."""
    if rng.random() < 0.75:
        return f"07700 900{int(rng.random() * 1000):03d}"
    return f"020 7946 0{int(rng.random() * 1000):03d}"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _joined(phrases: Sequence[str]) -> str:
    """Phrases joined the way people say them: "I can't sleep and I'm behind on rent"."""
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _arrival_day(rng: random.Random, days: int) -> int:
    """A day in the window, with introductions rising over time (the front door is getting known)."""
    u = rng.random()
    # Density proportional to 0.7 + 0.6x on [0, 1]: invert its distribution function.
    x = (-0.7 + math.sqrt(0.49 + 1.2 * u)) / 0.6
    return min(days - 1, int(x * days))


def _wait_days(rng: random.Random) -> int:
    """Days from an introduction to a first conversation: mostly a few, at most three weeks."""
    return min(21, int(rng.expovariate(1 / 5.5)))


def _at(day: dt.date, hour: float) -> dt.datetime:
    whole = int(hour)
    minute = int((hour - whole) * 60)
    return dt.datetime(day.year, day.month, day.day, whole, minute, tzinfo=LONDON).astimezone(UTC)


def _weekday(day: dt.date, *, forward: bool) -> dt.date:
    weekday = day.weekday()
    if weekday < 5:
        return day
    return day + dt.timedelta(days=7 - weekday) if forward else day - dt.timedelta(days=weekday - 4)


@dataclass(slots=True)
class _Draft:
    """An introduction, conversation or support period before it is numbered."""

    sort_key: tuple[object, ...]
    fields: dict[str, object]
    id: int = 0


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
        self.circle_size = _Weighted(CIRCLE_SIZES, CIRCLE_SIZE_WEIGHTS)
        self.circle_relationship = _Weighted.of(CIRCLE_RELATIONSHIPS)
        self.life_domain = _Weighted.of(DOMAIN_WEIGHTS)
        self.lifecycle_open = _Weighted.of(GOAL_LIFECYCLE_OPEN)
        self.lifecycle_ended = _Weighted.of(GOAL_LIFECYCLE_ENDED)
        self.achievement = {
            status: _Weighted.of(mix) for status, mix in GOAL_ACHIEVEMENT_FOR.items()
        }
        self.organisation = _Weighted(range(1, len(ORGANISATIONS) + 1), ORGANISATION_WEIGHTS)
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

    # Plans, circles and sharing: from their own random stream (see switch_stream).

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


def _numbered(drafts: list[_Draft]) -> list[_Draft]:
    """Drafts in time order, numbered from 1, so that ids rise with time as they would in real use."""
    drafts.sort(key=lambda d: d.sort_key)
    for n, draft in enumerate(drafts, start=1):
        draft.id = n
    return drafts


def make_borough(*, seed: int, today: dt.date, people: int = 2000) -> Borough:
    """A whole synthetic borough: the same seed and today always give the same one."""
    # Millions of small objects and no cycles: the cyclic garbage collector would only slow this down.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _make_borough(seed=seed, today=today, people=people)
    finally:
        if collecting:
            gc.enable()


def _make_borough(*, seed: int, today: dt.date, people: int) -> Borough:
    generator = _Generator(seed=seed, today=today)
    rng = generator.rng
    teams = generator.teams()
    staff = generator.staff(teams)
    team_staff = {
        team.id: _TeamStaff(
            admin=next(s.id for s in staff if s.team_id == team.id and s.role == ADMINISTRATOR),
            all=tuple(s.id for s in staff if s.team_id == team.id),
            key_workers=_Weighted.of(
                {
                    s.id: KEY_WORK_WEIGHT[s.role]
                    for s in staff
                    if s.team_id == team.id and s.role != ADMINISTRATOR
                }
            ),
        )
        for team in teams
    }

    # People arrive over the two years; number them in the order they first came to the front door.
    window = (today - generator.start).days
    first_days = sorted(_arrival_day(rng, window) for _ in range(people))
    team_cumulative = tuple(sum(TEAM_SHARES[: n + 1]) for n in range(len(teams)))
    person_rows: list[PersonRow] = []
    drafts = _Drafts([], [], [])
    for person_id, first_day in enumerate(first_days, start=1):
        team = teams[min(len(teams) - 1, bisect(team_cumulative, rng.random()))]
        person = generator.person(person_id, team)
        person_rows.append(person)
        came_back = generator.introduction(
            person=person,
            day=generator.start + dt.timedelta(days=first_day),
            staff_of_team=team_staff[team.id],
            drafts=drafts,
        )
        if came_back is not None and rng.random() < RETURN_CHANCE:
            again = came_back + dt.timedelta(days=rng.randrange(14, 300))
            if again < today:
                generator.introduction(
                    person=person,
                    day=again,
                    staff_of_team=team_staff[team.id],
                    drafts=drafts,
                )

    conversations = tuple(
        ConversationRow(id=d.id, **d.fields)  # type: ignore[arg-type]
        for d in _numbered(drafts.conversations)
    )
    introductions = []
    for d in _numbered(drafts.introductions):
        fields = d.fields
        conversation = fields.pop("conversation")
        fields["conversation_id"] = conversation.id if isinstance(conversation, _Draft) else None
        introductions.append(IntroductionRow(id=d.id, **fields))  # type: ignore[arg-type]

    generator.switch_stream("plans")
    support_periods = []
    for d in _numbered(drafts.support_periods):
        d.fields["ending_note"] = generator.ending_note(str(d.fields["ending"]))
        support_periods.append(SupportPeriodRow(id=d.id, **d.fields))  # type: ignore[arg-type]
    organisations = tuple(
        OrganisationRow(id=n, name=name, kind=kind, ods_code="")
        for n, (name, kind) in enumerate(ORGANISATIONS, start=1)
    )
    partner_username, partner_name, partner_job = DEMO_PARTNER
    partner = OrganisationMemberRow(
        id=1,
        organisation_id=organisations[0].id,
        username=partner_username,
        name=partner_name,
        job=partner_job,
        totp_key=totp_key_for(seed=seed, username=partner_username),
    )
    plans, demo_person_id, demo_carer_id = _plans(
        generator, teams=teams, staff=staff, people=person_rows, support_periods=support_periods
    )
    return Borough(
        seed=seed,
        today=today,
        teams=teams,
        staff=staff,
        people=tuple(person_rows),
        introductions=tuple(introductions),
        conversations=conversations,
        support_periods=tuple(support_periods),
        organisations=organisations,
        organisation_members=(partner,),
        plans=tuple(plans.plans),
        domain_entries=tuple(plans.domain_entries),
        goals=tuple(plans.goals),
        plan_versions=tuple(plans.plan_versions),
        circle_members=tuple(plans.circle_members),
        sharing_choices=tuple(plans.sharing_choices),
        demo_person_id=demo_person_id,
        demo_carer_id=demo_carer_id,
    )


def _plans(
    generator: _Generator,
    *,
    teams: Sequence[TeamRow],
    staff: Sequence[StaffRow],
    people: list[PersonRow],
    support_periods: Sequence[SupportPeriodRow],
) -> tuple[_PlanDrafts, int | None, int | None]:
    """A plan, a circle and sharing choices for everyone who has had support (nobody else has a
    plan); and the demo person, whose email becomes their username. Answers the rows, the demo
    person's id and their carer's."""
    periods_of: dict[int, list[SupportPeriodRow]] = {}
    for period in support_periods:  # in the order they started
        periods_of.setdefault(period.person_id, []).append(period)
    demo_person_id = _demo_person(generator, teams[0].id, people, periods_of)
    first_names = {s.id: s.name.split(" ")[0] for s in staff}
    team_names = {t.id: t.name for t in teams}
    rows = _PlanDrafts([], [], [], [], [], [])
    demo_carer_id = None
    for person_id in sorted(periods_of):
        person = people[person_id - 1]
        demo = person_id == demo_person_id
        if demo:
            local = ".".join(
                n for n in (_ascii(person.given_name), _ascii(person.family_name)) if n
            )
            person = people[person_id - 1] = replace(
                person, email=f"{local or f'person{person_id}'}@example.com"
            )
            demo_carer_id = len(rows.circle_members) + 1  # the first in their circle
        periods = periods_of[person_id]
        generator.plan(
            person,
            periods,
            rows,
            key_worker=first_names[periods[-1].key_worker_id],
            team=team_names[person.team_id],
            demo=demo,
        )
    return rows, demo_person_id, demo_carer_id


def _demo_person(
    generator: _Generator,
    team_id: int,
    people: Sequence[PersonRow],
    periods_of: dict[int, list[SupportPeriodRow]],
) -> int | None:
    """Someone on the first team supported now, for a month or more, with a name that makes a plain
    email address: the demo's person account."""
    settled = generator.today - dt.timedelta(days=30)

    def plain(name: str) -> bool:
        return name.isascii() and name.isalpha()

    on_team = sorted(pid for pid in periods_of if people[pid - 1].team_id == team_id)
    candidates = [
        pid
        for pid in on_team
        if periods_of[pid][-1].ended_on is None
        and periods_of[pid][-1].started_on <= settled
        and plain(people[pid - 1].given_name)
        and plain(people[pid - 1].family_name)
    ] or on_team
    return generator.pick(candidates) if candidates else None
