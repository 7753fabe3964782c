from __future__ import annotations

from collections.abc import Callable

from django.http.response import HttpResponseBase
from django.urls import URLPattern, path

from livingwell.config.api import api, openreferral
from livingwell.core import site_views as site
from livingwell.frontdoor import views as frontdoor
from livingwell.learning import views as learning
from livingwell.measures import views as measures
from livingwell.network import views as network
from livingwell.plans import export_views as exports
from livingwell.plans import views as plans
from livingwell.record import account_views as accounts
from livingwell.record import caseload_views as caseload
from livingwell.record import circle_views as circle
from livingwell.record import password_views as passwords
from livingwell.record import person_views as people
from livingwell.team import views as team
from livingwell.warm_introductions import views as warm


def _record_pages(prefix: str, name: str) -> list[URLPattern]:
    """The pages of a person's plan and circle: once for the team, once for the person themself."""
    pages: list[tuple[str, Callable[..., HttpResponseBase], str]] = [
        ("plan/", plans.plan, "plan"),
        ("plan/first-conversation/", plans.first_conversation, "first-conversation"),
        ("plan/change/<str:group>/", plans.plan_sections, "plan-sections"),
        ("plan/goals/new/", plans.goal_new, "goal-new"),
        ("plan/goals/<int:goal_id>/", plans.goal_change, "goal-change"),
        ("plan/history/", plans.plan_history, "plan-history"),
        ("plan/print/", exports.plan_print, "plan-print"),
        ("plan.pdf", exports.plan_pdf, "plan-pdf"),
        ("plan.fhir.json", exports.plan_fhir, "plan-fhir"),
        ("circle/", circle.circle, "circle"),
        ("circle/<int:member_id>/invite/", circle.invite, "circle-invite"),
        ("sharing/", circle.sharing, "sharing"),
        ("sharing/<str:kind>/<int:recipient_id>/", circle.sharing_change, "sharing-change"),
        (
            "sharing/<str:kind>/<int:recipient_id>/preview/",
            circle.sharing_preview,
            "sharing-preview",
        ),
        ("access-log/", accounts.access_log, "access-log"),
        ("access-log.csv", accounts.access_log_download, "access-log-download"),
        ("details/", circle.details_change, "details-change"),
        ("measures/", measures.progress, "measures"),
        ("measures/new/<str:instrument>/", measures.measure_new, "measure-new"),
        ("measures/<int:measure_id>/", measures.measure, "measure"),
        ("warm-introductions/", warm.introductions, "warm-introductions"),
        ("warm-introductions/<int:warm_id>/", warm.introduction, "warm-introduction"),
        (
            "warm-introductions/<int:warm_id>/<str:action>/",
            warm.act,
            "warm-introduction-act",
        ),
    ]
    return [path(prefix + route, view, name=name + page) for route, view, page in pages]


