"""The synthetic borough's directory of support and its postcodes, all made up and seeded.

`postcodes()` gives every postcode of the borough's districts (the ones people's records use) with a
made-up centre; `directory()` gives organisations of every kind, their services and places, with
opening times, languages, costs and step-free access on those postcodes. The same seed gives the same
directory. Nothing here is a real place. Plain Python, no Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from dataclasses import dataclass, field

from livingwell.synthetic.borough.place import INWARD_LETTERS, STREETS, TEAMS

NAMESPACE = uuid.UUID("0b6f3c52-2f8e-5d7a-8c1b-93e4a6d5f701")
CENTRE = (51.462, -0.115)  # the made-up borough's middle
CITY, COUNTY = "London", "Greater London"
# A postcode unit ending "ZZ" is never made, so that "SW9 9ZZ" is a postcode that is not there.
MISSING_UNIT = "ZZ"


def districts() -> tuple[str, ...]:
    return tuple(d for _, _, ds in TEAMS for d in ds)


def _district_centres() -> dict[str, tuple[float, float]]:
    """The districts on a 4 x 3 grid about 1.6 km apart around the centre."""
    out = {}
    for n, district in enumerate(districts()):
        row, col = divmod(n, 4)
        out[district] = (CENTRE[0] + (1 - row) * 0.0145, CENTRE[1] + (col - 1.5) * 0.023)
    return out


def postcodes(seed: int = 1, *, spread: float = 1.0) -> list[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for every postcode of the borough's districts. `spread`
    moves every postcode that many times further from the middle: 3.5 makes a place the size of an
    integrated care system (about 12 times the borough's area) out of the same postcodes."""
    rng = random.Random(seed)  # noqa: S311 (made-up places, not secrets)
    rows = []
    for district, (lat, lon) in _district_centres().items():
        for sector in range(1, 10):
            s_lat = lat + (sector - 5) * 0.0012
            s_lon = lon + ((sector * 7) % 9 - 4) * 0.0016
            for a in INWARD_LETTERS:
                for b in INWARD_LETTERS:
                    if a + b == MISSING_UNIT:
                        continue
                    point_lat = s_lat + rng.uniform(-0.0018, 0.0018)
                    point_lon = s_lon + rng.uniform(-0.0028, 0.0028)
                    rows.append(
                        (
                            f"{district} {sector}{a}{b}",
                            round(CENTRE[0] + (point_lat - CENTRE[0]) * spread, 6),
                            round(CENTRE[1] + (point_lon - CENTRE[1]) * spread, 6),
                        )
                    )
    return rows


