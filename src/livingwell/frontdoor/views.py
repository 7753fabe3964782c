"""The front door (public, no account) and the team board (staff). Views stay thin: forms check input,
services make changes, the access policy hands out records and logs each look."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from livingwell.access import policy
from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.codes.record import AccessAction, Part, Relation
from livingwell.core.errors import ApplicationError, Refused
from livingwell.core.presenters import url_maker
from livingwell.frontdoor import caseload, selectors, services, throttle
from livingwell.frontdoor.forms import (
    AbsenceForm,
    CloseForm,
    ConversationForm,
    JoinForm,
    NextStepForm,
    SelfIntroductionForm,
    SetAsideForm,
    SomeoneElseIntroductionForm,
    StaffIntroductionForm,
)
from livingwell.frontdoor.huddle import huddle
from livingwell.frontdoor.models import Channel, Introduction, SetAsideKind
from livingwell.frontdoor.presenters import (
    BoardRow,
    IntroductionPresenter,
    SaidBack,
    typed_back,
)
from livingwell.network.selectors import service_whole
from livingwell.outbox import selectors as outbox_selectors
from livingwell.people.models import Person
from livingwell.team import selectors as team_selectors
from livingwell.team import services as team_services
from livingwell.team.models import StaffRole
from livingwell.team.selectors import possible_key_workers
from livingwell.warm_introductions import presenters as warm_presenters
from livingwell.warm_introductions import services as warm_services
from livingwell.warm_introductions.forms import StallDaysForm, WarmIntroductionForm
from livingwell.warm_introductions.selectors import DEFAULT_DAYS, days_by_kind
from livingwell.warm_introductions.views import warm_initial

SESSION_REFERENCE = "front_door_reference"
# What "What happens next" may say back to whoever sent the form: only what they typed.
SESSION_SAID_BACK = "front_door_said_back"
# The hidden "Leave this empty" field of the public forms: people never see it, robots fill it in.
HONEYPOT = "homepage"
# What is not sent back when the 429 page offers to send the form again.
NOT_RESENT = {"csrfmiddlewaretoken", HONEYPOT}


def _submission_token(request: HttpRequest) -> uuid.UUID:
    """The form's one-time token: the same token sent twice makes one introduction."""
    try:
        return uuid.UUID(str(request.POST.get("submission_token", "")))
    except ValueError:
        return uuid.uuid4()


def front_door(request: HttpRequest) -> HttpResponse:
    return render(
        request, "frontdoor/front_door.jinja", {"title": "Get support with your mental health"}
    )


def urgent_help(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdoor/urgent_help.jinja",
        {"title": "Get help now", "hide_urgent_help": True},
    )


def _introduce(
    request: HttpRequest, form_class: type[Any], template: str, title: str
) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get(HONEYPOT, "").strip():
            # A robot filled in the field people cannot see: make nothing, and answer as if we had,
            # without a reference, so it learns nothing (ADR 0006).
            request.session.pop(SESSION_REFERENCE, None)
            request.session.pop(SESSION_SAID_BACK, None)
            return redirect("what-happens-next")
        form = form_class(request.POST)
        token = _submission_token(request)
        if form.is_valid():
            if not throttle.admit(request, token):
                return _too_many(request, form, title)
            introduction = services.introduction_create(
                person=form.person_details(),
                details=form.introduction_details(),
                channel=Channel.WEB,
                submission_token=token,
            )
            request.session[SESSION_REFERENCE] = introduction.reference
            request.session[SESSION_SAID_BACK] = form.said_back()
            return redirect("what-happens-next")
    else:
        form = form_class()
        token = uuid.uuid4()
    return render(request, template, {"title": title, "form": form, "submission_token": token})


