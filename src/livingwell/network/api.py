"""The directory's Open Referral UK 3.0 read API, served at /openreferral/: open to anyone, with no
account, as the UK profile's compliance rules ask, and with `Access-Control-Allow-Origin: *` on every
answer so that other directories' pages can read it.

Lists are paged (`page` from 1, `per_page` up to 500, 50 when not given) under the profile's seven
header fields; a page past the end is an empty page. A bad parameter is a 400 that names it and says
what to send instead.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from livingwell.core.errors import NotFound
from livingwell.network import selectors
from livingwell.network.oruk import write
from livingwell.network.oruk.query import BadQuery, FeedQuery, feed_query

router = Router(tags=["Open Referral UK"])

Answer = dict[str, Any]


def answer(body: Answer, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_query(problems: dict[str, str]) -> HttpResponse:
    return answer(
        {
            "message": "Some query parameters cannot be used: "
            + "; ".join(f"{k} {v}" for k, v in problems.items()),
            "detail": {"problems": problems},
        },
        status=400,
    )


def not_found(what: str) -> HttpResponse:
    return answer({"message": f"There is no {what} with that id.", "detail": {}}, status=404)


def _paged(
    request: HttpRequest,
    query: FeedQuery | None,
    rows: QuerySet[Any],
    shape: Callable[[Any], Answer],
) -> HttpResponse:
    """One page of `rows`, each as `shape` gives it (`query` already checked, or None to check
    the paging parameters here)."""
    if query is None:
        try:
            query = feed_query(request.GET)
        except BadQuery as bad:
            return bad_query(bad.problems)
    total = rows.count()
    start = (query.page - 1) * query.per_page
    items = [shape(r) for r in rows[start : start + query.per_page]] if start < total else []
    return answer(write.page(items, total=total, page_number=query.page, per_page=query.per_page))


class Paging(Schema):
    """Which page (from 1) and how many on it (up to 500; 50 when not given). Checked by
    `feed_query`, so that a bad value is a 400 in words, as the UK profile asks."""

    page: str | None = None
    per_page: str | None = None


class ServiceFilters(Schema):
    """The UK profile's filters of /services (each optional; they combine as AND)."""

    search: str | None = None
    page: str | None = None
    per_page: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: str | None = None
    maximum_age: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    day: str | None = None
    modified_after: str | None = None


class AtLocationFilters(ServiceFilters):
    postcode: str | None = None
    proximity: str | None = None


OK = {200: dict[str, Any], 400: dict[str, Any]}
ONE = {200: dict[str, Any], 404: dict[str, Any]}


@router.get("/", auth=None, summary="What this API is", response={200: dict[str, Any]})
def index(request: HttpRequest) -> HttpResponse:
    return answer(
        {
            "version": write.VERSION,
            "profile": "https://openreferraluk.org/",
            "openapi_url": request.build_absolute_uri("/api/openapi.json"),
        }
    )


@router.get("/services", auth=None, summary="Services, a page at a time", response=OK)
def services(request: HttpRequest, filters: Query[ServiceFilters]) -> HttpResponse:
    try:
        query = feed_query(request.GET)
    except BadQuery as bad:
        return bad_query(bad.problems)
    rows = selectors.feed_services(query)
    total = rows.count()
    start = (query.page - 1) * query.per_page
    # The page's ids from the name index alone, then those services whole: far quicker than
    # reading every service to skip to a page far down the list.
    ids = (
        list(rows.values_list("id", flat=True)[start : start + query.per_page])
        if start < total
        else []
    )
    shown = {s.id: s for s in selectors.feed_services_by_id(ids).select_related("organisation")}
    items = [write.service_in_list(shown[i]) for i in ids]
    return answer(write.page(items, total=total, page_number=query.page, per_page=query.per_page))


@router.get("/services/{service_id}", auth=None, summary="One service, whole", response=ONE)
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    try:
        found = selectors.service_whole(service_id)
    except NotFound:
        return not_found("service")
    return answer(write.service(found))


@router.get(
    "/service_at_locations",
    auth=None,
    summary="Services at their locations, a page at a time",
    response=OK,
)
def services_at_locations(request: HttpRequest, filters: Query[AtLocationFilters]) -> HttpResponse:
    try:
        query = feed_query(request.GET, postcodes=True)
    except BadQuery as bad:
        return bad_query(bad.problems)
    point = None
    if query.postcode:
        point = selectors.postcode_point(query.postcode)
        if point is None:
            return bad_query(
                {"postcode": f"is not in this directory's postcodes: check {query.postcode}"}
            )
    return _paged(
        request,
        query,
        selectors.feed_services_at_locations(query, point),
        lambda at: write.service_at_location(at, with_service=True),
    )


@router.get(
    "/service_at_locations/{at_id}", auth=None, summary="One service at a location", response=ONE
)
def service_at_location(request: HttpRequest, at_id: str) -> HttpResponse:
    at = _one(selectors.feed_services_at_locations_whole(), at_id)
    if at is None:
        return not_found("service at a location")
    return answer(write.service_at_location(at, with_service=True))


@router.get("/organizations", auth=None, summary="Organisations, a page at a time", response=OK)
def organisations(request: HttpRequest, paging: Query[Paging]) -> HttpResponse:
    return _paged(request, None, selectors.feed_organisations(), write.organisation)


@router.get("/organizations/{organisation_id}", auth=None, summary="One organisation", response=ONE)
def organisation(request: HttpRequest, organisation_id: str) -> HttpResponse:
    found = _one(selectors.feed_organisations(), organisation_id, field="directory_id")
    if found is None:
        return not_found("organisation")
    body = write.organisation(found)
    body["services"] = [
        write.clean({"id": s.id, "name": s.name, "status": s.status})
        for s in found.services.order_by("name", "id")
    ]
    return answer(body)


@router.get("/taxonomies", auth=None, summary="Taxonomies, a page at a time", response=OK)
def taxonomies(request: HttpRequest, paging: Query[Paging]) -> HttpResponse:
    return _paged(request, None, selectors.feed_taxonomies(), write.taxonomy)


@router.get("/taxonomies/{taxonomy_id}", auth=None, summary="One taxonomy", response=ONE)
def taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    found = _one(selectors.feed_taxonomies(with_terms=True), taxonomy_id)
    if found is None:
        return not_found("taxonomy")
    return answer(write.taxonomy(found, terms=list(found.terms.all())))


@router.get("/taxonomy_terms", auth=None, summary="Taxonomy terms, a page at a time", response=OK)
def taxonomy_terms(request: HttpRequest, paging: Query[Paging]) -> HttpResponse:
    return _paged(request, None, selectors.feed_taxonomy_terms(), write.taxonomy_term)


@router.get("/taxonomy_terms/{term_id}", auth=None, summary="One taxonomy term", response=ONE)
def taxonomy_term(request: HttpRequest, term_id: str) -> HttpResponse:
    found = _one(selectors.feed_taxonomy_terms(), term_id)
    if found is None:
        return not_found("taxonomy term")
    return answer(write.taxonomy_term(found))


def _one(rows: QuerySet[Any], key: str, *, field: str = "pk") -> Any:
    try:
        value = uuid.UUID(key)
    except ValueError:
        return None
    return rows.filter(**{field: value}).first()
