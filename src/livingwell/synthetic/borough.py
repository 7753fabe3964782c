"""A synthetic borough: teams, staff, people, their introductions, conversations and support.

Plain Python with no Django import: `livingwell borough` loads what this makes. The same seed and the
same `today` always give the same borough. Everything is invented: NHS numbers come from the 999 range
set aside for testing, phone numbers from Ofcom's ranges for drama, emails from example.com and
example.org, and the teams, streets and surgeries do not exist.

The values below mirror the choices on the models (team, people and frontdoor apps); the tests check
that they still match.
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
from dataclasses import dataclass
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from livingwell.people.codes import nhs_number_is_valid

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
    support_periods = tuple(
        SupportPeriodRow(id=d.id, **d.fields)  # type: ignore[arg-type]
        for d in _numbered(drafts.support_periods)
    )
    return Borough(
        seed=seed,
        today=today,
        teams=teams,
        staff=staff,
        people=tuple(person_rows),
        introductions=tuple(introductions),
        conversations=conversations,
        support_periods=support_periods,
    )
