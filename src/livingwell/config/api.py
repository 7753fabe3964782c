"""The one JSON API (django-ninja, OpenAPI at /api/docs), behind the same access policy as the pages."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import SessionAuth

from livingwell.access.policy import signed_in_staff
from livingwell.core.errors import ApplicationError


class StaffSession(SessionAuth):
    """A signed-in member of staff who has passed their second factor (CSRF is checked on changes)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return signed_in_staff(request.user)


MESSAGE_SCHEMA = {
    "type": "object",
    "properties": {"message": {"type": "string"}, "detail": {"type": "object"}},
    "required": ["message", "detail"],
}

# What any route may answer before its own code runs, so each route declares only its own answers.
FRAMEWORK_ANSWERS = {
    400: "The body is not JSON",
    401: "Not signed in, or the security code not given yet",
    403: "The CSRF token is missing or wrong: every change needs it",
    422: "The request has problems: each is named, with where it is",
}
CHANGES = ("post", "put", "patch", "delete")


class LivingWellAPI(NinjaAPI):
    """Our NinjaAPI, whose OpenAPI lists every answer a route can give, not only its own."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for route in schema["paths"].values():
            for method, operation in route.items():
                answers = []
                if "security" in operation:
                    answers.append(401)
                    if method in CHANGES:
                        answers.append(403)
                if "requestBody" in operation:
                    answers.append(400)
                if operation.get("parameters") or "requestBody" in operation:
                    answers.append(422)
                for status in answers:
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": FRAMEWORK_ANSWERS[status],
                            "content": {"application/json": {"schema": MESSAGE_SCHEMA}},
                        },
                    )
        # The Open Referral UK API is its own NinjaAPI (it lives at /openreferral/, open to
        # anyone), listed here so that the project has one description of everything it serves.
        if path_prefix is None:
            directory = openreferral.get_openapi_schema(path_prefix="/openreferral/")
            schema["paths"].update(directory["paths"])
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                directory.get("components", {}).get("schemas", {})
            )
        return schema


class Docs(Swagger):
    """Swagger UI in our own page (docs.jinja): in English, with a title and a main landmark, colours
    with enough contrast, and no links nested in the buttons that open each call (deep links off)."""

    template = "api/docs.jinja"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "openapi_url": self.settings["url"],
            "api": api,
            "add_csrf": True,  # every change needs the CSRF token (StaffSession)
        }
        return render(request, self.template, context)


api = LivingWellAPI(
    title="Living Well API",
    version="1.0.0",
    description="Introductions, people and their support. Every call goes through the access policy "
    "and every read or change of a person's record is written to the access log.",
    auth=StaffSession(),
    urls_namespace="api-1.0.0",
    docs=Docs(settings={"deepLinking": False}),
)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(
        request, {"message": exc.message, "detail": exc.detail}, status=exc.status
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors
    ]
    return api.create_response(
        request,
        {
            "message": "The request has problems: "
            + "; ".join(f"{p['where']}: {p['problem']}" for p in problems),
            "detail": {"problems": problems},
        },
        status=422,
    )


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "message": "Sign in to use the API. Members of the team and partners also need their "
            "security code.",
            "detail": {},
        },
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Django Ninja's own refusals (a body that is not JSON, say), in our shape and words."""
    words = {
        "Cannot parse request body": "The request body is not valid JSON. Send JSON.",
        "CSRF check Failed": "Send the CSRF token with every change: the csrftoken cookie's value "
        "in the X-CSRFToken header.",
    }
    return api.create_response(
        request,
        {"message": words.get(exc.message, exc.message), "detail": {}},
        status=exc.status_code,
    )


from livingwell.frontdoor.api import router as frontdoor_router  # noqa: E402
from livingwell.network.api import router as openreferral_router  # noqa: E402
from livingwell.plans.api import imports as plan_imports  # noqa: E402
from livingwell.plans.api import router as plans_router  # noqa: E402
from livingwell.record.api import router as people_router  # noqa: E402
from livingwell.warm_introductions.api import router as warm_router  # noqa: E402

api.add_router("/introductions", frontdoor_router)
api.add_router("/people", people_router)
api.add_router("/warm-introductions", warm_router)
api.add_router("/people", plans_router)
api.add_router("/plans/import", plan_imports)

# Open Referral UK 3.0, served at /openreferral/ with no account (network/api.py).
openreferral = NinjaAPI(
    title="Living Well directory: Open Referral UK 3.0",
    version="HSDS-UK-3.0",
    urls_namespace="openreferral",
    docs_url=None,
    openapi_url=None,
)
openreferral.add_router("", openreferral_router)
