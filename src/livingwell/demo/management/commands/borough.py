"""`livingwell borough`: load a synthetic borough into an empty database, for demos and benchmarks.

    livingwell borough --people 2000 --seed 42

The same seed and --today always load the same borough, down to the staff's authenticator keys, so a
demo can be given twice. Only synthetic data: see livingwell.synthetic.borough.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.access.models import AccessLogEntry
from livingwell.codes.record import AccessAction
from livingwell.demo import warm_introductions as demo_warm_introductions
from livingwell.frontdoor.models import Conversation, Introduction
from livingwell.measures.models import Answer, GoalRating, Measure, Timepoint
from livingwell.network.models import Organisation, OrganisationMember
from livingwell.network.services import postcodes_load, synthetic_directory_load
from livingwell.people.models import CircleMember, Person, SharingChoice, SupportPeriod
from livingwell.plans.models import DomainEntry, Goal, Plan, PlanVersion
from livingwell.synthetic import directory as synthetic_directory
from livingwell.synthetic.borough import (
    DEMO_PARTNER,
    DEMO_PASSWORD,
    DEMO_STAFF,
    AnswerRow,
    Borough,
    CircleMemberRow,
    ConversationRow,
    DomainEntryRow,
    GoalRatingRow,
    GoalRow,
    IntroductionRow,
    MeasureRow,
    OrganisationRow,
    PersonRow,
    PlanRow,
    SupportPeriodRow,
    make_borough,
)
from livingwell.team.models import StaffMember, Team

BATCH = 5000
LOADER = "Synthetic borough loader"


class ProgressBar:
    """`people        [##########....................] 52,000/100,000` on stderr.

    Redrawn in place on a terminal; elsewhere (a log, a pipe) written once, when the table is done.
    """

    def __init__(self, *, stream: OutputWrapper, label: str, total: int, enabled: bool) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.enabled = enabled
        self.live = enabled and stream.isatty()

    def _line(self, done: int) -> str:
        filled = 30 * done // self.total if self.total else 30
        return f"{self.label:<14}[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,}"

    def _write(self, text: str) -> None:
        self.stream.write(text, style_func=str, ending="")  # plain, not in the error colour
        self.stream.flush()

    def show(self, done: int) -> None:
        if self.live:
            self._write("\r" + self._line(done))

    def done(self) -> None:
        if self.enabled:
            self._write(("\r" if self.live else "") + self._line(self.total) + "\n")


@dataclass(frozen=True)
class Table:
    """What goes into one table: the model, its columns (attribute names) and the rows, in order."""

    label: str
    model: type[models.Model]
    columns: tuple[str, ...]
    rows: Iterable[tuple[Any, ...]]
    count: int


class Command(BaseCommand):
    help = (
        "Load a synthetic borough (teams, staff, people, introductions, conversations, support, "
        "plans, circles of support, sharing choices, partner organisations, measures) into an "
        "empty database, then print the demo sign-ins. Synthetic data only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=2000, help="How many people (2000).")
        parser.add_argument("--seed", type=int, default=42, help="The random seed (42).")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="The day the borough is as of, YYYY-MM-DD (today).",
        )
        parser.add_argument(
            "--services",
            type=int,
            default=300,
            help="How many services in the directory of support (300).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="If there are teams already, load nothing and just print the demo sign-ins.",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="No progress bar or counts: only the sign-ins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        people: int = options["people"]
        seed: int = options["seed"]
        today: dt.date = options["today"] or timezone.localdate()
        quiet: bool = options["quiet"]
        if people < 0:
            raise CommandError("--people must be 0 or more.")
        if Team.objects.exists():
            if options["if_empty"]:
                if not quiet:
                    self.stdout.write("There are teams in this database already: nothing loaded.")
                self.print_sign_ins()
                return
            raise CommandError(
                "There are teams in this database already. Load into an empty database, "
                "or add --if-empty to leave it as it is."
            )

        started = time.perf_counter()
        borough = make_borough(seed=seed, today=today, people=people)
        generated = time.perf_counter() - started
        with transaction.atomic():
            self.load(borough, quiet=quiet)
            postcodes = postcodes_load(synthetic_directory.postcodes(seed))
            partners = [
                (o.directory_id, o.name, o.kind) for o in Organisation.objects.order_by("name")
            ]
            services = synthetic_directory_load(
                [
                    *synthetic_directory.partner_directory(partners, seed=seed),
                    *synthetic_directory.directory(services=options["services"], seed=seed),
                ],
                city=synthetic_directory.CITY,
                county=synthetic_directory.COUNTY,
            )
            warm = demo_warm_introductions.load(seed=seed, demo_person_id=borough.demo_person_id)
        loaded = time.perf_counter() - started
        if not quiet:
            self.stdout.write(
                f"Loaded a synthetic borough (seed {seed}, as of {today.isoformat()}): "
                f"{len(borough.teams)} teams, {len(borough.staff)} staff, "
                f"{len(borough.people):,} people, {len(borough.introductions):,} introductions, "
                f"{len(borough.conversations):,} conversations, "
                f"{len(borough.support_periods):,} support periods, {len(borough.plans):,} plans "
                f"with {len(borough.goals):,} goals, {len(borough.circle_members):,} people in "
                f"circles of support, {len(borough.sharing_choices):,} sharing choices, "
                f"{len(borough.measures):,} measures (with {len(borough.answers):,} answers and "
                f"{len(borough.goal_ratings):,} goal ratings), "
                f"{len(borough.organisations)} partner organisations, {services:,} services in the "
                f"directory, {warm:,} warm introductions and {postcodes:,} postcodes, in "
                f"{loaded:.1f} s "
                f"({generated:.1f} s to make it up)."
            )
        self.print_sign_ins()

    # Loading.

    def load(self, borough: Borough, *, quiet: bool) -> None:
        copying = connection.vendor == "postgresql"
        write: Callable[[Table, ProgressBar], None] = _copy_rows if copying else _insert_rows
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
        self.load_teams_and_staff(borough, password)
        now = timezone.now()
        for table in _tables(borough, now=now, json_as_text=copying):
            progress = ProgressBar(
                stream=self.stderr, label=table.label, total=table.count, enabled=not quiet
            )
            write(table, progress)
            progress.done()
        _measured_on_set()
        self.load_demo_accounts(borough, password)
        models_with_ids: list[type[models.Model]] = [
            Team,
            StaffMember,
            Person,
            Conversation,
            Introduction,
            SupportPeriod,
            Organisation,
            OrganisationMember,
            Plan,
            DomainEntry,
            Goal,
            PlanVersion,
            CircleMember,
            SharingChoice,
            Measure,
            Answer,
            GoalRating,
        ]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_with_ids):
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                # Until autovacuum comes round, the new rows have no statistics and the planner
                # would guess badly: analyze the tables once everything is in.
                loaded: list[type[models.Model]] = [*models_with_ids, AccessLogEntry]
                tables = [m._meta.db_table for m in loaded]
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))

    def load_teams_and_staff(self, borough: Borough, password: str) -> None:
        user_model = get_user_model()
        usernames = [s.username for s in borough.staff]
        every_username = usernames + [username for username, *_ in _demo_accounts(borough)]
        taken = sorted(
            user_model.objects.filter(username__in=every_username).values_list(
                "username", flat=True
            )
        )
        if taken:
            raise CommandError(f"These usernames are taken already: {', '.join(taken)}.")
        Team.objects.bulk_create(
            Team(
                id=t.id,
                name=t.name,
                area=t.area,
                postcode_districts=", ".join(t.postcode_districts),
            )
            for t in borough.teams
        )
        users = []
        for s in borough.staff:
            first_name, _, last_name = s.name.partition(" ")
            users.append(
                user_model(
                    username=s.username,
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                    is_active=True,
                )
            )
        user_model.objects.bulk_create(users)
        user_ids = dict(
            user_model.objects.filter(username__in=usernames).values_list("username", "id")
        )
        StaffMember.objects.bulk_create(
            StaffMember(
                id=s.id, user_id=user_ids[s.username], team_id=s.team_id, role=s.role, name=s.name
            )
            for s in borough.staff
        )
        TOTPDevice.objects.bulk_create(
            TOTPDevice(
                user_id=user_ids[s.username],
                name="Authenticator app",
                confirmed=True,
                key=s.totp_key,
            )
            for s in borough.staff
        )

    def load_demo_accounts(self, borough: Borough, password: str) -> None:
        """Accounts for the demo's person, their carer and a partner organisation's member, so that
        every side of the record can be tried."""
        user_model = get_user_model()
        users = {
            username: user_model.objects.create(
                username=username,
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                is_active=True,
            )
            for username, email, first_name, last_name in _demo_accounts(borough)
        }
        if borough.demo_person_id is not None:
            person = borough.people[borough.demo_person_id - 1]
            Person.objects.filter(pk=person.id).update(user=users[person.email])
        if borough.demo_carer_id is not None:
            carer = borough.circle_members[borough.demo_carer_id - 1]
            CircleMember.objects.filter(pk=carer.id).update(user=users[carer.email])
        for member in borough.organisation_members:
            user = users[member.username]
            OrganisationMember.objects.create(
                id=member.id,
                user=user,
                organisation_id=member.organisation_id,
                name=member.name,
                job=member.job,
            )
            TOTPDevice.objects.create(
                user=user, name="Authenticator app", confirmed=True, key=member.totp_key
            )

    # The demo sign-ins.

    def print_sign_ins(self) -> None:
        usernames = [username for username, _, _, shown in DEMO_STAFF if shown]
        members = {
            m.user.username: m
            for m in StaffMember.objects.select_related("user", "team").filter(
                user__username__in=usernames
            )
        }
        devices = {
            d.user_id: d
            for d in TOTPDevice.objects.select_related("user").filter(
                user__username__in=usernames, confirmed=True
            )
        }
        if not members:
            self.stdout.write("There are no demo staff in this database.")
            return
        self.stdout.write("")
        self.stdout.write(
            f"Demo sign-ins (synthetic accounts only). Password for each: {DEMO_PASSWORD}"
        )
        self.stdout.write("")
        self.stdout.write("The team signs in at /staff/sign-in/, then with a security code:")
        for username in usernames:
            member = members.get(username)
            if member is None:
                continue
            self.stdout.write("")
            self.stdout.write(
                f"  {username:<8} {member.name}, {member.get_role_display()}, {member.team.name}"
            )
            device = devices.get(member.user_id)
            if device is not None:
                self.stdout.write(f"           {device.config_url}")
        self.stdout.write("")
        self.stdout.write("Get the current security code with: livingwell security-code USERNAME")
        self.print_person_and_carer_sign_ins()
        self.print_partner_sign_ins()

    def print_person_and_carer_sign_ins(self) -> None:
        # The loader's person account is the first whose username is their email.
        person = (
            Person.objects.select_related("team")
            .filter(user__isnull=False, user__username=F("email"))
            .order_by("pk")
            .first()
        )
        if person is None:
            return
        carer = (
            CircleMember.objects.filter(
                person=person, is_carer=True, user__isnull=False, user__username=F("email")
            )
            .order_by("pk")
            .first()
        )
        self.stdout.write("")
        self.stdout.write(
            "A person and their carer sign in at /sign-in/ with their email and the password "
            "(no security code):"
        )
        self.stdout.write("")
        self.stdout.write(f"  {person.email}")
        self.stdout.write(
            f"           {person.name}, supported by {person.team.name}: sees their whole record "
            "and changes their plan"
        )
        if carer is not None:
            choice = SharingChoice.objects.filter(circle_member=carer).first()
            shared = ", ".join(choice.parts) if choice and choice.parts else "nothing yet"
            self.stdout.write("")
            self.stdout.write(f"  {carer.email}")
            self.stdout.write(
                f"           {carer.name}, carer ({carer.get_relationship_display()}) of "
                f"{person.name}: sees what {person.given_name} shares ({shared})"
            )

    def print_partner_sign_ins(self) -> None:
        username = DEMO_PARTNER[0]
        partner = (
            OrganisationMember.objects.select_related("user", "organisation")
            .filter(user__username=username)
            .first()
        )
        if partner is None:
            return
        device = TOTPDevice.objects.filter(user=partner.user, confirmed=True).order_by("pk").first()
        self.stdout.write("")
        self.stdout.write(
            "A partner organisation's member signs in at /staff/sign-in/, then with a security code "
            f"(livingwell security-code {username}):"
        )
        self.stdout.write("")
        self.stdout.write(
            f"  {username:<8} {partner.description}: sees what people share with the organisation"
        )
        if device is not None:
            self.stdout.write(f"           {device.config_url}")


def _demo_accounts(borough: Borough) -> list[tuple[str, str, str, str]]:
    """The demo's accounts besides the staff: (username, email, first name, last name)."""
    accounts = []
    if borough.demo_person_id is not None:
        person = borough.people[borough.demo_person_id - 1]
        accounts.append((person.email, person.email, person.given_name, person.family_name))
    if borough.demo_carer_id is not None:
        carer = borough.circle_members[borough.demo_carer_id - 1]
        given, _, family = carer.name.partition(" ")
        accounts.append((carer.email, carer.email, given, family))
    for member in borough.organisation_members:
        given, _, family = member.name.partition(" ")
        accounts.append((member.username, "", given, family))
    return accounts


