"""Reading the Living Well CarePlan of a bundle: its status and version, what matters and the other
sections, the life domain entries, and the Goals and the CareTeam it lists. A Goal or CareTeam the plan
does not list is refused, so that nothing the person said is dropped silently; notes and extensions we
do not know are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from livingwell.codes.plan import GOAL_ACHIEVEMENT, GOAL_LIFECYCLE, LIFE_DOMAINS
from livingwell.plans.fhir.bundle import (
    _FULL_DATE,
    _BundleReader,
    _codes,
    _codings,
    _dict,
    _Entry,
    _extensions,
    _list,
    _str,
)
from livingwell.plans.fhir.checks import _goal_start_problem, _updated_at_problem
from livingwell.plans.fhir.codes import (
    _CARE_PLAN_INTENTS,
    _CARE_PLAN_STATUSES,
    _CARE_TEAM_STATUSES,
    CS_GOAL_ACHIEVEMENT,
    CS_LIFE_DOMAIN,
    CS_PLAN_SECTION,
    CS_TEAM_ROLE,
    EXT_LIFE_DOMAIN_ENTRY,
    EXT_PLAN_SECTION,
    KEY_WORKER,
    PLAN_SECTIONS,
)
from livingwell.plans.passport import DomainEntry, PassportGoal, TeamMember

_DOMAIN_ENTRY_PARTS: Final = ("domain", "how-things-are", "what-has-helped")
_VERSION: Final = re.compile(r"[0-9]{1,18}")


class _PlanReader(_BundleReader):
    """Reads the plan's resources: the CarePlan, its Goals and its CareTeam."""

    def read_plan(self, entry: _Entry, patient: _Entry | None) -> dict[str, Any] | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        fields: dict[str, Any] = {}
        self.points_to(entry, "subject", resource.get("subject"), patient)

        status = _str(resource.get("status"))
        if status not in _CARE_PLAN_STATUSES:
            self.problem(f"{where}: status {status!r} is not a FHIR CarePlan status")
        elif status not in {"active", "completed"}:
            self.problem(
                f"{where}: status {status!r}: a Living Well plan is either active or completed"
            )
        fields["active"] = status == "active"
        intent = _str(resource.get("intent"))
        if intent not in _CARE_PLAN_INTENTS:
            self.problem(f"{where}: intent {intent!r} is not a FHIR CarePlan intent")

        meta = _dict(resource.get("meta"))
        version = meta.get("versionId")
        if version is not None:
            if not _VERSION.fullmatch(_str(version)):
                self.problem(f"{where}: meta.versionId {version!r} is not a plan version number")
            else:
                fields["version"] = int(_str(version))
        if "lastUpdated" in meta:
            try:
                updated_at = dt.datetime.fromisoformat(_str(meta.get("lastUpdated")))
            except ValueError:
                self.problem(f"{where}: meta.lastUpdated {meta.get('lastUpdated')!r} is not a time")
            else:
                problem = _updated_at_problem(updated_at)
                if problem:
                    self.problem(f"{where}: meta.lastUpdated {problem}")
                fields["updated_at"] = updated_at

        fields["what_matters"] = _str(resource.get("description"))
        for number, note in enumerate(_list(resource.get("note"))):
            tags = _extensions(note, EXT_PLAN_SECTION)
            if not tags:
                continue  # someone else's note: not part of the passport
            codes = _codes({"coding": [t.get("valueCoding") for t in tags]}, CS_PLAN_SECTION)
            code = codes[0] if codes else ""
            if code not in PLAN_SECTIONS:
                self.problem(
                    f"{where}: note[{number}] is in section {code!r}, which the plan has not"
                )
                continue
            attr = PLAN_SECTIONS[code][0]
            if attr in fields:
                self.problem(f"{where}: the section {code!r} is there more than once")
            fields[attr] = _str(_dict(note).get("text"))

        domains = []
        seen_domains: set[str] = set()
        for number, ext in enumerate(_extensions(resource, EXT_LIFE_DOMAIN_ENTRY)):
            parts: dict[str, dict[str, Any]] = {}
            for part in _list(ext.get("extension")):
                url = _str(_dict(part).get("url"))
                if url not in _DOMAIN_ENTRY_PARTS:
                    self.problem(
                        f"{where}: life domain entry {number + 1} has a part {url!r}, which is not"
                        f" one of {', '.join(_DOMAIN_ENTRY_PARTS)}"
                    )
                elif url in parts:
                    self.problem(f"{where}: life domain entry {number + 1} has {url!r} twice")
                elif url != "domain" and not _str(_dict(part).get("valueString")):
                    self.problem(f"{where}: life domain entry {number + 1}: {url!r} has no words")
                parts[url] = _dict(part)
            codes = _codes(
                {"coding": [_dict(parts.get("domain")).get("valueCoding")]}, CS_LIFE_DOMAIN
            )
            domain = codes[0] if codes else ""
            if domain not in LIFE_DOMAINS:
                self.problem(
                    f"{where}: life domain entry {number + 1} has the domain {domain!r}, which is"
                    " not a Living Well life domain"
                )
                continue
            if domain in seen_domains:
                self.problem(f"{where}: the life domain {domain!r} is there more than once")
            seen_domains.add(domain)
            domains.append(
                DomainEntry(
                    domain=domain,
                    how_things_are=_str(_dict(parts.get("how-things-are")).get("valueString")),
                    what_has_helped=_str(_dict(parts.get("what-has-helped")).get("valueString")),
                )
            )
        fields["domains"] = tuple(domains)

        goals: list[PassportGoal] = []
        listed: set[int] = set()
        for number, reference in enumerate(_list(resource.get("goal"))):
            ref = _str(_dict(reference).get("reference"))
            if not ref:
                self.problem(f"{where}: goal[{number}] does not point to a Goal in the bundle")
                continue
            target = self.resolve(ref)
            if target is None:
                continue  # reported as dangling
            if target.resource_type != "Goal":
                self.problem(f"{where}: goal[{number}] points to {target.where}, not a Goal")
                continue
            listed.add(id(target))
            if target.valid:
                goal = self.read_goal(target, patient)
                if goal is not None:
                    goals.append(goal)
        for goal_entry in self.of_type("Goal"):
            if id(goal_entry) not in listed:
                self.problem(f"{goal_entry.where}: this goal is not one of the plan's goals")
        fields["goals"] = tuple(goals)

        teams = _list(resource.get("careTeam"))
        team: tuple[TeamMember, ...] = ()
        if len(teams) > 1:
            self.problem(f"{where}: the plan has more than one CareTeam")
        elif teams:
            ref = _str(_dict(teams[0]).get("reference"))
            target = self.resolve(ref) if ref else None
            if not ref:
                self.problem(f"{where}: careTeam[0] does not point to a CareTeam in the bundle")
            elif target is not None and target.resource_type != "CareTeam":
                self.problem(f"{where}: careTeam points to {target.where}, not a CareTeam")
            elif target is not None and target.valid:
                team = self.read_team(target, patient)
            if target is not None:
                listed.add(id(target))
        for team_entry in self.of_type("CareTeam"):
            if id(team_entry) not in listed:
                self.problem(f"{team_entry.where}: this CareTeam is not the plan's care team")
        fields["team"] = team
        return fields if len(self.problems) == before else None

    def read_goal(self, entry: _Entry, patient: _Entry | None) -> PassportGoal | None:
        resource = entry.resource
        where = entry.where
        before = len(self.problems)
        if not entry.id:
            self.problem(f"{where}: the goal has no id, which Living Well keeps as its key")
        self.points_to(entry, "subject", resource.get("subject"), patient)
        lifecycle = _str(resource.get("lifecycleStatus"))
        if lifecycle not in GOAL_LIFECYCLE:
            self.problem(f"{where}: lifecycleStatus {lifecycle!r} is not a FHIR goal status")
        achievement = ""
        if "achievementStatus" in resource:
            codes = _codes(resource.get("achievementStatus"), CS_GOAL_ACHIEVEMENT)
            if not codes:
                self.problem(f"{where}: achievementStatus is not coded in {CS_GOAL_ACHIEVEMENT}")
            elif codes[0] not in GOAL_ACHIEVEMENT:
                self.problem(
                    f"{where}: achievementStatus {codes[0]!r} is not a FHIR goal achievement status"
                )
            else:
                achievement = codes[0]
        domains = [
            code
            for concept in _list(resource.get("category"))
            for code in _codes(concept, CS_LIFE_DOMAIN)
        ]
        domain = domains[0] if domains else ""
        if not domains:
            self.problem(f"{where}: the goal has no Living Well life domain in its category")
        elif len(domains) > 1:
            self.problem(f"{where}: the goal has more than one life domain")
        elif domain not in LIFE_DOMAINS:
            self.problem(f"{where}: the domain {domain!r} is not a Living Well life domain")
        description = _str(_dict(resource.get("description")).get("text"))
        if not description.strip():
            self.problem(f"{where}: the goal has no description in words (description.text)")
        start_date = None
        if "startDate" in resource:
            start_date = self.read_date(where, "startDate", resource.get("startDate"))
            born = None
            if self.patient is not None and _FULL_DATE.fullmatch(
                _str(self.patient.resource.get("birthDate"))
            ):
                try:
                    born = dt.date.fromisoformat(_str(self.patient.resource.get("birthDate")))
                except ValueError:
                    born = None
            if start_date is not None:
                problem = _goal_start_problem(start_date, born)
                if problem:
                    self.problem(f"{where}: startDate {problem}")
        if len(self.problems) > before:
            return None
        return PassportGoal(
            key=entry.id,
            description=description,
            domain=domain,
            lifecycle_status=lifecycle,
            achievement_status=achievement,
            start_date=start_date,
        )

    def read_team(self, entry: _Entry, patient: _Entry | None) -> tuple[TeamMember, ...]:
        resource = entry.resource
        status = resource.get("status")
        if isinstance(status, str) and status not in _CARE_TEAM_STATUSES:
            self.problem(f"{entry.where}: status {status!r} is not a FHIR CareTeam status")
        if "subject" in resource:
            self.points_to(entry, "subject", resource.get("subject"), patient)
        team = []
        for number, participant in enumerate(_list(resource.get("participant"))):
            member = _dict(_dict(participant).get("member"))
            if member.get("reference"):
                continue  # a carer (or someone else with a record): read from the circle, not here
            roles = [_dict(r) for r in _list(_dict(participant).get("role"))]
            is_key_worker = any(KEY_WORKER in _codes(role, CS_TEAM_ROLE) for role in roles)
            words = [
                _str(role.get("text")) or next((_str(c.get("display")) for c in _codings(role)), "")
                for role in roles
                if not _codes(role, CS_TEAM_ROLE)
            ]
            name = _str(member.get("display"))
            if not name.strip():
                self.problem(f"{entry.where}: participant[{number}] has no name (member.display)")
            team.append(
                TeamMember(
                    name=name,
                    role=words[0] if words else "",
                    is_key_worker=is_key_worker,
                    organisation=_str(_dict(_dict(participant).get("onBehalfOf")).get("display")),
                )
            )
        return tuple(team)
