"""The plan as JSON, behind the same access policy as the pages.

Each answer holds only the parts of the record the asker may read; the rest are left out (null), never
filled. A request for a record the asker may not see is answered 404, and a change they may not make
403, exactly as the pages answer.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Body, Router, Schema
from ninja.responses import Status
from ninja.security import SessionAuth
from pydantic import Field

from livingwell.access import policy
from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS
from livingwell.codes.record import PLAN_FIELD_SHARED_BY, SHAREABLE_PARTS, Part, Relation
from livingwell.core.errors import Unprocessable
from livingwell.core.text import Text
from livingwell.people import selectors as people_selectors
from livingwell.people import services as people_services
from livingwell.plans import fhir, selectors, services
from livingwell.plans.models import TEXT_LIMIT
from livingwell.plans.passport_io import MayBeKnown, bundle_of, plan_import
from livingwell.plans.selectors import PlanView


class SignedInSession(SessionAuth):
    """Anyone signed in: staff, a person, someone in a circle, a partner. The policy decides the rest."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


router = Router(tags=["plans"], auth=SignedInSession())


class Message(Schema):
    message: str
    detail: dict[str, object]


class AboutOut(Schema):
    date_of_birth: dt.date | None
    phone: str
    email: str
    address: str
    postcode: str


class DomainOut(Schema):
    domain: str
    how_things_are: str
    what_has_helped: str


class PlanSectionsOut(Schema):
    """A section the asker's sharing choices do not name is left out (null), never shown as empty."""

    what_matters: str | None = None
    strengths: str | None = None
    what_helps: str | None = None
    what_does_not_help: str | None = None
    domains: list[DomainOut]


class CrisisOut(Schema):
    crisis_signs: str
    crisis_what_i_can_do: str
    crisis_who_to_contact: str


class GoalOut(Schema):
    id: int
    description: str
    domain: str
    lifecycle_status: str
    achievement_status: str
    start_date: dt.date | None


class CircleMemberOut(Schema):
    id: int
    name: str
    relationship: str
    is_carer: bool
    has_account: bool


class SharingOut(Schema):
    recipient_kind: str
    recipient_id: int
    name: str
    parts: list[str]


class PlanOut(Schema):
    person_id: int
    name: str
    version: int
    readable: list[str]
    changeable: list[str]
    about: AboutOut | None = None
    plan: PlanSectionsOut | None = None
    goals: list[GoalOut] | None = None
    crisis: CrisisOut | None = None
    circle: list[CircleMemberOut] | None = None
    sharing: list[SharingOut] | None = None


_SECTIONS = {
    name: share
    for name, share in PLAN_FIELD_SHARED_BY.items()
    if name in PlanSectionsOut.model_fields
}


# The parts of the record a `PlanOut` can hold; the look logged for an answer names those it holds.
ANSWER_PARTS = frozenset(
    {Part.ABOUT, Part.PLAN, Part.GOALS, Part.CRISIS, Part.CIRCLE, Part.SHARING}
)


def _answer(record: policy.Record, *, why: str) -> PlanOut:
    """The plan as the asker may read it now, logged as a look at the parts it holds."""
    out = _out(selectors.plan_view(record))
    record.log_answer(ANSWER_PARTS, why=why)
    return out


def _out(view: PlanView) -> PlanOut:
    """The plan as JSON, from the view alone: it holds only what the asker's choices name."""
    record, person = view.record, view.record.person
    out = PlanOut(
        person_id=person.pk,
        name=person.name,
        version=view.version,
        readable=sorted(p.value for p in record.readable),
        changeable=sorted(p.value for p in record.changeable),
    )
    if record.sees("about"):
        out.about = AboutOut(
            date_of_birth=person.date_of_birth,
            phone=person.phone,
            email=person.email,
            address=person.address,
            postcode=person.postcode,
        )
    if record.can_read(Part.PLAN):
        shown = {
            name: view.text.get(name, "") for name in _SECTIONS if record.sees(_SECTIONS[name])
        }
        out.plan = PlanSectionsOut(
            **shown,
            domains=[
                DomainOut(
                    domain=d.domain,
                    how_things_are=d.how_things_are,
                    what_has_helped=d.what_has_helped,
                )
                for d in view.domains
            ],
        )
    if record.sees("goals") or view.goals:
        out.goals = [
            GoalOut(
                id=g.pk,
                description=g.description,
                domain=g.domain,
                lifecycle_status=g.lifecycle_status,
                achievement_status=g.achievement_status,
                start_date=g.start_date,
            )
            for g in view.goals
        ]
    if record.sees("crisis"):
        out.crisis = CrisisOut(
            crisis_signs=view.text.get("crisis_signs", ""),
            crisis_what_i_can_do=view.text.get("crisis_what_i_can_do", ""),
            crisis_who_to_contact=view.text.get("crisis_who_to_contact", ""),
        )
    if record.sees("circle"):
        out.circle = [
            CircleMemberOut(
                id=m.pk,
                name=m.name,
                relationship=m.relationship,
                is_carer=m.is_carer,
                has_account=m.user_id is not None,
            )
            for m in view.circle
        ]
    if record.can_read(Part.SHARING):
        out.sharing = [
            SharingOut(
                recipient_kind=row["kind"],
                recipient_id=row["id"],
                name=row["name"],
                parts=row["keys"],
            )
            for row in view.sharing
        ]
    return out


