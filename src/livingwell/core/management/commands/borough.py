"""`livingwell borough`: load a synthetic borough into an empty database, for demos and benchmarks.

    livingwell borough --people 2000 --seed 42

The same seed and --today always load the same borough, down to the staff's authenticator keys, so a
demo can be given twice. Only synthetic data: see livingwell.synthetic.borough.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from livingwell.access.models import AccessAction, AccessLogEntry
from livingwell.frontdoor.models import Conversation, Introduction
from livingwell.people.models import Person, SupportPeriod
from livingwell.synthetic.borough import (
    DEMO_PASSWORD,
    DEMO_STAFF,
    Borough,
    ConversationRow,
    IntroductionRow,
    PersonRow,
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
        "Load a synthetic borough (teams, staff, people, introductions, conversations, support) "
        "into an empty database, then print the demo sign-ins. Synthetic data only."
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
        loaded = time.perf_counter() - started
        if not quiet:
            self.stdout.write(
                f"Loaded a synthetic borough (seed {seed}, as of {today.isoformat()}): "
                f"{len(borough.teams)} teams, {len(borough.staff)} staff, "
                f"{len(borough.people):,} people, {len(borough.introductions):,} introductions, "
                f"{len(borough.conversations):,} conversations, "
                f"{len(borough.support_periods):,} support periods, in {loaded:.1f} s "
                f"({generated:.1f} s to make it up)."
            )
        self.print_sign_ins()

    # Loading.

    def load(self, borough: Borough, *, quiet: bool) -> None:
        write: Callable[[Table, ProgressBar], None] = (
            _copy_rows if connection.vendor == "postgresql" else _insert_rows
        )
        self.load_teams_and_staff(borough)
        now = timezone.now()
        for table in _tables(borough, now=now):
            progress = ProgressBar(
                stream=self.stderr, label=table.label, total=table.count, enabled=not quiet
            )
            write(table, progress)
            progress.done()
        models_with_ids: list[type[models.Model]] = [
            Team,
            StaffMember,
            Person,
            Conversation,
            Introduction,
            SupportPeriod,
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

    def load_teams_and_staff(self, borough: Borough) -> None:
        user_model = get_user_model()
        usernames = [s.username for s in borough.staff]
        taken = sorted(
            user_model.objects.filter(username__in=usernames).values_list("username", flat=True)
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
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
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
            f"Demo sign-ins (synthetic staff only). Password for each: {DEMO_PASSWORD}"
        )
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


def _tables(borough: Borough, *, now: dt.datetime) -> list[Table]:
    """Every table after teams and staff, in an order that keeps foreign keys satisfied."""

    def rows_of(rows: Sequence[object], *extra: object) -> Iterator[tuple[Any, ...]]:
        if not rows:
            return
        values = attrgetter(*_fields(type(rows[0])))  # a tuple of the row's values, in order
        for row in rows:
            yield (*values(row), *extra)

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
            "access log",
            AccessLogEntry,
            ("person_id", "actor_id", "actor_description", "action", "what", "why", "at"),
            access_log(),
            len(borough.people),
        ),
    ]


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