def _tables(borough: Borough, *, now: dt.datetime, json_as_text: bool) -> list[Table]:
    """Every table after teams and staff, in an order that keeps foreign keys satisfied.

    JSON columns go to COPY as JSON text (PostgreSQL parses it into jsonb), and to bulk_create as
    Python lists and dicts.
    """
    as_json: Callable[[Any], Any] = _json_text if json_as_text else _same

    def rows_of(rows: Sequence[object], *extra: object) -> Iterator[tuple[Any, ...]]:
        if not rows:
            return
        values = attrgetter(*_fields(type(rows[0])))  # a tuple of the row's values, in order
        for row in rows:
            yield (*values(row), *extra)

    def organisations() -> Iterator[tuple[Any, ...]]:
        # Each with its directory id, the same for the same seed (made from its own id).
        for row, values in zip(borough.organisations, rows_of(borough.organisations), strict=True):
            directory_id = uuid.uuid5(synthetic_directory.NAMESPACE, f"partner/{row.id}")
            yield (*values, now, directory_id, "", "", "", "", now)

    def people() -> Iterator[tuple[Any, ...]]:
        return rows_of(borough.people, now, now)

    def access_log() -> Iterator[tuple[Any, ...]]:
        for person in borough.people:
            yield (
                person.id,
                None,
                LOADER,
                AccessAction.CREATE.value,
                "their record",
                "Loading synthetic data",
                now,
            )

    def plan_versions() -> Iterator[tuple[Any, ...]]:
        for v in borough.plan_versions:
            yield (
                v.id,
                v.plan_id,
                v.number,
                as_json(v.snapshot),
                v.changed_by_id,
                v.changed_by_description,
                v.summary,
                now,
            )

    def sharing_choices() -> Iterator[tuple[Any, ...]]:
        for c in borough.sharing_choices:
            yield (
                c.id,
                c.person_id,
                c.circle_member_id,
                c.organisation_id,
                as_json(list(c.parts)),
                c.decided_at,
                c.decided_by,
            )

    return [
        Table(
            "people",
            Person,
            (*_fields(PersonRow), "created_at", "updated_at"),
            people(),
            len(borough.people),
        ),
        Table(
            "conversations",
            Conversation,
            (*_fields(ConversationRow), "recorded_at"),
            rows_of(borough.conversations, now),
            len(borough.conversations),
        ),
        Table(
            "introductions",
            Introduction,
            _fields(IntroductionRow),
            rows_of(borough.introductions),
            len(borough.introductions),
        ),
        Table(
            "support",
            SupportPeriod,
            (*_fields(SupportPeriodRow), "created_at"),
            rows_of(borough.support_periods, now),
            len(borough.support_periods),
        ),
        Table(
            "organisations",
            Organisation,
            (
                *_fields(OrganisationRow),
                "created_at",
                "directory_id",
                "description",
                "email",
                "website",
                "charity_number",
                "last_modified",
            ),
            organisations(),
            len(borough.organisations),
        ),
        Table(
            "plans",
            Plan,
            (*_fields(PlanRow), "created_at", "updated_at"),
            rows_of(borough.plans, now, now),
            len(borough.plans),
        ),
        Table(
            "life domains",
            DomainEntry,
            _fields(DomainEntryRow),
            rows_of(borough.domain_entries),
            len(borough.domain_entries),
        ),
        Table(
            "goals",
            Goal,
            (*_fields(GoalRow), "created_at"),
            rows_of(borough.goals, now),
            len(borough.goals),
        ),
        Table(
            "plan versions",
            PlanVersion,
            (
                "id",
                "plan_id",
                "number",
                "snapshot",
                "changed_by_id",
                "changed_by_description",
                "summary",
                "changed_at",
            ),
            plan_versions(),
            len(borough.plan_versions),
        ),
        Table(
            "circles",
            CircleMember,
            (*_fields(CircleMemberRow), "created_at"),
            rows_of(borough.circle_members, now),
            len(borough.circle_members),
        ),
        Table(
            "sharing",
            SharingChoice,
            (
                "id",
                "person_id",
                "circle_member_id",
                "organisation_id",
                "parts",
                "decided_at",
                "decided_by",
            ),
            sharing_choices(),
            len(borough.sharing_choices),
        ),
        Table(
            "measures",
            Measure,
            (*_fields(MeasureRow), "created_at"),
            rows_of(borough.measures, now),
            len(borough.measures),
        ),
        Table(
            "answers",
            Answer,
            _fields(AnswerRow),
            rows_of(borough.answers),
            len(borough.answers),
        ),
        Table(
            "goal ratings",
            GoalRating,
            _fields(GoalRatingRow),
            rows_of(borough.goal_ratings),
            len(borough.goal_ratings),
        ),
        Table(
            "access log",
            AccessLogEntry,
            ("person_id", "actor_id", "actor_description", "action", "what", "why", "at"),
            access_log(),
            len(borough.people),
        ),
    ]


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _same(value: Any) -> Any:
    return value