@router.get(
    "/{person_id}/plan",
    response={200: PlanOut, 404: Message},
    summary="A person's plan: only the parts you may read",
)
def plan(request: HttpRequest, person_id: int) -> PlanOut:
    why = "Reading the plan (API)"
    record = policy.record_for(request.user, person_id, part=None, why=why, answer_logs_itself=True)
    return _answer(record, why=why)


# The bounds and choices each field is checked against (below, with their own words), for the OpenAPI.
Version = Annotated[int, Field(ge=0, le=2_147_483_647)]
SectionText = Annotated[Text, Field(json_schema_extra={"maxLength": TEXT_LIMIT})]
GoalText = Annotated[Text, Field(json_schema_extra={"maxLength": 1000, "pattern": r"\S"})]
Domain = Annotated[str, Field(json_schema_extra={"enum": list(LIFE_DOMAINS)})]
Lifecycle = Annotated[str, Field(json_schema_extra={"enum": list(GOAL_LIFECYCLE)})]
Achievement = Annotated[str, Field(json_schema_extra={"enum": list(GOAL_ACHIEVEMENT)})]
ShareablePart = Annotated[str, Field(json_schema_extra={"enum": list(SHAREABLE_PARTS)})]
RecipientKind = Annotated[str, Field(json_schema_extra={"enum": ["circle", "organisation"]})]


class SectionsIn(Schema):
    version: Version
    what_matters: SectionText | None = None
    strengths: SectionText | None = None
    what_helps: SectionText | None = None
    what_does_not_help: SectionText | None = None
    crisis_signs: SectionText | None = None
    crisis_what_i_can_do: SectionText | None = None
    crisis_who_to_contact: SectionText | None = None


def _checked_text(name: str, value: str) -> str:
    if len(value) > 5000:
        raise Unprocessable(f"{name} must be 5,000 characters or fewer.")
    return value


@router.patch(
    "/{person_id}/plan",
    response={200: PlanOut, 403: Message, 404: Message, 409: Message, 422: Message},
    summary="Change sections of the plan (send the version you started from)",
)
def plan_change(request: HttpRequest, person_id: int, body: SectionsIn) -> PlanOut:
    changes = {
        k: _checked_text(k, v) for k, v in body.dict(exclude={"version"}).items() if v is not None
    }
    crisis = any(k.startswith("crisis_") for k in changes)
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.CRISIS if crisis else Part.PLAN,
        why="Changing the plan (API)",
        change=True,
        answer_logs_itself=True,
    )
    if changes:
        services.sections_change(
            record, base_version=body.version, changes=changes, why="Changing the plan (API)"
        )
    return _answer(record, why="Changing the plan (API)")


class GoalIn(Schema):
    version: Version
    description: GoalText
    domain: Domain


class GoalChangeIn(Schema):
    version: Version
    description: GoalText | None = None
    domain: Domain | None = None
    lifecycle_status: Lifecycle | None = None
    achievement_status: Achievement | None = None


def _check_goal(fields: dict[str, str]) -> None:
    problems = []
    if "description" in fields and not 0 < len(fields["description"].strip()) <= 1000:
        problems.append("description: write the goal in 1 to 1,000 characters")
    if "domain" in fields and fields["domain"] not in LIFE_DOMAINS:
        problems.append(f"domain: choose one of {', '.join(LIFE_DOMAINS)}")
    if "lifecycle_status" in fields and fields["lifecycle_status"] not in GOAL_LIFECYCLE:
        problems.append(f"lifecycle_status: choose one of {', '.join(GOAL_LIFECYCLE)}")
    if "achievement_status" in fields and fields["achievement_status"] not in GOAL_ACHIEVEMENT:
        problems.append(f"achievement_status: choose one of {', '.join(GOAL_ACHIEVEMENT)}")
    if problems:
        raise Unprocessable(
            "The goal has problems: " + "; ".join(problems), detail={"problems": problems}
        )


@router.post(
    "/{person_id}/plan/goals",
    response={201: GoalOut, 403: Message, 404: Message, 409: Message, 422: Message},
    summary="Add a goal, in the person's words",
)
def goal_add(request: HttpRequest, person_id: int, body: GoalIn) -> Status[GoalOut]:
    record = policy.record_for(
        request.user, person_id, part=Part.GOALS, why="Adding a goal (API)", change=True
    )
    _check_goal({"description": body.description, "domain": body.domain})
    goal = services.goal_add(
        record,
        base_version=body.version,
        description=body.description,
        domain=body.domain,
        why="Adding a goal (API)",
    )
    return Status(
        201,
        GoalOut(
            id=goal.pk,
            description=goal.description,
            domain=goal.domain,
            lifecycle_status=goal.lifecycle_status,
            achievement_status=goal.achievement_status,
            start_date=goal.start_date,
        ),
    )