def _too_many(request: HttpRequest, form: Any, title: str) -> HttpResponse:
    """Over the limit: ask them to phone, show back everything they typed, and let them send it again
    later with the same token (so it still makes one introduction)."""
    resend = [
        (name, value)
        for name in request.POST
        if name not in NOT_RESENT
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "frontdoor/too_many.jinja",
        {
            "title": "We have had a lot of forms from this connection",
            "form_title": title,
            "typed": typed_back(form),
            "what_matters": form.cleaned_data.get("what_matters", ""),
            "resend": resend,
            "minutes": settings.LIVINGWELL_FRONT_DOOR_WINDOW_MINUTES,
        },
        status=429,
    )


@require_http_methods(["GET", "POST"])
def introduce_yourself(request: HttpRequest) -> HttpResponse:
    return _introduce(
        request,
        SelfIntroductionForm,
        "frontdoor/introduce_yourself.jinja",
        "Ask for support for yourself",
    )


@require_http_methods(["GET", "POST"])
def introduce_someone_else(request: HttpRequest) -> HttpResponse:
    return _introduce(
        request,
        SomeoneElseIntroductionForm,
        "frontdoor/introduce_someone_else.jinja",
        "Introduce someone you are worried about",
    )


def what_happens_next(request: HttpRequest) -> HttpResponse:
    """Spoken to whoever sent the form, from what they typed (kept in their session), never a record."""
    reference = request.session.get(SESSION_REFERENCE)
    said = SaidBack.from_session(request.session.get(SESSION_SAID_BACK)) if reference else None
    return render(
        request,
        "frontdoor/what_happens_next.jinja",
        {
            "title": "What happens next",
            "reference": reference,
            "said": said,
            "reply_days": settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS,
        },
    )


# The team's pages. Each one asks the access policy, which refuses anyone not signed in as staff.


