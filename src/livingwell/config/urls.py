from __future__ import annotations

from django.urls import path

from livingwell.config.api import api
from livingwell.frontdoor import views as frontdoor
from livingwell.learning import views as learning
from livingwell.people import views as people
from livingwell.team import views as team

urlpatterns = [
    # The front door: public, no account needed.
    path("", frontdoor.front_door, name="front-door"),
    path("introduce/yourself/", frontdoor.introduce_yourself, name="introduce-yourself"),
    path(
        "introduce/someone-else/", frontdoor.introduce_someone_else, name="introduce-someone-else"
    ),
    path("what-happens-next/", frontdoor.what_happens_next, name="what-happens-next"),
    path("urgent-help/", frontdoor.urgent_help, name="urgent-help"),
    # Staff sign-in.
    path("staff/sign-in/", team.sign_in, name="staff-sign-in"),
    path("staff/security-code/", team.security_code, name="staff-security-code"),
    path("staff/sign-out/", team.sign_out, name="staff-sign-out"),
    # The team's pages.
    path("board/", frontdoor.board, name="board"),
    path("introductions/new/", frontdoor.introduction_record, name="introduction-record"),
    path("introductions/<int:introduction_id>/", frontdoor.introduction, name="introduction"),
    path(
        "introductions/<int:introduction_id>/conversation/",
        frontdoor.conversation_record,
        name="conversation-record",
    ),
    path(
        "introductions/<int:introduction_id>/close/",
        frontdoor.introduction_close,
        name="introduction-close",
    ),
    path("people/<int:person_id>/", people.person, name="person"),
    path("people/<int:person_id>/support/start/", people.support_start, name="support-start"),
    path("people/<int:person_id>/key-worker/", people.key_worker_change, name="key-worker-change"),
    path(
        "people/<int:person_id>/conversations/new/",
        people.conversation_record,
        name="person-conversation-record",
    ),
    path("people/<int:person_id>/access-log/", people.access_log, name="access-log"),
    # The Collaborative's pages.
    path("collaborative/simulator/", learning.simulator, name="simulator"),
    path("collaborative/simulator/monthly.csv", learning.simulator_csv, name="simulator-csv"),
    path("api/", api.urls),
]

handler400 = "livingwell.core.views.bad_request"
handler403 = "livingwell.core.views.permission_denied"
handler404 = "livingwell.core.views.page_not_found"
handler500 = "livingwell.core.views.server_error"
