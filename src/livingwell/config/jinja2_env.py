"""The Jinja2 environment: NHS.UK frontend macros plus a few globals our pages use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from livingwell.core.forms import error_list
from livingwell.core.presenters import (
    choice_items,
    days_ago,
    long_date,
    select_items,
    short_datetime,
    summary_row,
)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
            "error_list": error_list,
            "choice_items": choice_items,
            "select_items": select_items,
            "static": static,
            "site_name": settings.LIVINGWELL_SITE_NAME,
            "site_phone": settings.LIVINGWELL_PHONE,
        }
    )
    env.filters.update(
        {
            "long_date": long_date,
            "short_datetime": short_datetime,
            "days_ago": days_ago,
            "summary_row": summary_row,
        }
    )
    return env
