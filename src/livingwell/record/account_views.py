"""The pages for people and their circles: signing in, accepting an invitation, their own record, and
what others have shared with them. Staff sign in elsewhere (team.views), with a security code."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from livingwell.access import invitations, log, policy
from livingwell.access.places import place_for, record_at
from livingwell.access.presenters import access_log_csv, group_row
from livingwell.codes.record import Part, Relation
from livingwell.core.errors import Forbidden
from livingwell.core.views import safe_next
from livingwell.frontdoor import selectors as frontdoor_selectors
from livingwell.measures import selectors as measures_selectors
from livingwell.measures.presenters import shared_progress
from livingwell.people import selectors, services
from livingwell.people.forms import AccountForm, MessageForm, PersonSignInForm
from livingwell.people.models import Invitation
from livingwell.people.presenters import person_rows
from livingwell.plans.presenters import plan_page
from livingwell.plans.selectors import plan_view
from livingwell.warm_introductions import presenters as warm_presenters
from livingwell.warm_introductions import selectors as warm_selectors
from livingwell.warm_introductions.models import ASKED_HOW_IT_WENT

BACKEND = "livingwell.team.backends.StaffBackend"


def _next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next")) or "/my/"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """People and their circles sign in with their email address and password."""
    form = PersonSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"].strip().lower(),
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(
                None, "The email address or password is not right. Check them and try again."
            )
        elif hasattr(user, "staff_member") or hasattr(user, "organisation_member"):
            form.add_error(
                None, "This is a work account. Sign in on the staff sign-in page instead."
            )
        else:
            login(request, user, backend=BACKEND)
            return redirect(_next(request))
    return render(
        request,
        "record/sign_in.jinja",
        {"title": "Sign in to Living Well", "form": form, "next": _next(request)},
    )


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    """Signing out, for everyone (staff at /staff/sign-out/, the rest at /sign-out/): a POST, from the
    button in every page's header. Opening the address (an old bookmark) signs nobody out: it shows
    the one button. Work accounts (staff, partners) are sent back to the staff sign-in page."""
    if request.method == "POST":
        work = invitations.is_work_account(request.user)
        logout(request)
        return render(
            request,
            "team/signed_out.jinja",
            {"title": "You have signed out", "sign_in": "staff-sign-in" if work else "sign-in"},
        )
    return render(request, "team/sign_out.jinja", {"title": "Sign out"})


def _confirmed_email(invitation: Invitation) -> str:
    """The email to offer for the account: only one the team (or the person) has confirmed."""
    if invitation.circle_member is not None:
        return invitation.circle_member.email
    person = invitation.person
    return person.email if person.email_confirmed else ""


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Set up an account from a one-time link, or add the invitation to the account signed in.

    A link that has been used, or is too old, says so and what to do next (sign in, or ask for a
    new link), and nothing about who it was for."""
    try:
        return _invitation(request, token)
    except (invitations.InvitationUsed, invitations.InvitationExpired) as closed:
        return render(
            request,
            "record/invitation_closed.jinja",
            {
                "title": closed.title,
                "used": isinstance(closed, invitations.InvitationUsed),
                "days": invitations.INVITATION_DAYS,
            },
            status=closed.status,
        )


