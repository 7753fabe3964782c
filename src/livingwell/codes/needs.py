"""The directory's words: the kinds of support it holds, and the everyday words people use for what
they need, each mapped to the plan's life domains and to kinds of support.

A site keeps these lists: add the words people in the borough use, and the search finds support for
them. Every key is stored (as a taxonomy term's `term`) and travels in Open Referral UK, so a key never
changes; the words beside it are what the pages say.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds of support, as the terms of the directory's taxonomy "Living Well kinds of support".
SUPPORT_KINDS: dict[str, str] = {
    "peer-support": "Peer support",
    "befriending": "Befriending and company",
    "social-group": "Social and community groups",
    "creative-arts": "Creative arts and music",
    "gardening-outdoors": "Gardening and the outdoors",
    "exercise-sport": "Exercise and sport",
    "talking-therapy": "Talking therapies and counselling",
    "mental-health-care": "Mental health care",
    "crisis-support": "Crisis support",
    "primary-care": "GP and primary care",
    "housing-advice": "Housing advice",
    "homelessness": "Homelessness help",
    "debt-advice": "Debt advice",
    "welfare-rights": "Benefits and welfare rights",
    "food": "Food banks and food",
    "employment": "Work and employment support",
    "learning": "Learning and courses",
    "drug-alcohol": "Drug and alcohol support",
    "family-support": "Family support",
    "carers-support": "Support for carers",
    "domestic-abuse": "Domestic abuse support",
    "physical-health": "Physical health and healthy living",
    "sleep-wellbeing": "Sleep and wellbeing",
    "faith-community": "Faith groups",
    "community-place": "Community places (barbers, cafes, libraries)",
    "legal-advice": "Legal advice",
}


@dataclass(frozen=True)
class Need:
    """What an everyday phrase is about: the life domains and kinds of support that help with it."""

    domains: tuple[str, ...]
    kinds: tuple[str, ...]


# Everyday words and phrases, as people say them, and what they are about. Phrases are matched word
# by word after the words are made plain (lower case, "can't" as "cant"), so "I can't sleep" and
# "cant sleep" both find "cant sleep".
EVERYDAY_WORDS: dict[str, Need] = {
    "lonely": Need(("belonging",), ("peer-support", "befriending", "social-group")),
    "loneliness": Need(("belonging",), ("peer-support", "befriending", "social-group")),
    "isolated": Need(("belonging",), ("befriending", "social-group", "peer-support")),
    "no friends": Need(("belonging",), ("befriending", "social-group")),
    "make friends": Need(("belonging",), ("social-group", "befriending", "creative-arts")),
    "bored": Need(
        ("belonging", "work-and-learning"), ("social-group", "creative-arts", "learning")
    ),
    "rent arrears": Need(("housing", "money"), ("housing-advice", "debt-advice", "welfare-rights")),
    "rent": Need(("housing", "money"), ("housing-advice", "welfare-rights")),
    "eviction": Need(("housing",), ("housing-advice", "legal-advice", "homelessness")),
    "evicted": Need(("housing",), ("housing-advice", "homelessness", "legal-advice")),
    "homeless": Need(("housing",), ("homelessness", "housing-advice")),
    "sofa surfing": Need(("housing",), ("homelessness", "housing-advice")),
    "damp": Need(("housing", "physical-health"), ("housing-advice",)),
    "landlord": Need(("housing",), ("housing-advice", "legal-advice")),
    "debt": Need(("money",), ("debt-advice", "welfare-rights")),
    "bills": Need(("money",), ("debt-advice", "welfare-rights")),
    "benefits": Need(("money",), ("welfare-rights",)),
    "universal credit": Need(("money",), ("welfare-rights",)),
    "pip": Need(("money",), ("welfare-rights",)),
    "sanctioned": Need(("money",), ("welfare-rights", "food")),
    "no money": Need(("money",), ("welfare-rights", "debt-advice", "food")),
    "hungry": Need(("money", "physical-health"), ("food",)),
    "food": Need(("money",), ("food",)),
    "cant sleep": Need(
        ("mental-health", "physical-health"), ("sleep-wellbeing", "talking-therapy")
    ),
    "sleep": Need(("mental-health", "physical-health"), ("sleep-wellbeing", "talking-therapy")),
    "insomnia": Need(("mental-health", "physical-health"), ("sleep-wellbeing", "talking-therapy")),
    "anxious": Need(("mental-health",), ("talking-therapy", "peer-support", "sleep-wellbeing")),
    "anxiety": Need(("mental-health",), ("talking-therapy", "peer-support")),
    "worried": Need(("mental-health",), ("talking-therapy", "peer-support")),
    "panic": Need(("mental-health",), ("talking-therapy", "peer-support")),
    "low": Need(("mental-health",), ("talking-therapy", "peer-support", "social-group")),
    "depressed": Need(
        ("mental-health",), ("talking-therapy", "peer-support", "mental-health-care")
    ),
    "depression": Need(("mental-health",), ("talking-therapy", "peer-support")),
    "stressed": Need(("mental-health",), ("talking-therapy", "sleep-wellbeing")),
    "grief": Need(("mental-health", "relationships"), ("talking-therapy", "peer-support")),
    "bereaved": Need(("mental-health", "relationships"), ("talking-therapy", "peer-support")),
    "hearing voices": Need(("mental-health",), ("peer-support", "mental-health-care")),
    "someone to talk to": Need(
        ("mental-health", "belonging"), ("peer-support", "befriending", "talking-therapy")
    ),
    "talk": Need(
        ("mental-health", "belonging"), ("peer-support", "talking-therapy", "befriending")
    ),
    "counselling": Need(("mental-health",), ("talking-therapy",)),
    "therapy": Need(("mental-health",), ("talking-therapy",)),
    "suicidal": Need(("mental-health", "safety"), ("crisis-support",)),
    "crisis": Need(("mental-health", "safety"), ("crisis-support",)),
    "self harm": Need(("mental-health", "safety"), ("crisis-support", "peer-support")),
    "drugs": Need(("substances",), ("drug-alcohol",)),
    "using drugs": Need(("substances",), ("drug-alcohol",)),
    "drinking": Need(("substances",), ("drug-alcohol",)),
    "alcohol": Need(("substances",), ("drug-alcohol",)),
    "gambling": Need(("money", "substances"), ("debt-advice", "drug-alcohol")),
    "my son": Need(("relationships", "caring"), ("family-support", "carers-support")),
    "my daughter": Need(("relationships", "caring"), ("family-support", "carers-support")),
    "my child": Need(("relationships", "caring"), ("family-support", "carers-support")),
    "my partner": Need(("relationships",), ("family-support",)),
    "family": Need(("relationships",), ("family-support",)),
    "carer": Need(("caring",), ("carers-support",)),
    "caring": Need(("caring",), ("carers-support",)),
    "looking after": Need(("caring",), ("carers-support",)),
    "abuse": Need(("safety", "relationships"), ("domestic-abuse",)),
    "unsafe at home": Need(("safety",), ("domestic-abuse",)),
    "domestic violence": Need(("safety", "relationships"), ("domestic-abuse",)),
    "job": Need(("work-and-learning",), ("employment",)),
    "work": Need(("work-and-learning",), ("employment",)),
    "unemployed": Need(("work-and-learning", "money"), ("employment", "welfare-rights")),
    "volunteering": Need(("work-and-learning", "belonging"), ("employment", "social-group")),
    "course": Need(("work-and-learning",), ("learning",)),
    "learn": Need(("work-and-learning",), ("learning",)),
    "english": Need(("work-and-learning", "belonging"), ("learning",)),
    "exercise": Need(("physical-health",), ("exercise-sport",)),
    "walking": Need(("physical-health", "belonging"), ("exercise-sport", "gardening-outdoors")),
    "garden": Need(("mental-health", "belonging"), ("gardening-outdoors",)),
    "outdoors": Need(
        ("mental-health", "physical-health"), ("gardening-outdoors", "exercise-sport")
    ),
    "art": Need(("mental-health", "belonging"), ("creative-arts",)),
    "music": Need(("mental-health", "belonging"), ("creative-arts",)),
    "singing": Need(("mental-health", "belonging"), ("creative-arts",)),
    "church": Need(("belonging",), ("faith-community",)),
    "mosque": Need(("belonging",), ("faith-community",)),
    "faith": Need(("belonging",), ("faith-community",)),
    "barber": Need(("belonging", "mental-health"), ("community-place",)),
    "haircut": Need(("belonging",), ("community-place",)),
    "cafe": Need(("belonging",), ("community-place", "social-group")),
    "library": Need(("belonging", "work-and-learning"), ("community-place", "learning")),
    "gp": Need(("physical-health", "mental-health"), ("primary-care",)),
    "doctor": Need(("physical-health", "mental-health"), ("primary-care",)),
    "medication": Need(
        ("mental-health", "physical-health"), ("primary-care", "mental-health-care")
    ),
    "weight": Need(("physical-health",), ("physical-health", "exercise-sport")),
    "smoking": Need(("physical-health", "substances"), ("physical-health",)),
    "legal": Need(("safety", "money"), ("legal-advice",)),
    "immigration": Need(("safety", "housing"), ("legal-advice",)),
}

# ISO 639-1 codes (639-3 where there is none) of the languages services in the borough are most often given in, with their
# English names (what the search's language list offers).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ar": "Arabic",
    "bn": "Bengali",
    "fr": "French",
    "gu": "Gujarati",
    "pl": "Polish",
    "pt": "Portuguese",
    "pa": "Punjabi",
    "so": "Somali",
    "es": "Spanish",
    "tw": "Twi",
    "tr": "Turkish",
    "ur": "Urdu",
    "yo": "Yoruba",
    "bfi": "British Sign Language",  # ISO 639-3: it has no two-letter code
}
