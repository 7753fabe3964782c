"""Reads of the directory: the search people use, the Open Referral UK feed's lists, and what a user
may change. The directory is public: nothing here reads a person's record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from livingwell.core.errors import NotFound
from livingwell.network import geography
from livingwell.network.models import (
    EntryChange,
    Language,
    Organisation,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from livingwell.network.opening import day_code
from livingwell.network.taxonomies import LIFE_DOMAINS_TAXONOMY, SUPPORT_KINDS_TAXONOMY
from livingwell.network.words import Understood, understand

# What a whole service reads in one go (its page, the feed's /services/{id}, the export).
SERVICE_FULL = (
    "schedules",
    "service_areas",
    "at_locations__location__addresses",
    "at_locations__location__accessibility",
    "at_locations__location__phones__languages",
    "at_locations__schedules",
    "languages",
    "cost_options",
    "contacts__phones__languages",
    "phones__languages",
    "terms__taxonomy_term",
)


def check_after() -> dt.timedelta:
    """How long an entry stays trusted before it goes on the "needs checking" list."""
    return dt.timedelta(days=settings.DIRECTORY_CHECK_AFTER_DAYS)


def service_whole(service_id: uuid.UUID | str) -> Service:
    try:
        key = uuid.UUID(str(service_id))
    except ValueError:
        raise NotFound("There is no service with that id.") from None
    found = (
        Service.objects.select_related("organisation")
        .prefetch_related(*SERVICE_FULL)
        .filter(pk=key)
        .first()
    )
    if found is None:
        raise NotFound("There is no service with that id.")
    return found


def postcode_point(written: str) -> tuple[float, float] | None:
    """Where a postcode is, from the loaded postcode directory (None if it is not there)."""
    found = Postcode.objects.filter(postcode=written).values_list("latitude", "longitude").first()
    return (found[0], found[1]) if found else None


def open_schedules(moment: dt.datetime) -> QuerySet[Schedule]:
    """The schedules open at `moment` (local time): weekly, in force that day, naming that day,
    and between their opening and closing times (`network.opening.open_at`, in the database)."""
    day, time = moment.date(), moment.time()
    return Schedule.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        freq__iexact="WEEKLY",
        byday__contains=day_code(day),
        opens_at__lte=time,
        closes_at__gt=time,
    )


def open_now_q(moment: dt.datetime) -> Q:
    """Services open at `moment`: by a schedule of their own or of one of their places. (Two
    EXISTS, not one with an OR across the join, so that each can use its index.)"""
    schedules = open_schedules(moment)
    return Q(Exists(schedules.filter(service=OuterRef("pk")))) | Q(
        Exists(schedules.filter(service_at_location__service=OuterRef("pk")))
    )


def _with_term(term_ids: list[uuid.UUID]) -> Q:
    """Services with any of the terms (from the copy of their terms the search reads)."""
    return Q(search_terms__has_any_keys=[str(t) for t in term_ids])


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words_q(words: tuple[str, ...]) -> tuple[Q, Any]:
    """Services whose words hold any of `words`, and (on PostgreSQL) how well they match.
    PostgreSQL's own full-text search (English stemming: "gardening" finds "garden"), through the
    index of migration 0005; elsewhere, each word anywhere in the text."""
    if _postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(words[0], config="english", search_type="plain")
        for word in words[1:]:
            query |= SearchQuery(word, config="english", search_type="plain")
        vector = SearchVector("search_text", config="english")
        return Q(search_words=query), (vector, SearchRank(vector, query, normalization=32))
    q = Q()
    for word in words:
        q |= Q(search_text__icontains=word)
    return q, None


@dataclass(frozen=True)
class Search:
    """What someone asked the directory for."""

    words: str = ""
    domains: tuple[str, ...] = ()  # life domains the service must help with (any of them)
    postcode: str = ""
    within_miles: float = 3.0
    open_now: bool = False
    language: str = ""
    free: bool = False
    step_free: bool = False


@dataclass
class Found:
    """One service found, with what the list says of it."""

    service: Service
    km: float | None
    open_now: bool
    score: float = 0.0


@dataclass
class Results:
    search: Search
    understood: Understood
    found: list[Found]
    total: int
    page: int
    pages: int
    point: tuple[float, float] | None = None
    problems: dict[str, str] = field(default_factory=dict)
    # When more matched than are ranked (CANDIDATES), the total is "more than" this.
    more: bool = False


def _one_or_zero(q: Q) -> Case:
    return Case(When(q, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


PER_PAGE = 20
# At most this many matches are ranked: near a postcode, the nearest of them.
CANDIDATES = 200
# How results are sorted, highest score first: how well they match (a point for each kind of support
# asked for, and up to 4 for the words), a point for being open now, half a point each for being free
# and recently checked, and up to 2 points less the further away they are (by the square of the
# distance, so the nearest few differ little).
OPEN_WEIGHT, FREE_WEIGHT, CHECKED_WEIGHT, EDGE_PENALTY, WORDS_WEIGHT = 1.0, 0.5, 0.5, 2.0, 4.0


def _matching(
    search: Search, understood: Understood, now: dt.datetime
) -> tuple[QuerySet[Service], Any]:
    """The services that match, and how to score how well each matches its words and needs."""
    services: QuerySet[Service] = Service.objects.filter(status=ServiceStatus.ACTIVE)
    relevance: Any = Value(0.0)
    if not understood.empty:
        match = Q()
        if understood.kinds:
            kind_ids = [SUPPORT_KINDS_TAXONOMY.term_id(k) for k in understood.kinds]
            match |= _with_term(kind_ids)
            relevance = Coalesce(
                Subquery(
                    ServiceTerm.objects.filter(
                        service=OuterRef("pk"), taxonomy_term_id__in=kind_ids
                    )
                    .values("service")
                    .annotate(n=Count("*"))
                    .values("n")[:1],
                    output_field=FloatField(),
                ),
                0.0,
            )
        words = understood.to_look_for
        if words:
            words_q, ranked = _words_q(words)
            if ranked is not None:
                vector, rank = ranked
                services = services.annotate(search_words=vector)
                relevance = relevance + rank * WORDS_WEIGHT
            match |= words_q
        services = services.filter(match)
    if search.domains:
        services = services.filter(
            _with_term([LIFE_DOMAINS_TAXONOMY.term_id(d) for d in search.domains])
        )
    if search.language:
        services = services.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=search.language))
        )
    if search.free:
        services = services.filter(free=True)
    if search.step_free:
        services = services.filter(
            Exists(
                ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__step_free=True)
            )
        )
    if search.open_now:
        services = services.filter(open_now_q(now))
    return services, relevance


def _square_km(point: tuple[float, float]) -> ExpressionWrapper[Any]:
    """How far a service at a place is from the point, in squared kilometres on a flat map around
    it: close enough across a borough or a care system, and arithmetic every database has."""
    lat, lon = point
    kx = geography.km_per_degree_of_longitude(lat)
    ky = geography.KM_PER_DEGREE
    return ExpressionWrapper(
        (F("latitude") - lat) * ky * (F("latitude") - lat) * ky
        + (F("longitude") - lon) * kx * (F("longitude") - lon) * kx,
        output_field=FloatField(),
    )


def _in_reach(
    places: QuerySet[ServiceAtLocation], point: tuple[float, float], km: float
) -> QuerySet[Any, Any]:
    """`places` within `km` of the point, by service, each service with its nearest place's
    squared distance in km (the box first, which the index of the places' coordinates reads)."""
    south, north, west, east = geography.box_around(point[0], point[1], km)
    return (
        places.filter(latitude__range=(south, north), longitude__range=(west, east))
        .values("service")
        .annotate(nearest=Min(_square_km(point)))
        .filter(nearest__lte=km * km)
    )


def _candidates(
    services: QuerySet[Service],
    relevance: Any,
    point: tuple[float, float],
    km: float,
    now: dt.datetime,
) -> list[tuple[uuid.UUID, float, str, bool, dt.datetime | None, float, bool]]:
    """The nearest matching services within `km` of the point (at most CANDIDATES + 1), each with
    what ranks it: its nearest place's squared distance, its name, whether it is free, when it was
    last checked, how well it matches and whether it is open now. One statement: the nearest are
    chosen first, and only they are scored."""
    places = ServiceAtLocation.objects.all()
    nearest = _in_reach(places.filter(service__in=services.values("pk")), point, km)
    weekly = open_schedules(now)
    rows = (
        Service.objects.filter(
            pk__in=nearest.order_by("nearest", "service").values("service")[: CANDIDATES + 1]
        )
        .annotate(
            nearest=Subquery(
                _in_reach(places.filter(service=OuterRef("pk")), point, km).values("nearest"),
                output_field=FloatField(),
            ),
            relevance=relevance,
            # Whether it is open: an open schedule of its own or of one of its places, each looked
            # up by its index for each of these few services. (As scalar subqueries: PostgreSQL
            # would answer an EXISTS by reading every schedule once, which costs more here.)
            open_own=Subquery(weekly.filter(service=OuterRef("pk")).values("pk")[:1]),
            open_at_a_place=Subquery(
                weekly.filter(service_at_location__service=OuterRef("pk")).values("pk")[:1]
            ),
        )
        .order_by()
        .values_list(
            "pk",
            "nearest",
            "name",
            "free",
            "last_checked_at",
            "relevance",
            "open_own",
            "open_at_a_place",
        )
    )
    return [
        (pk, away, name, free, checked_at, match, own is not None or at_a_place is not None)
        for pk, away, name, free, checked_at, match, own, at_a_place in rows
    ]


def directory_search(search: Search, *, page: int = 1, now: dt.datetime | None = None) -> Results:
    """The directory's search, for people without an account and for the team alike.

    In two steps, so that it stays quick however many services match: the services that match, with
    what ranks them (near a postcode, the nearest CANDIDATES of them, in one statement), then those
    ranked and one page of them read."""
    now = timezone.localtime(now or timezone.now())
    understood = understand(search.words)
    point = None
    if search.postcode.strip():
        written = geography.postcode_written(search.postcode)
        point = postcode_point(written) if written else None
        if point is None:
            typed = written or search.postcode.strip()[:12]
            problem = f"We could not find {typed}. Check it, or search without a postcode."
            return Results(search, understood, [], 0, 1, 1, None, {"postcode": problem})

    services, relevance = _matching(search, understood, now)
    away: dict[uuid.UUID, float] = {}
    more = False
    checked_since = now - check_after()
    ranked = []
    if point is not None:
        km = search.within_miles * geography.KM_PER_MILE
        candidates = sorted(
            _candidates(services, relevance, point, km, now), key=lambda row: (row[1], row[0])
        )
        more = len(candidates) > CANDIDATES
        for pk, nearest, name, free, checked_at, match, is_open in candidates[:CANDIDATES]:
            away[pk] = nearest
            recently = checked_at is not None and checked_at >= checked_since
            score = (
                match
                + is_open * OPEN_WEIGHT
                + free * FREE_WEIGHT
                + recently * CHECKED_WEIGHT
                - nearest * (EDGE_PENALTY / (km * km))
            )
            ranked.append((-score, name, pk, bool(is_open)))
    else:
        # No distance to bound it: rank every match in the database, the best CANDIDATES of them.
        scored = (
            services.annotate(
                relevance=relevance,
                is_open=_one_or_zero(open_now_q(now)),
                recently=_one_or_zero(Q(last_checked_at__gte=checked_since)),
            )
            .annotate(
                score=F("relevance")
                + F("is_open") * OPEN_WEIGHT
                + _one_or_zero(Q(free=True)) * FREE_WEIGHT
                + F("recently") * CHECKED_WEIGHT
            )
            .values_list("pk", "name", "score", "is_open")
            .order_by("-score", "name", "pk")[: CANDIDATES + 1]
        )
        ranked = [(-score, name, pk, bool(is_open)) for pk, name, score, is_open in scored]
    if point is None and len(ranked) > CANDIDATES:
        ranked, more = ranked[:CANDIDATES], True
    ranked.sort()
    total = len(ranked)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    shown = ranked[(page - 1) * PER_PAGE : page * PER_PAGE]
    rows = {
        s.pk: s
        for s in Service.objects.filter(pk__in=[r[2] for r in shown])
        .defer("search_text")
        .select_related("organisation")
        .prefetch_related(
            "schedules",
            Prefetch(
                "at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__addresses", "schedules"
                ),
            ),
        )
    }
    found = [
        Found(
            service=rows[pk],
            km=away[pk] ** 0.5 if pk in away else None,
            open_now=is_open,
            score=-negative,
        )
        for negative, _, pk, is_open in shown
    ]
    return Results(search, understood, found, total, page, pages, point, {}, more)