@router.patch(
    "/{person_id}/plan/goals/{goal_id}",
    response={200: PlanOut, 403: Message, 404: Message, 409: Message, 422: Message},
    summary="Change a goal's words, part of life, status or progress",
)
def goal_change(request: HttpRequest, person_id: int, goal_id: int, body: GoalChangeIn) -> PlanOut:
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.GOALS,
        why="Changing a goal (API)",
        change=True,
        answer_logs_itself=True,
    )
    fields = {k: v for k, v in body.dict(exclude={"version"}).items() if v is not None}
    _check_goal(fields)
    selectors.goal_of(record, goal_id)
    services.goal_change(
        record, goal_id=goal_id, base_version=body.version, why="Changing a goal (API)", **fields
    )
    return _answer(record, why="Changing a goal (API)")


class SharingIn(Schema):
    recipient_kind: RecipientKind
    recipient_id: int
    parts: list[ShareablePart]


@router.put(
    "/{person_id}/sharing",
    response={200: PlanOut, 403: Message, 404: Message, 409: Message, 422: Message},
    summary="Choose what one person in the circle, or one organisation, may see",
)
def sharing_set(request: HttpRequest, person_id: int, body: SharingIn) -> PlanOut:
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.SHARING,
        why="Choosing what to share (API)",
        change=True,
        answer_logs_itself=True,
    )
    unknown = sorted(set(body.parts) - set(SHAREABLE_PARTS))
    if unknown:
        raise Unprocessable(
            f"These cannot be shared: {', '.join(unknown)}. Choose from {', '.join(SHAREABLE_PARTS)}."
        )
    if body.recipient_kind == "circle":
        member = people_selectors.circle_member_of(record, body.recipient_id)
        people_services.sharing_set(record, parts=body.parts, circle_member=member)
    elif body.recipient_kind == "organisation":
        organisation = people_selectors.organisation(body.recipient_id)
        people_services.sharing_set(record, parts=body.parts, organisation=organisation)
    else:
        raise Unprocessable("recipient_kind must be 'circle' or 'organisation'.")
    return _answer(record, why="Choosing what to share (API)")


@router.get(
    "/{person_id}/plan/fhir",
    response={200: None, 403: Message, 404: Message},
    summary="The whole plan as a FHIR R4 Bundle (UK Core where it has profiles)",
    openapi_extra={
        "responses": {
            200: {
                "description": "A FHIR R4 Bundle",
                "content": {
                    "application/fhir+json": {
                        "schema": {
                            "type": "object",
                            "properties": {"resourceType": {"const": "Bundle"}},
                            "required": ["resourceType"],
                        }
                    }
                },
            }
        }
    },
)
def plan_fhir(request: HttpRequest, person_id: int) -> HttpResponse:
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.PLAN,
        why="Taking the plan to another service (FHIR, API)",
        what="their whole plan, as FHIR",
        only=(
            Relation.TEAM,
            Relation.SELF,
        ),  # the whole plan: not for those it is partly shared with
    )
    bundle = bundle_of(record)
    return HttpResponse(
        json.dumps(bundle, ensure_ascii=False), content_type="application/fhir+json"
    )


class ImportedOut(Schema):
    person_id: int
    created: bool
    left_out: list[str]


imports = Router(tags=["plans"])


@imports.post(
    "",
    response={201: ImportedOut, 403: Message, 409: Message, 422: Message},
    summary="Start a plan from a FHIR Bundle exported by another Living Well site",
)
def plan_import_api(
    request: HttpRequest,
    bundle: Body[dict[str, Any]],
    into: int | None = None,
    as_new: bool = False,
) -> Status[ImportedOut]:
    """A file with no NHS number for someone the team may know is answered 409 with their id
    (`detail.may_be`): send it again with `into` (add the plan to their record) or `as_new=true`."""
    member = policy.staff_for(request.user)
    try:
        passport = fhir.from_bundle(bundle)
    except fhir.BundleError as problems:
        raise Unprocessable(
            "The bundle is not a plan we can bring over: " + "; ".join(problems.problems[:10]),
            detail={"problems": problems.problems},
        ) from None
    try:
        imported = plan_import(member, passport, into=into, as_new=as_new)
    except MayBeKnown as may_be:
        # The answer names who it may be: a look at their record, logged like the page's.
        policy.record_for(
            request.user,
            may_be.person_id,
            part=Part.ABOUT,
            only=Relation.TEAM,
            what="their name and details, as someone a plan file may be for",
            why="Checking who a plan file is for",
        )
        raise
    return Status(
        201,
        ImportedOut(
            person_id=imported.person.pk, created=imported.created, left_out=list(imported.left_out)
        ),
    )
