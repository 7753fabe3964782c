"""The directory's own taxonomies, with ids that are the same on every site (UUID version 5 from one
namespace), so that a term read from another Living Well directory is the same term here.

- "Living Well life domains": what a service helps with, in the plan's parts of life.
- "Living Well kinds of support": what a service is.
- "Living Well kinds of organisation": what an organisation is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from livingwell.codes.needs import SUPPORT_KINDS
from livingwell.codes.organisations import ORGANISATION_KINDS
from livingwell.codes.plan import LIFE_DOMAINS

NAMESPACE = uuid.UUID("6f2b7f0e-8d3c-5a1e-9b47-0c1d2e3f4a5b")


@dataclass(frozen=True)
class BuiltInTaxonomy:
    key: str
    name: str
    description: str
    terms: dict[str, str]

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"taxonomy/{self.key}")

    def term_id(self, code: str) -> uuid.UUID:
        if code not in self.terms:
            raise KeyError(f"{code!r} is not a term of {self.name}: known are {sorted(self.terms)}")
        return uuid.uuid5(NAMESPACE, f"taxonomy/{self.key}/{code}")


LIFE_DOMAINS_TAXONOMY = BuiltInTaxonomy(
    "life-domains",
    "Living Well life domains",
    "The parts of life a service helps with, as a Living Well plan names them.",
    LIFE_DOMAINS,
)
SUPPORT_KINDS_TAXONOMY = BuiltInTaxonomy(
    "support-kinds",
    "Living Well kinds of support",
    "What a service is: peer support, debt advice, a food bank, a community place.",
    SUPPORT_KINDS,
)
ORGANISATION_KINDS_TAXONOMY = BuiltInTaxonomy(
    "organisation-kinds",
    "Living Well kinds of organisation",
    "What an organisation is: the NHS, the council, a voluntary group, a community place.",
    ORGANISATION_KINDS,
)
BUILT_IN = (LIFE_DOMAINS_TAXONOMY, SUPPORT_KINDS_TAXONOMY, ORGANISATION_KINDS_TAXONOMY)