def _fields(row_class: type[object]) -> tuple[str, ...]:
    return tuple(row_class.__dataclass_fields__)  # type: ignore[attr-defined]


def _batches(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert_rows(table: Table, progress: ProgressBar) -> None:
    """Any database: bulk_create in batches."""
    model, columns, done = table.model, table.columns, 0
    for batch in _batches(table.rows):
        model._default_manager.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in batch], batch_size=1000
        )
        done += len(batch)
        progress.show(done)


def _copy_rows(table: Table, progress: ProgressBar) -> None:
    """PostgreSQL: COPY through psycopg 3, many times faster than INSERT for a whole borough."""
    quote = connection.ops.quote_name
    meta = table.model._meta
    column_of = {f.attname: f.column or f.attname for f in meta.concrete_fields}
    columns = ", ".join(quote(column_of[c]) for c in table.columns)
    sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    done = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for batch in _batches(table.rows):
            for row in batch:
                copy.write_row(row)
            done += len(batch)
            progress.show(done)


def _measured_on_set() -> None:
    """Each period's last start or review measure, which the measures app keeps as it saves one
    (`SupportPeriod.measured_on`), for all the loaded ones at once."""
    last = (
        Measure.objects.filter(
            period=OuterRef("pk"), timepoint__in=[Timepoint.START, Timepoint.REVIEW]
        )
        .values("period")
        .annotate(last=Max("taken_on"))
        .values("last")[:1]
    )
    SupportPeriod.objects.update(measured_on=Subquery(last))