ONSPD_COLUMNS = ("pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "laua", "lat", "long")


def onspd_csv(rows: list[tuple[str, float, float]]) -> str:
    """The postcodes as the ONS Postcode Directory writes them (its columns that matter here)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ONSPD_COLUMNS)
    for postcode, lat, lon in rows:
        outward, inward = postcode.split()
        writer.writerow(
            (
                f"{outward:<4}{inward}",
                f"{outward:<5}{inward}",
                postcode,
                "198001",
                "",
                "E99999999",
                "E09000022",
                f"{lat:.6f}",
                f"{lon:.6f}",
            )
        )
    return out.getvalue()


# What the borough holds: (kind of organisation, kinds of support, life domains, names, what it
# offers, who it is for, warm introductions, walk in, free).
Offer = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str, bool, bool, bool]
OFFERS: tuple[Offer, ...] = (
    (
        "peer-support",
        ("peer-support",),
        ("mental-health", "belonging"),
        (
            "Riverside Peer Support Group",
            "Hearing Voices Group",
            "Men's Talking Circle",
            "Recovery Cafe",
        ),
        "A friendly group of people who have been through hard times themselves. Come along, have a "
        "cup of tea and talk, or just listen.",
        "Adults who feel low, anxious or lonely.",
        True,
        True,
        True,
    ),
    (
        "voluntary-community",
        ("befriending", "social-group"),
        ("belonging",),
        ("Good Neighbours Befriending", "Tuesday Lunch Club", "Walk and Talk", "Coffee Morning"),
        "Meet people nearby, share a meal or a walk, and make friends at your own pace.",
        "Anyone who feels lonely or cut off.",
        True,
        True,
        True,
    ),
    (
        "voluntary-community",
        ("creative-arts",),
        ("mental-health", "belonging"),
        ("Open Art Studio", "Community Choir", "Drumming for Wellbeing", "Write It Down Group"),
        "Make art or music with others. No experience needed, and materials are free.",
        "Adults who want to try something creative.",
        True,
        True,
        True,
    ),
    (
        "voluntary-community",
        ("gardening-outdoors",),
        ("mental-health", "physical-health", "belonging"),
        ("Mindful Garden", "Allotment Together", "Green Gym"),
        "Grow food and flowers with others in a quiet garden. Gloves and tools provided.",
        "Anyone who would like to spend time outdoors.",
        True,
        True,
        True,
    ),
    (
        "money-and-benefits",
        ("welfare-rights", "debt-advice"),
        ("money",),
        ("Welfare Rights Advice", "Debt Advice Drop-in", "Benefits Check"),
        "Free advice on benefits, Universal Credit, PIP appeals, debt and bills.",
        "Anyone in the borough worried about money.",
        True,
        True,
        True,
    ),
    (
        "housing",
        ("housing-advice", "homelessness"),
        ("housing",),
        ("Housing Advice Service", "Tenancy Support", "Rent Arrears Help"),
        "Help with rent arrears, eviction notices, repairs and finding somewhere to live.",
        "Tenants and people at risk of losing their home.",
        True,
        False,
        True,
    ),
    (
        "voluntary-community",
        ("food",),
        ("money", "physical-health"),
        ("Community Food Bank", "Community Pantry", "Hot Meal Night"),
        "Food parcels and a warm meal. You do not need a voucher for the pantry.",
        "Anyone who is struggling to afford food.",
        True,
        True,
        True,
    ),
    (
        "work-and-learning",
        ("employment", "learning"),
        ("work-and-learning",),
        ("Recovery College", "Work Ready Coaching", "IT Skills Course", "Volunteering Hub"),
        "Free courses and one-to-one help to find work, learn or volunteer.",
        "Adults who want to work, learn or volunteer.",
        True,
        False,
        True,
    ),
    (
        "nhs-talking-therapies",
        ("talking-therapy", "sleep-wellbeing"),
        ("mental-health",),
        ("NHS Talking Therapies", "Sleep Well Course", "Managing Worry Course"),
        "Talking therapy and courses for anxiety, low mood, stress and sleep problems.",
        "Adults registered with a GP in the borough.",
        True,
        False,
        True,
    ),
    (
        "nhs-mental-health",
        ("mental-health-care", "crisis-support"),
        ("mental-health", "safety"),
        ("Crisis Cafe", "Community Mental Health Team"),
        "Support from mental health nurses and peer workers, in person or by phone.",
        "Adults in the borough who need mental health care.",
        True,
        True,
        True,
    ),
    (
        "nhs-primary-care",
        ("primary-care",),
        ("physical-health", "mental-health"),
        ("Medical Centre", "Health Centre", "Surgery"),
        "GP appointments, health checks and medicine reviews.",
        "People registered with the practice.",
        False,
        False,
        True,
    ),
    (
        "voluntary-community",
        ("drug-alcohol", "family-support"),
        ("substances", "relationships", "caring"),
        ("Drug and Alcohol Service", "Family Support for Drugs and Alcohol"),
        "Confidential help for anyone worried about drinking or drugs, theirs or someone else's.",
        "Adults, and families worried about someone.",
        True,
        True,
        True,
    ),
    (
        "voluntary-community",
        ("carers-support",),
        ("caring", "relationships"),
        ("Carers Hub", "Young Carers Group"),
        "Advice, breaks and a group for people who look after someone.",
        "Unpaid carers in the borough.",
        True,
        True,
        True,
    ),
    (
        "voluntary-community",
        ("domestic-abuse",),
        ("safety", "relationships"),
        ("Safe at Home Service",),
        "Confidential support for anyone hurt or frightened by a partner or family member.",
        "Anyone affected by domestic abuse.",
        True,
        False,
        True,
    ),
    (
        "voluntary-community",
        ("exercise-sport", "physical-health"),
        ("physical-health", "belonging"),
        ("Community Football", "Gentle Yoga", "Swim Together"),
        "Exercise with others at an easy pace. Small charge for some sessions.",
        "Adults of any fitness.",
        False,
        True,
        False,
    ),
    (
        "community-place",
        ("community-place",),
        ("belonging", "mental-health"),
        ("Barbers", "Cafe", "Library", "Launderette"),
        "A local place where staff have had mental health awareness training and make time to talk.",
        "Anyone.",
        True,
        True,
        True,
    ),
    (
        "community-place",
        ("faith-community",),
        ("belonging",),
        ("Community Church", "Mosque Community Centre", "Gurdwara Kitchen"),
        "A welcoming community, with a free lunch and a listening ear, whatever your faith.",
        "Anyone, of any faith or none.",
        True,
        True,
        True,
    ),
    (
        "council",
        ("carers-support", "family-support"),
        ("caring", "relationships", "safety"),
        ("Adult Social Care", "Family Help Service"),
        "Help from the council with care and support at home, and for families.",
        "Residents of the borough.",
        True,
        False,
        True,
    ),
)
LANGUAGE_MIX = (
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("es", "Spanish"),
    ("so", "Somali"),
    ("yo", "Yoruba"),
    ("tw", "Twi"),
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("tr", "Turkish"),
)
DAY_PATTERNS = (
    "MO,TU,WE,TH,FR",
    "MO,WE,FR",
    "TU,TH",
    "SA",
    "MO",
    "WE",
    "TH,FR,SA",
    "MO,TU,WE,TH,FR,SA,SU",
    "TU",
    "FR",
)
HOURS = ((9, 17), (10, 16), (10, 13), (13, 16), (18, 20), (9, 12), (11, 15), (8, 20))
SURNAMES = (
    "Okoro",
    "Walsh",
    "Patel",
    "Nowak",
    "Silva",
    "Ahmed",
    "Campbell",
    "Boateng",
    "Khan",
    "Reid",
)


@dataclass
class SyntheticSchedule:
    byday: str
    opens_at: dt.time
    closes_at: dt.time


@dataclass
class SyntheticLocation:
    id: uuid.UUID
    name: str
    street: str
    postcode: str
    latitude: float
    longitude: float
    step_free: bool
    transport: str


@dataclass
class SyntheticService:
    id: uuid.UUID
    name: str
    description: str
    who_for: str
    kinds: tuple[str, ...]
    domains: tuple[str, ...]
    warm_introductions: bool
    introductions_to: str
    walk_in: bool
    cost: float | None
    languages: tuple[tuple[str, str], ...]
    phone: str
    email: str
    locations: list[SyntheticLocation]
    schedules: list[SyntheticSchedule]
    checked_days_ago: int


@dataclass
class SyntheticOrganisation:
    id: uuid.UUID
    name: str
    kind: str
    description: str
    website: str
    services: list[SyntheticService] = field(default_factory=list)


def directory(
    *, services: int = 300, locations_per_service: float = 1.3, seed: int = 1, spread: float = 1.0
) -> list[SyntheticOrganisation]:
    """About `services` services in organisations of every kind, with on average
    `locations_per_service` places each, on the borough's postcodes."""
    rng = random.Random(seed)  # noqa: S311 (made-up places, not secrets)
    codes = postcodes(seed, spread=spread)
    organisations: list[SyntheticOrganisation] = []
    used: set[str] = set()
    made = 0
    n = 0
    while made < services:
        n += 1
        offer = OFFERS[n % len(OFFERS)]
        kind, kinds, domains, names, offers, who_for, warm, walk_in, free = offer
        place = rng.choice(STREETS).split()[0]
        org_name = f"{place} {names[rng.randrange(len(names))]}"
        if services > 400:
            org_name = f"{org_name} {n}"
        if org_name in used:
            org_name = f"{org_name}, {rng.choice(STREETS)}"
        if org_name in used:
            org_name = f"{org_name} {n}"
        used.add(org_name)
        org = SyntheticOrganisation(
            id=uuid.uuid5(NAMESPACE, f"organisation/{seed}/{n}"),
            name=org_name,
            kind=kind,
            description=offers,
            website=f"https://example.org/{n}",
        )
        for k in range(1 if rng.random() < 0.7 else 2):
            if made >= services:
                break
            made += 1
            name = (
                org_name
                if k == 0
                else f"{org_name}: {rng.choice(('Evening', 'Weekend', 'Online'))} sessions"
            )
            places = []
            count = 1 + (1 if rng.random() < (locations_per_service - 1) else 0)
            count += 1 if rng.random() < max(0.0, locations_per_service - 2) else 0
            for j in range(count):
                code, lat, lon = rng.choice(codes)
                street = rng.choice(STREETS)
                places.append(
                    SyntheticLocation(
                        id=uuid.uuid5(NAMESPACE, f"location/{seed}/{made}/{j}"),
                        name=f"{street.split()[0]} {rng.choice(('Community Centre', 'Hall', 'Hub', 'House', 'Rooms'))}",
                        street=f"{rng.randint(1, 200)} {street}",
                        postcode=code,
                        latitude=lat,
                        longitude=lon,
                        step_free=rng.random() < 0.6,
                        transport=f"Buses {rng.randint(2, 199)} and {rng.randint(2, 199)} stop nearby.",
                    )
                )
            opens, closes = rng.choice(HOURS)
            schedules = [
                SyntheticSchedule(rng.choice(DAY_PATTERNS), dt.time(opens), dt.time(closes))
            ]
            if rng.random() < 0.25 and "SA" not in schedules[0].byday:
                schedules.append(SyntheticSchedule("SA", dt.time(10), dt.time(13)))
            languages: list[tuple[str, str]] = [("en", "English")]
            if rng.random() < 0.35:
                languages.append(rng.choice(LANGUAGE_MIX))
            org.services.append(
                SyntheticService(
                    id=uuid.uuid5(NAMESPACE, f"service/{seed}/{made}"),
                    name=name,
                    description=offers,
                    who_for=who_for,
                    kinds=kinds,
                    domains=domains,
                    warm_introductions=warm,
                    introductions_to=f"{rng.choice(('Sam', 'Ade', 'Maria', 'Tony', 'Lin'))} {rng.choice(SURNAMES)}"
                    if warm
                    else "",
                    walk_in=walk_in,
                    cost=None if free else float(rng.choice((2, 3, 5))),
                    languages=tuple(languages),
                    phone=f"020 7946 0{rng.randint(0, 999):03d}",  # Ofcom's drama range, never a real line
                    email=f"hello{made}@example.org",
                    locations=places,
                    schedules=schedules,
                    checked_days_ago=rng.choice((3, 20, 45, 90, 150, 200, 300, 400)),
                )
            )
        organisations.append(org)
    return organisations


def partner_directory(
    partners: list[tuple[uuid.UUID, str, str]], *, seed: int = 1
) -> list[SyntheticOrganisation]:
    """One service for each partner organisation (its directory id, name and kind), of the kind
    of support an organisation of that kind offers, so that each partner has an entry to keep."""
    rng = random.Random(seed + 7)  # noqa: S311 (made-up places, not secrets)
    made = directory(services=len(partners) * 3, seed=seed + 7)
    pool = [s for o in made for s in o.services]
    out = []
    for n, (directory_id, name, kind) in enumerate(partners):
        offers = [o for o in OFFERS if o[0] == kind] or [OFFERS[n % len(OFFERS)]]
        _, kinds, domains, _, description, who_for, _, walk_in, free = rng.choice(offers)
        service = pool[n]
        service.id = uuid.uuid5(NAMESPACE, f"partner-service/{directory_id}")
        service.name = name
        service.description = description
        service.who_for = who_for
        service.kinds, service.domains = kinds, domains
        # A partner of the network receives warm introductions: that is what it signed up for.
        service.warm_introductions, service.walk_in = True, walk_in
        service.cost = None if free else service.cost or 3.0
        out.append(
            SyntheticOrganisation(
                id=directory_id,
                name=name,
                kind=kind,
                description=description,
                website="",
                services=[service],
            )
        )
    return out
