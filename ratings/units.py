"""Ranked units: a region's akimat with the local bodies below it, a ministry with its
committees. Each agency is counted for its nearest ancestor (or itself) of a ranked kind."""

from __future__ import annotations

from agencies.models import Agency

RANKED_KINDS = (Agency.Kind.AKIMAT, Agency.Kind.MINISTRY)


def unit_map(kinds: tuple[str, ...] = RANKED_KINDS) -> dict[int, int]:
    """Each agency's ranked unit, for the agencies that have one."""
    agencies = dict(Agency.objects.values_list("pk", "parent_id"))
    kind_of = dict(Agency.objects.values_list("pk", "kind"))
    mapping: dict[int, int] = {}
    for agency_id in agencies:
        current: int | None = agency_id
        while current is not None and kind_of[current] not in kinds:
            current = agencies.get(current)
        if current is not None:
            mapping[agency_id] = current
    return mapping


# The unit map as a query's common table, from the parameters agencies and units.
UNIT_MAP = """
    unit_map(agency_id, unit_id) AS (
        SELECT * FROM unnest(%(agencies)s::bigint[], %(units)s::bigint[])
    )
"""


def unit_map_params(mapping: dict[int, int]) -> dict[str, list[int]]:
    return {"agencies": list(mapping), "units": list(mapping.values())}
