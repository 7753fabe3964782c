"""The network's models: its organisations and their members, and the directory of support they offer
(Open Referral UK 3.0), with the postcodes that place it on a map."""

from livingwell.network.models.directory import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    EntryChange,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from livingwell.network.models.organisations import Organisation, OrganisationMember
from livingwell.network.models.postcodes import Postcode

__all__ = [
    "Accessibility",
    "Address",
    "Contact",
    "CostOption",
    "EntryChange",
    "Language",
    "Location",
    "Organisation",
    "OrganisationMember",
    "Phone",
    "Postcode",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceStatus",
    "ServiceTerm",
    "Taxonomy",
    "TaxonomyTerm",
]
