"""The models of e-petitions, in two modules: the law's rules, and the petitions."""

from petitions.models.petitions import (
    DEMAND_LIMIT,
    TALLY_SHARDS,
    TEXT_LIMIT,
    TITLE_LIMIT,
    Petition,
    PetitionAttachment,
    PetitionFlag,
    Signature,
    SignatureTally,
)
from petitions.models.rules import ExcludedSubject, PetitionLevel, PetitionRules, RegionPopulation

__all__ = [
    "DEMAND_LIMIT",
    "TALLY_SHARDS",
    "TEXT_LIMIT",
    "TITLE_LIMIT",
    "ExcludedSubject",
    "Petition",
    "PetitionAttachment",
    "PetitionFlag",
    "PetitionLevel",
    "PetitionRules",
    "RegionPopulation",
    "Signature",
    "SignatureTally",
]
