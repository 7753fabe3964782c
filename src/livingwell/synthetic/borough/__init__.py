"""A synthetic borough: teams, staff, people, their introductions, conversations and support; for
everyone who has had support a plan (with its first version), a circle of support and what they share;
and the measures taken with them in each period of support (questionnaires and goal ratings).

Plain Python with no Django import: `livingwell borough` loads what this makes. The same seed and the
same `today` always give the same borough. Everything is invented: NHS numbers come from the 999 range
set aside for testing, phone numbers from Ofcom's ranges for drama, emails from example.com and
example.org, and the teams, streets, surgeries and partner organisations do not exist. The one
exception is on purpose: crisis plans name the national lines a real one would (NHS 111, Samaritans,
999).

Plans are put together from banks of short first-person phrases, so that a hundred thousand of them
read differently; their words are made up, not taken from anyone's record.

Measures have the gaps real ones have: periods never measured, questionnaires not given, reviews
missed, no end measure after someone stops coming, items skipped, goals rated once. Each rate is a
named assumption in `mixes`, not a figure from a source.

The values in `rows` mirror the choices on the models (team, people, frontdoor, plans, network and
measures apps); the tests check that they still match.

One module each: `rows` (what is made, and the models' choice values it uses), `mixes` (how often
each thing happens), `place` (teams, staff, streets, names, partner organisations), `front_door_words`
and `plan_phrases` (what people say), `draw` (how the generator draws), `generator` (teams, staff,
people, introductions, conversations and support), `plans` (plans, circles and sharing), `measures`
(questionnaires and goal ratings) and `make` (`make_borough`, which puts the borough together). What
other code uses is here.
"""

from __future__ import annotations

from livingwell.synthetic.borough.draw import drama_phone, nhs_number_from, totp_key_for
from livingwell.synthetic.borough.make import make_borough
from livingwell.synthetic.borough.mixes import (
    AGENCY_MIX,
    CARER_PARTS,
    CIRCLE_RELATIONSHIPS,
    DEMO_CARER_PARTS,
    DEMO_ORGANISATION_PARTS,
    DOMAIN_WEIGHTS,
    ETHNIC_MIX,
    GENDER_MIX,
    GOAL_ACHIEVEMENT_FOR,
    ORGANISATION_PARTS,
    RELATIONSHIP_WORDS,
)
from livingwell.synthetic.borough.place import (
    DEMO_PARTNER,
    DEMO_PASSWORD,
    DEMO_STAFF,
    ORGANISATION_WEIGHTS,
    ORGANISATIONS,
)
from livingwell.synthetic.borough.plan_phrases import DOMAIN_WORDS
from livingwell.synthetic.borough.plans import plan_snapshot
from livingwell.synthetic.borough.rows import (
    ADMINISTRATOR,
    ALONE,
    CHANNELS,
    CONTACT_METHODS,
    CONVERSATION,
    CONVERSATION_HOWS,
    END,
    ENDINGS,
    FILLED_IN,
    GOAL_RATINGS,
    INTRODUCERS,
    PICKED_UP,
    QUESTIONNAIRES,
    REVIEW,
    STAFF_ROLES,
    START,
    STOPPED_COMING,
    TEAM_LEAD,
    TIMEPOINTS,
    TOGETHER,
    WAITING,
    AnswerRow,
    Borough,
    CircleMemberRow,
    ConversationRow,
    DomainEntryRow,
    GoalRatingRow,
    GoalRow,
    IntroductionRow,
    MeasureRow,
    OrganisationMemberRow,
    OrganisationRow,
    PersonRow,
    PlanRow,
    PlanVersionRow,
    SharingChoiceRow,
    StaffRow,
    SupportPeriodRow,
    TeamRow,
)

__all__ = [
    "ADMINISTRATOR",
    "AGENCY_MIX",
    "ALONE",
    "CARER_PARTS",
    "CHANNELS",
    "CIRCLE_RELATIONSHIPS",
    "CONTACT_METHODS",
    "CONVERSATION",
    "CONVERSATION_HOWS",
    "DEMO_CARER_PARTS",
    "DEMO_ORGANISATION_PARTS",
    "DEMO_PARTNER",
    "DEMO_PASSWORD",
    "DEMO_STAFF",
    "DOMAIN_WEIGHTS",
    "DOMAIN_WORDS",
    "END",
    "ENDINGS",
    "ETHNIC_MIX",
    "FILLED_IN",
    "GENDER_MIX",
    "GOAL_ACHIEVEMENT_FOR",
    "GOAL_RATINGS",
    "INTRODUCERS",
    "ORGANISATIONS",
    "ORGANISATION_PARTS",
    "ORGANISATION_WEIGHTS",
    "PICKED_UP",
    "QUESTIONNAIRES",
    "RELATIONSHIP_WORDS",
    "REVIEW",
    "STAFF_ROLES",
    "START",
    "STOPPED_COMING",
    "TEAM_LEAD",
    "TIMEPOINTS",
    "TOGETHER",
    "WAITING",
    "AnswerRow",
    "Borough",
    "CircleMemberRow",
    "ConversationRow",
    "DomainEntryRow",
    "GoalRatingRow",
    "GoalRow",
    "IntroductionRow",
    "MeasureRow",
    "OrganisationMemberRow",
    "OrganisationRow",
    "PersonRow",
    "PlanRow",
    "PlanVersionRow",
    "SharingChoiceRow",
    "StaffRow",
    "SupportPeriodRow",
    "TeamRow",
    "drama_phone",
    "make_borough",
    "nhs_number_from",
    "plan_snapshot",
    "totp_key_for",
]