def needs_checking(user: Any, *, now: dt.datetime | None = None) -> QuerySet[Service]:
    """The entries `user` may change that nobody has checked for longer than the directory trusts
    them, oldest first."""
    since = (now or timezone.now()) - check_after()
    return (
        Service.objects.filter(Q(last_checked_at__lt=since) | Q(last_checked_at__isnull=True))
        .filter(organisation__in=editable_organisations(user))
        .exclude(status=ServiceStatus.DEFUNCT)
        .select_related("organisation")
        .order_by(F("last_checked_at").asc(nulls_first=True), "name")
    )


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose entries `user` may change: staff any, a partner's member their own,
    anyone else none."""
    editor = directory_editor(user)
    if editor == "staff":
        return Organisation.objects.all()
    if editor == "partner":
        return Organisation.objects.filter(pk=user.organisation_member.organisation_id)
    return Organisation.objects.none()


def editable_service(user: Any, service_id: uuid.UUID | str) -> Service:
    """A service `user` may change, or "not found" (the same for one that is not there and one
    that is another organisation's)."""
    try:
        key = uuid.UUID(str(service_id))
    except ValueError:
        raise NotFound("There is no service with that id.") from None
    found = (
        Service.objects.filter(pk=key, organisation__in=editable_organisations(user))
        .select_related("organisation")
        .prefetch_related(*SERVICE_FULL)
        .first()
    )
    if found is None:
        raise NotFound("There is no service with that id.")
    return found


# The Open Referral UK feed's lists.


def _feed_filters(services: QuerySet[Service], q: Any) -> QuerySet[Service]:
    """The UK profile's filters of a list of services, all of them at once (AND)."""
    if q.search:
        words = tuple(understand(q.search).words) or tuple(q.search.split()[:12])
        words_q, ranked = _words_q(words)
        if ranked is not None:
            services = services.annotate(search_words=ranked[0])
        services = services.filter(words_q)
    if q.taxonomy_term_id:
        services = services.filter(
            Exists(
                ServiceTerm.objects.filter(
                    service=OuterRef("pk"), taxonomy_term_id=q.taxonomy_term_id
                )
            )
        )
    if q.taxonomy_id:
        services = services.filter(
            Exists(
                ServiceTerm.objects.filter(
                    service=OuterRef("pk"), taxonomy_term__taxonomy_id=q.taxonomy_id
                )
            )
        )
    if q.organization_id:
        services = services.filter(organisation__directory_id=q.organization_id)
    if q.minimum_age is not None:
        services = services.filter(minimum_age__gte=q.minimum_age)
    if q.maximum_age is not None:
        services = services.filter(maximum_age__lte=q.maximum_age)
    if q.day or q.start_time or q.end_time:
        times: dict[str, Any] = {}
        if q.day:
            times["byday__contains"] = q.day
        if q.start_time:
            times["opens_at__gte"] = q.start_time
        if q.end_time:
            times["closes_at__lte"] = q.end_time
        services = services.filter(
            Exists(Schedule.objects.filter(service=OuterRef("pk"), **times))
            | Exists(Schedule.objects.filter(service_at_location__service=OuterRef("pk"), **times))
        )
    if q.modified_after:
        services = services.filter(last_modified__gte=q.modified_after)
    return services


def feed_services(q: Any) -> QuerySet[Service]:
    return _feed_filters(Service.objects.defer("search_text"), q).order_by("name", "id")


def feed_services_by_id(ids: list[uuid.UUID]) -> QuerySet[Service]:
    return Service.objects.defer("search_text").filter(pk__in=ids)


def feed_service_ids(q: Any) -> QuerySet[Service]:
    return _feed_filters(Service.objects.all(), q)


def feed_services_at_locations(
    q: Any, point: tuple[float, float] | None
) -> QuerySet[ServiceAtLocation]:
    services = feed_service_ids(q).values("pk")
    at = ServiceAtLocation.objects.filter(service__in=services)
    if point is not None and q.proximity is not None:
        # Within `proximity` metres of the postcode's centre: the box around it, then the circle.
        km = q.proximity / 1000
        south, north, west, east = geography.box_around(point[0], point[1], km)
        at = (
            at.filter(latitude__range=(south, north), longitude__range=(west, east))
            .annotate(square_km=_square_km(point))
            .filter(square_km__lte=km * km)
        )
    return _at_whole(at).order_by("service__name", "id")


def directory_editor(user: Any) -> str:
    """What `user` may change in the directory: "staff" (any entry), "partner" (their own
    organisation's) or "" (nothing). Signed in with their second factor, as for anything else they
    do (the access policy's rule; the directory holds no one's record, so it is not that door)."""
    verified = getattr(user, "is_verified", lambda: False)()
    if not getattr(user, "is_authenticated", False) or not user.is_active or not verified:
        return ""
    if hasattr(user, "staff_member"):
        return "staff"
    if getattr(user, "organisation_member", None) is not None:
        return "partner"
    return ""


def changes_of(service: Service, *, limit: int = 20) -> list[EntryChange]:
    return list(service.changes.order_by("-at", "-id")[:limit])


def own_services(user: Any) -> list[Service]:
    """A partner's member's own organisation's services, by name."""
    return list(
        Service.objects.filter(organisation__in=editable_organisations(user))
        .select_related("organisation")
        .order_by("name", "id")[:200]
    )


def _at_whole(rows: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
    """Services at locations with what the feed says of each read in one go."""
    return rows.select_related("service__organisation", "location").prefetch_related(
        "location__addresses", "location__accessibility", "location__phones", "schedules"
    )


def feed_services_at_locations_whole() -> QuerySet[ServiceAtLocation]:
    return _at_whole(ServiceAtLocation.objects.all())


def feed_organisations() -> QuerySet[Organisation]:
    """The organisations the feed lists: those with a service in the directory."""
    return Organisation.objects.filter(services__isnull=False).distinct().order_by("name", "id")


def feed_taxonomies(*, with_terms: bool = False) -> QuerySet[Taxonomy]:
    taxonomies = Taxonomy.objects.order_by("name", "id")
    if with_terms:
        taxonomies = taxonomies.prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.order_by("name", "id"))
        )
    return taxonomies


def feed_taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.order_by("name", "id")
