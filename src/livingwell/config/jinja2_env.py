"""The Jinja2 environment: NHS.UK frontend macros plus a few globals our pages use."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from livingwell.core.forms import error_list
from livingwell.core.presenters import (
    checkbox_items,
    choice_items,
    days_ago,
    goal_tag_class,
    long_date,
    phone_link,
    select_items,
    short_datetime,
    waiting_colour,
)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def cached_component(env: Environment, template: str, name: str) -> Any:
    """An NHS.UK macro whose output is remembered for each set of parameters.

    Every page has a header and footer, and the board a tag on each row and a pagination bar. Rendering
    the library's macros each time was much of a page's cost, and their output depends only on their
    parameters (plain JSON data), so each distinct set is rendered once per process.
    """
    macro = getattr(env.get_template(template).module, name)

    @functools.lru_cache(maxsize=1024)
    def render(params: str) -> Markup:
        return Markup(macro(json.loads(params)))  # noqa: S704 - the library's macro escapes its text

    return lambda params: render(json.dumps(params, sort_keys=True))


# The header's account forms (Sign out) post to this site, so each needs the page's CSRF token. The
# NHS.UK macro has no place for one, and its output is cached for every page, so the token goes in after.
ACCOUNT_FORM = re.compile(r'<form\s+class="nhsuk-header__account-form"[^>]*>')


def with_csrf_token(header: str, csrf_input: object) -> Markup:
    """The header with the page's CSRF token (Django's hidden input) in each account form."""
    token = str(csrf_input)  # nothing on a page drawn without a request (the error pages)
    return Markup(ACCOUNT_FORM.sub(lambda form: form.group(0) + token, header))  # noqa: S704


def environment(**options: Any) -> Environment:
    # Django passes a loader for our apps' jinja2/ folders; the NHS.UK macros come after it.
    options["loader"] = ChoiceLoader(
        [options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")]
    )
    # The NHS.UK macros read optional nested parameters (params.navigation.colour) freely.
    options["undefined"] = ChainableUndefined
    env = Environment(**options)  # noqa: S701 - Django's backend passes autoescape=True
    env.globals.update(
        {
            "url": url,
            "get_messages": get_messages,
            "error_list": error_list,
            "choice_items": choice_items,
            "checkbox_items": checkbox_items,
            "select_items": select_items,
            "static": static,
            "site_name": settings.LIVINGWELL_SITE_NAME,
            "site_phone": settings.LIVINGWELL_PHONE,
        }
    )
    tag = cached_component(env, "nhsuk/components/tag/macro.jinja", "tag")

    @functools.lru_cache(maxsize=512)
    def waiting_tag(days: int) -> Markup | str:
        colour = waiting_colour(days)
        return tag({"text": days_ago(days), "colour": colour}) if colour else days_ago(days)

    env.globals["waiting_tag"] = waiting_tag
    env.globals["goal_tag_class"] = goal_tag_class
    for name in ("header", "footer", "pagination"):
        env.globals[name] = cached_component(env, f"nhsuk/components/{name}/macro.jinja", name)
    env.filters.update(
        {
            "long_date": long_date,
            "short_datetime": short_datetime,
            "days_ago": days_ago,
            "phone_link": phone_link,
            "with_csrf_token": with_csrf_token,
        }
    )
    return env