def _invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = invitations.invitation_open(token)
    user = request.user
    if invitations.is_work_account(user):
        # Staff and partners never become the person or their carer: not even by setting up a new
        # account from here while signed in at work.
        return render(
            request,
            "record/invitation_work_account.jinja",
            {"title": "You are signed in with a work account"},
            status=403,
        )
    signed_in = user.is_authenticated
    who = found.circle_member.name if found.circle_member else found.person.given_name
    form = AccountForm(
        None if signed_in else (request.POST if request.method == "POST" else None),
        initial={"email": _confirmed_email(found)},
    )
    if request.method == "POST":
        if signed_in:
            invitations.invitation_accept(token, user=user)
            return redirect("/shared/" if found.circle_member else "/my/")
        if form.is_valid():
            account = invitations.account_create(
                token, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
            login(request, account, backend=BACKEND)
            return redirect("/shared/" if found.circle_member else "/my/")
    return render(
        request,
        "record/invitation.jinja",
        {
            "title": "Set up your account",
            "form": form,
            "who": who,
            "for_circle": found.circle_member is not None,
            "person_name": found.person.given_name,
            "signed_in": signed_in,
        },
    )


def my_home(request: HttpRequest) -> HttpResponse:
    """A person's own plan, or, for someone in a circle only, the people who share with them."""
    if not request.user.is_authenticated:
        raise Forbidden("Sign in to see your plan.")
    if policy.own_person(request.user) is None:
        return redirect("shared")
    place = place_for(request, None)
    record = record_at(request, place, part=None, why="Reading the plan")
    today = timezone.localdate()
    asks = [
        warm_presenters.line(w, today=today, own=True)
        for w in warm_selectors.of_person(record)
        if w.state in ASKED_HOW_IT_WENT
    ]
    review = measures_selectors.review_of(record, today=today)
    return render(
        request,
        "record/my_home.jinja",
        {
            **plan_page(place, record),
            "asks": asks,
            # A review due within a week, or late: the person can fill it in here.
            "review": review if review and review.days_late(today) >= -7 else None,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def my_messages(request: HttpRequest) -> HttpResponse:
    """A person writes to their team, and sees what they have written and whether it has been read."""
    if not request.user.is_authenticated:
        raise Forbidden("Sign in to send a message to your team.")
    if policy.own_person(request.user) is None:
        return redirect("shared")
    place = place_for(request, None)
    sending = request.method == "POST"
    form = MessageForm(request.POST if sending else None)
    if sending and form.is_valid():
        record = record_at(request, place, part=Part.MESSAGES, change=True, why="Telling the team")
        services.message_send(record, words=form.cleaned_data["words"])
        days = settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS
        messages.success(
            request,
            f"Your message is sent. Someone from your team will read it within {days} working "
            f"day{'s' if days != 1 else ''}",
        )
        return redirect("my-messages")
    record = record_at(request, place, part=Part.MESSAGES, why="Reading your messages")
    return render(
        request,
        "record/my_messages.jinja",
        {
            "title": "Send a message to your team",
            "form": form,
            "sent": selectors.messages_of(record),
            "reply_days": settings.LIVINGWELL_FIRST_REPLY_WORKING_DAYS,
        },
    )


def my_record(request: HttpRequest) -> HttpResponse:
    """Everything the team holds about the person, for the person (relational rule 4)."""
    place = place_for(request, None)
    record = record_at(request, place, part=Part.SUPPORT, why="Reading your whole record")
    person = record.person
    return render(
        request,
        "record/my_record.jinja",
        {
            "title": "Everything we hold about you",
            "person": person,
            "rows": person_rows(person),
            "support_periods": list(selectors.support_periods(person)),
            "introductions": list(frontdoor_selectors.introductions_of(record)),
            "conversations": list(frontdoor_selectors.conversations_of(record)),
            "sent": selectors.messages_of(record),
        },
    )


ACCESS_LOG_PAGE = 50


def page_number(value: str | None, pages: int) -> int:
    """The page asked for, or the nearest one there is: ?page=abc, 0 or a huge number never fail."""
    try:
        number = int(value or "1")
    except ValueError:
        number = 1
    return min(max(number, 1), pages)


def access_log(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """Who has looked at or changed the record, a page at a time, newest first: every entry there
    is, for the team and for the person."""
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.ACCESS_LOG, why="Checking who has seen the record")
    others_only = request.GET.get("others") == "yes"
    groups = log.groups_about(record.person.pk, leave_out=request.user.pk if others_only else None)
    paginator = Paginator(groups, ACCESS_LOG_PAGE)
    page = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))
    support = selectors.open_support_period(record.person) if place.own else None
    key_worker = support.key_worker.user_id if support else None
    return render(
        request,
        "record/access_log.jinja",
        {
            "title": "Who has looked at your record"
            if place.own
            else f"Who has seen {record.person.given_name}'s record",
            "place": place,
            "person": record.person,
            "page": page,
            "others_only": others_only,
            "rows": [
                group_row(g, own=place.own, me=request.user.pk, key_worker=key_worker)
                for g in page.object_list
            ],
        },
    )


def access_log_download(
    request: HttpRequest, person_id: int | None = None
) -> StreamingHttpResponse:
    """The whole access log as a spreadsheet (CSV): the same check as the page, and logged too."""
    place = place_for(request, person_id)
    record = record_at(request, place, part=Part.ACCESS_LOG, why="Downloading the access log")
    today = timezone.localdate().isoformat()
    name = (
        f"my-access-log-{today}.csv" if place.own else f"access-log-{record.person.pk}-{today}.csv"
    )
    response = StreamingHttpResponse(
        access_log_csv(log.entries_about(record.person.pk).iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def shared(request: HttpRequest) -> HttpResponse:
    """The people who have shared some of their record with this person or organisation."""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    shared = policy.shared_with(request.user, page=page, query=request.GET.get("q", ""))
    return render(
        request,
        "record/shared.jinja",
        {
            "title": "Plans shared with you",
            "people": shared.people,
            "shared": shared,
            "active": "shared",
        },
    )


def shared_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """Exactly what one person shares with this person or organisation, and nothing else."""
    record = policy.record_for(
        request.user,
        person_id,
        part=None,
        why="Reading what the person shares with them",
        only=(Relation.CIRCLE, Relation.ORGANISATION),
    )
    return render(
        request,
        "record/shared_person.jinja",
        {
            "title": f"{record.person.name}'s plan",
            "person": record.person,
            "view": plan_view(record),
            "progress": shared_progress(record),
            "parts": [p for p in Part if record.can_read(p)],
        },
    )