def board(request: HttpRequest) -> HttpResponse:
    board = selectors.board_page(
        request.user,
        show=request.GET.get("show", "all"),
        number=request.GET.get("page"),
        why="Working the team board",
    )
    href = url_maker("introduction")
    today = timezone.localdate()
    on_the_board = [row["person_id"] for row in board.rows]
    overdue = caseload.overdue_next_steps(request.user, shown=on_the_board)
    return render(
        request,
        "frontdoor/board.jinja",
        {
            "title": "Team board",
            "active": "board",
            "page": board.page,
            "rows": [BoardRow.from_values(row, href=href, today=today) for row in board.rows],
            "show": board.show,
            "views": selectors.BOARD_VIEWS,
            "reply_days": settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS,
            "overdue": overdue,
            "messages_not_read": caseload.messages_not_read(
                request.user, shown=[*on_the_board, *(s.person_id for s in overdue.items)]
            ),
            "warm_needing": caseload.warm_introductions_needing(
                request.user, shown=[*on_the_board, *(s.person_id for s in overdue.items)]
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def introduction_warm_new(
    request: HttpRequest, introduction_id: int, service_id: str
) -> HttpResponse:
    """A warm introduction made from the board, for the person an introduction is about: the same
    form as from their plan; the introduction closes when it lands."""
    found = selectors.introduction_for(
        request.user, introduction_id, why="Making a warm introduction"
    )
    record = policy.record_for(
        request.user,
        found.person_id,
        part=Part.SUPPORT,
        why="Making a warm introduction",
        only=Relation.TEAM,
        answer_logs_itself=True,
    )
    service = service_whole(service_id)
    form = WarmIntroductionForm(
        request.POST if request.method == "POST" else None,
        initial=warm_initial(record, service, goal=None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            warm = services.introduction_warm_introduction_make(
                record,
                introduction=found,
                introducing=form.introducing(service_id=service.pk, goal_id=None, domain=""),
            )
        except Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, f"Warm introduction made to {service.name}. We will tell them today."
            )
            return redirect("warm-introduction", found.person_id, warm.pk)
    return render(
        request,
        "warm_introductions/new.jinja",
        {
            "title": f"Introduce {found.person.given_name} to {service.name}",
            "person": found.person,
            "service": service,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def stall_days_page(request: HttpRequest) -> HttpResponse:
    """How long the team gives each kind of organisation to see, answer and meet, before a warm
    introduction comes back to its key worker. Team leads change it; everyone can read it."""
    member = policy.staff_for(request.user)
    form = StallDaysForm(
        request.POST if request.method == "POST" else None,
        initial={
            "to_receive": DEFAULT_DAYS.to_receive,
            "to_accept": DEFAULT_DAYS.to_accept,
            "to_meet": DEFAULT_DAYS.to_meet,
        },
    )
    if request.method == "POST" and form.is_valid():
        warm_services.stall_days_set(member, **form.cleaned_data)
        kind = ORGANISATION_KINDS[form.cleaned_data["organisation_kind"]]
        messages.success(request, f"Saved: how long the team gives {kind.lower()}")
        return redirect("stall-days")
    set_days = days_by_kind(member.team_id)
    return render(
        request,
        "frontdoor/stall_days.jinja",
        {
            "title": "How long the team waits",
            "active": "huddle",
            "form": form,
            "is_team_lead": member.role == StaffRole.TEAM_LEAD,
            "default": DEFAULT_DAYS,
            "rows": [(ORGANISATION_KINDS[k], d) for k, d in sorted(set_days.items())],
        },
    )


def huddle_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdoor/huddle.jinja",
        {"title": "Huddle", "active": "huddle", "huddle": huddle(request.user)},
    )


def outbox_page(request: HttpRequest) -> HttpResponse:
    """The team's messages: those that could not be sent, or may not have been, first; then the
    latest. On the demo, what each would have said (it sends nothing)."""
    member = policy.staff_for(request.user)
    looked_at = outbox_selectors.needing_a_look(member.team_id)
    latest = outbox_selectors.latest(member.team_id)
    policy.record_listing(
        request.user,
        [m.person_id for m in [*looked_at, *latest] if m.person_id is not None],
        why="Checking the team's messages",
    )
    return render(
        request,
        "frontdoor/outbox.jinja",
        {
            "title": "Messages",
            "active": "huddle",
            "needing_a_look": looked_at,
            "latest": latest,
            "shown_here": settings.LIVINGWELL_MESSAGES == "page",
        },
    )


@require_http_methods(["GET", "POST"])
def away_page(request: HttpRequest) -> HttpResponse:
    """A member of the team says when they will be away, and sees the times they have said."""
    member = policy.staff_for(request.user)
    form = AbsenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "remove" in request.POST:
        typed = request.POST["remove"]
        team_services.absence_remove(member, absence_id=int(typed) if typed.isdigit() else 0)
        messages.success(request, "That time away is taken off")
        return redirect("away")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team_services.absence_add(
            member, first_day=data["first_day"], last_day=data["last_day"], note=data["note"]
        )
        messages.success(request, "Saved. The huddle shows when you are away.")
        return redirect("away")
    return render(
        request,
        "frontdoor/away.jinja",
        {
            "title": "When you are away",
            "active": "huddle",
            "form": form,
            "absences": team_selectors.absences_of(member, from_day=timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
def introduction_record(request: HttpRequest) -> HttpResponse:
    member = policy.staff_for(request.user)
    if request.method == "POST":
        form = StaffIntroductionForm(request.POST)
        token = _submission_token(request)
        if form.is_valid():
            introduction = services.introduction_create(
                person=form.person_details(),
                details=form.introduction_details(),
                channel=Channel(form.cleaned_data["channel"]),
                recorded_by=member,
                submission_token=token,
            )
            messages.success(request, f"Introduction {introduction.reference} is on the board")
            return redirect("introduction", introduction.pk)
    else:
        form = StaffIntroductionForm()
        token = uuid.uuid4()
    return render(
        request,
        "frontdoor/introduction_record.jinja",
        {
            "title": "Record an introduction",
            "active": "record",
            "form": form,
            "submission_token": token,
        },
    )


@require_http_methods(["GET", "POST"])
def introduction(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """One introduction: what the person said, and picking it up with a next step."""
    member = policy.staff_for(request.user)
    found = selectors.introduction_for(request.user, introduction_id, why="Reading an introduction")
    form = NextStepForm(
        request.POST if request.method == "POST" else None, initial={"next_step": found.next_step}
    )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "pick-up":
            services.introduction_pick_up(
                actor=member, introduction=found, next_step=form.cleaned_data["next_step"]
            )
            messages.success(request, "You picked up this introduction. Next step saved")
        else:
            services.introduction_next_step_set(
                actor=member, introduction=found, next_step=form.cleaned_data["next_step"]
            )
            messages.success(request, "Next step saved")
        return redirect("introduction", found.pk)
    presenter = IntroductionPresenter(found, may_be=_may_be(request, found))
    repeats = presenter.repeats
    # Their words are shown here, so this is a look at each repeat's record too.
    policy.record_access(
        member,
        [r.person_id for r in repeats],
        action=AccessAction.VIEW,
        what="a repeat of introduction " + found.reference,
        why="Reading an introduction",
    )
    return render(
        request,
        "frontdoor/introduction.jinja",
        {
            "title": f"Introduction {found.reference}",
            "introduction": presenter,
            "form": form,
            "member": member,
            "warm": warm_presenters.line(
                found.warm_introduction, today=timezone.localdate(), own=False
            )
            if found.warm_introduction is not None
            else None,
            "is_team_lead": member.role == StaffRole.TEAM_LEAD,
            "colleagues": possible_key_workers(member.team_id)
            if member.role == StaffRole.TEAM_LEAD
            else [],
        },
    )


@require_POST
def introduction_pass(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """A team lead passes an introduction to a colleague."""
    member = policy.staff_for(request.user)
    # Before the look, so a refusal logs nothing.
    services.refuse_unless_team_lead(member, to=services.PASSING_ON)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Passing an introduction to a colleague"
    )
    colleagues = {str(c.pk): c for c in possible_key_workers(member.team_id)}
    to = colleagues.get(request.POST.get("to", ""))
    if to is None:
        raise ApplicationError("Choose someone on your team to pass this introduction to.")
    services.introduction_pass(actor=member, introduction=found, to=to)
    messages.success(request, f"Passed to {to.name}")
    return redirect("introduction", found.pk)


def _may_be(request: HttpRequest, found: Introduction) -> Person | None:
    """The record an introduction may be from, for the team to check: showing its name is a look."""
    if found.may_be_id is None:
        return None
    record = policy.record_for(
        request.user,
        found.may_be_id,
        part=Part.ABOUT,
        only=Relation.TEAM,
        what="their name and details, as someone an introduction may be from",
        why=f"Checking who introduction {found.reference} is from",
    )
    return record.person


@require_POST
def introduction_join(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """Yes, this is someone the team knows: join the introduction to their record."""
    member = policy.staff_for(request.user)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Joining an introduction to a record"
    )
    form = JoinForm(request.POST)
    if not form.is_valid():
        raise Refused("Choose the record to join this introduction to, then try again.")
    into = policy.record_for(
        request.user,
        form.cleaned_data["person"],
        part=Part.ABOUT,
        change=True,
        only=Relation.TEAM,
        why=f"Joining introduction {found.reference} to their record",
    )
    services.introduction_join(
        actor=member, introduction=found, into=into, use=form.cleaned_data["use"]
    )
    messages.success(request, f"Joined to the record of {into.person.name}")
    return redirect("introduction", found.pk)


@require_POST
def introduction_not_joined(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """No, this is someone else: the suggestion goes."""
    member = policy.staff_for(request.user)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Checking who an introduction is from"
    )
    kept_apart_from = _may_be(request, found)
    services.introduction_not_joined(actor=member, introduction=found)
    if kept_apart_from is not None:
        messages.success(request, f"Kept apart from the record of {kept_apart_from.name}")
    return redirect("introduction", found.pk)


@require_http_methods(["GET", "POST"])
def conversation_record(request: HttpRequest, introduction_id: int) -> HttpResponse:
    policy.staff_for(request.user)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Recording a conversation", action=AccessAction.VIEW
    )
    form = ConversationForm(
        request.POST if request.method == "POST" else None,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        # Opening the introduction was the look; the conversation logs itself as it is written.
        record = policy.record_for(
            request.user,
            found.person_id,
            part=Part.SUPPORT,
            change=True,
            why="Recording a conversation",
            only=Relation.TEAM,
            answer_logs_itself=True,
        )
        services.conversation_record(record, introduction=found, **form.cleaned_data)
        messages.success(request, "Conversation saved. The introduction has done its job")
        return redirect("person", found.person_id)
    return render(
        request,
        "frontdoor/conversation_record.jinja",
        {
            "title": f"Record a conversation with {found.person.name}",
            "back_href": url_maker("introduction")(found.pk),
            "form": form,
        },
    )


@require_POST
def introduction_close(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """Always refused, with the reason: see services.introduction_close."""
    member = policy.staff_for(request.user)
    found = selectors.introduction_for(
        request.user, introduction_id, why="Trying to close an introduction"
    )
    form = CloseForm(request.POST)
    services.introduction_close(
        actor=member,
        introduction=found,
        reason=form.cleaned_data.get("reason", "") if form.is_valid() else "",
    )
    return redirect("introduction", found.pk)  # not reached: closing is refused


@require_http_methods(["GET", "POST"])
def introduction_set_aside(request: HttpRequest, introduction_id: int) -> HttpResponse:
    """A team lead sets aside a repeat, or what is not a person asking for help (ADR 0006)."""
    member = policy.staff_for(request.user)
    services.refuse_unless_team_lead(member)  # before the look, so a refusal logs nothing
    found = selectors.introduction_for(
        request.user, introduction_id, why="Setting an introduction aside"
    )
    form = SetAsideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            services.introduction_set_aside(
                actor=member,
                introduction=found,
                kind=c["kind"],
                reason=c["reason"],
                original=c["original"] if c["kind"] == SetAsideKind.REPEAT else "",
            )
        except Refused as refused:
            form.add_error(
                "original" if c["kind"] == SetAsideKind.REPEAT else None, refused.message
            )
        else:
            messages.success(request, "Set aside. It is off the board and on the set-aside list")
            return redirect("introduction", found.pk)
    return render(
        request,
        "frontdoor/set_aside.jinja",
        {
            "title": f"Set aside introduction {found.reference}",
            "back_href": url_maker("introduction")(found.pk),
            "introduction": found,
            "form": form,
        },
    )


@require_POST
def introduction_put_back(request: HttpRequest, introduction_id: int) -> HttpResponse:
    member = policy.staff_for(request.user)
    services.refuse_unless_team_lead(member)  # before the look, so a refusal logs nothing
    found = selectors.introduction_for(
        request.user, introduction_id, why="Putting an introduction back on the board"
    )
    services.introduction_put_back(actor=member, introduction=found)
    messages.success(request, "Put back on the board")
    return redirect("introduction", found.pk)


def introductions_set_aside(request: HttpRequest) -> HttpResponse:
    """Every introduction of the team that a team lead has set aside, with who, when and why."""
    member = policy.staff_for(request.user)
    page = Paginator(
        selectors.set_aside_introductions_for(request.user), settings.LIVINGWELL_BOARD_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    policy.record_listing(
        request.user, [i.person_id for i in shown], why="Checking what has been set aside"
    )
    return render(
        request,
        "frontdoor/set_aside_list.jinja",
        {
            "title": "Set aside",
            "active": "board",
            "page": page,
            "introductions": shown,
            "is_team_lead": member.role == StaffRole.TEAM_LEAD,
        },
    )