urlpatterns = [
    # The front door: public, no account needed.
    path("", frontdoor.front_door, name="front-door"),
    path("introduce/yourself/", frontdoor.introduce_yourself, name="introduce-yourself"),
    path(
        "introduce/someone-else/", frontdoor.introduce_someone_else, name="introduce-someone-else"
    ),
    path("what-happens-next/", frontdoor.what_happens_next, name="what-happens-next"),
    path("urgent-help/", frontdoor.urgent_help, name="urgent-help"),
    # The directory of support: public, no account needed.
    path("directory/", network.directory, name="directory"),
    path("directory/services/<str:service_id>/", network.service_page, name="directory-service"),
    # Keeping the directory true: staff any entry, a partner's members their own.
    path(
        "directory/services/<str:service_id>/change/",
        network.service_change,
        name="directory-service-change",
    ),
    path(
        "directory/services/<str:service_id>/check/",
        network.service_check,
        name="directory-service-check",
    ),
    path("directory/to-check/", network.needs_checking, name="directory-needs-checking"),
    path("directory/add-a-place/", network.community_asset_add, name="directory-add-place"),
    # What every site says about itself, linked from every page's footer.
    path("privacy/", site.privacy, name="privacy"),
    path("cookies/", site.cookies, name="cookies"),
    path("accessibility/", site.accessibility, name="accessibility"),
    path("contact/", site.contact, name="contact"),
    # Staff sign-in.
    path("staff/sign-in/", team.sign_in, name="staff-sign-in"),
    path("staff/security-code/", team.security_code, name="staff-security-code"),
    path("staff/sign-out/", accounts.sign_out, name="staff-sign-out"),
    # The team's pages.
    path("board/", frontdoor.board, name="board"),
    path("huddle/", frontdoor.huddle_page, name="huddle"),
    path("huddle/away/", frontdoor.away_page, name="away"),
    path("huddle/messages/", frontdoor.outbox_page, name="outbox"),
    path("huddle/reviews/", measures.review_weeks, name="review-weeks"),
    path("huddle/waits/", frontdoor.stall_days_page, name="stall-days"),
    path("introductions/new/", frontdoor.introduction_record, name="introduction-record"),
    path("introductions/<int:introduction_id>/", frontdoor.introduction, name="introduction"),
    path(
        "introductions/<int:introduction_id>/warm-introduction/<str:service_id>/",
        frontdoor.introduction_warm_new,
        name="introduction-warm-new",
    ),
    path(
        "introductions/set-aside/",
        frontdoor.introductions_set_aside,
        name="introductions-set-aside",
    ),
    path(
        "introductions/<int:introduction_id>/set-aside/",
        frontdoor.introduction_set_aside,
        name="introduction-set-aside",
    ),
    path(
        "introductions/<int:introduction_id>/put-back/",
        frontdoor.introduction_put_back,
        name="introduction-put-back",
    ),
    path(
        "introductions/<int:introduction_id>/conversation/",
        frontdoor.conversation_record,
        name="conversation-record",
    ),
    path(
        "introductions/<int:introduction_id>/join/",
        frontdoor.introduction_join,
        name="introduction-join",
    ),
    path(
        "introductions/<int:introduction_id>/not-joined/",
        frontdoor.introduction_not_joined,
        name="introduction-not-joined",
    ),
    path(
        "introductions/<int:introduction_id>/close/",
        frontdoor.introduction_close,
        name="introduction-close",
    ),
    path("my-people/", caseload.my_people, name="my-people"),
    path("people/find/", caseload.people_search, name="people-search"),
    path(
        "introductions/<int:introduction_id>/pass/",
        frontdoor.introduction_pass,
        name="introduction-pass",
    ),
    path("people/<int:person_id>/", people.person, name="person"),
    path("people/<int:person_id>/worry/", people.worry, name="person-worry"),
    path("people/<int:person_id>/next-steps/new/", caseload.next_step_new, name="next-step-new"),
    path(
        "people/<int:person_id>/next-steps/<int:step_id>/done/",
        caseload.next_step_done,
        name="next-step-done",
    ),
    path("people/<int:person_id>/support/start/", people.support_start, name="support-start"),
    path("people/<int:person_id>/key-worker/", people.key_worker_change, name="key-worker-change"),
    path(
        "people/<int:person_id>/conversations/new/",
        people.conversation_record,
        name="person-conversation-record",
    ),
    path("people/<int:person_id>/support/end/", people.support_end, name="support-end"),
    path(
        "people/<int:person_id>/messages/<int:message_id>/read/",
        people.message_read,
        name="message-read",
    ),
    path("people/<int:person_id>/invite/", circle.invite, name="person-invite"),
    path("people/import/", exports.plan_import_page, name="plan-import"),
    path(
        "people/<int:person_id>/warm-introductions/new/",
        warm.choose,
        name="warm-introduction-choose",
    ),
    path(
        "people/<int:person_id>/warm-introductions/new/<str:service_id>/",
        warm.new,
        name="warm-introduction-new",
    ),
    # A partner organisation's introductions, made to it.
    path("partner/introductions/", warm.received_list, name="received-introductions"),
    path(
        "partner/introductions/<int:warm_id>/",
        warm.received,
        name="received-introduction",
    ),
    path(
        "partner/introductions/<int:warm_id>/<str:action>/",
        warm.received_act,
        name="received-introduction-act",
    ),
    *_record_pages("people/<int:person_id>/", ""),
    # A person's own pages, and what others share with them.
    path("sign-in/", accounts.sign_in, name="sign-in"),
    path("sign-out/", accounts.sign_out, name="sign-out"),
    path(
        "sign-in/forgotten-password/", passwords.ForgottenPassword.as_view(), name="password-reset"
    ),
    path(
        "sign-in/forgotten-password/sent/", passwords.LinkSent.as_view(), name="password-reset-sent"
    ),
    path(
        "sign-in/new-password/<uidb64>/<token>/",
        passwords.NewPassword.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "sign-in/new-password/done/",
        passwords.PasswordChanged.as_view(),
        name="password-reset-done",
    ),
    path("invitation/<str:token>/", accounts.invitation, name="invitation"),
    path("my/", accounts.my_home, name="my-home"),
    path("my/record/", accounts.my_record, name="my-record"),
    path("my/messages/", accounts.my_messages, name="my-messages"),
    *_record_pages("my/", "my-"),
    path("shared/", accounts.shared, name="shared"),
    path("shared/<int:person_id>/", accounts.shared_person, name="shared-person"),
    # The Collaborative's pages.
    path("collaborative/simulator/", learning.simulator, name="simulator"),
    path("collaborative/simulator/monthly.csv", learning.simulator_csv, name="simulator-csv"),
    path("api/", api.urls),
    path("openreferral/", openreferral.urls),
]

handler400 = "livingwell.core.views.bad_request"
handler403 = "livingwell.core.views.permission_denied"
handler404 = "livingwell.core.views.page_not_found"
handler500 = "livingwell.core.views.server_error"
