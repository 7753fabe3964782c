"""The pages every site has, linked from the footer of every page: the privacy notice, cookies, the
accessibility statement and how to contact the team.

Their facts are the site's own settings (LIVINGWELL_ORGANISATION and the rest, read from the
environment); until a site sets them all, the pages say their details are the demo's. A site can also
replace a whole page with its own template of the same name, in a folder on LIVINGWELL_TEMPLATE_DIRS.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from livingwell.core.presenters import how_long


def site_text() -> dict[str, Any]:
    """What a site says about itself, from its settings."""
    return {
        "organisation": settings.LIVINGWELL_ORGANISATION,
        "phone": settings.LIVINGWELL_PHONE,
        "email": settings.LIVINGWELL_EMAIL,
        "dpo_name": settings.LIVINGWELL_DPO_NAME,
        "dpo_email": settings.LIVINGWELL_DPO_EMAIL,
        "retention": settings.LIVINGWELL_RETENTION,
        "statement_date": settings.LIVINGWELL_ACCESSIBILITY_STATEMENT_DATE,
        "site_url": settings.LIVINGWELL_SITE_URL,
        "demo": settings.LIVINGWELL_SITE_TEXT_IS_DEMO,
        # Signed-in people are signed out this long after signing in (the session cookie's life).
        "signed_out_after": how_long(settings.SESSION_COOKIE_AGE),
    }


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja", {"title": "Privacy notice", **site_text()})


def cookies(request: HttpRequest) -> HttpResponse:
    """Only the cookies the site needs to work: their names and lives come from the settings that
    make them, so the page stays true when a setting changes."""
    cookie_list = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Remembers that you are signed in, and the reference you get when you "
            "send a form at the front door.",
            "expires": how_long(settings.SESSION_COOKIE_AGE),
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Stops other websites sending forms to this one and pretending to be you.",
            "expires": how_long(settings.CSRF_COOKIE_AGE),
        },
    ]
    if not settings.MESSAGE_STORAGE.endswith(".SessionStorage"):
        # Django's messages (a change was saved) go to the next page in a cookie, unless in the session.
        cookie_list.append(
            {
                "name": CookieStorage.cookie_name,
                "purpose": "Carries a short message, like one saying your change was saved, "
                "to the next page you see.",
                "expires": "Until that page is shown",
            }
        )
    return render(
        request,
        "core/cookies.jinja",
        {"title": "Cookies", "cookie_list": cookie_list, **site_text()},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.jinja",
        {"title": f"Accessibility statement for {settings.LIVINGWELL_SITE_NAME}", **site_text()},
    )


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.jinja", {"title": "Contact us", **site_text()})
