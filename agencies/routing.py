"""Which agency is competent for an appeal, given its category and region.

The most specific active routing rule wins: the category in this region, the
category everywhere, then the same for its parent category. Without a rule the
category's own jurisdiction decides: a local matter goes to the akimat of the
appeal's region, a central one to the category's named body. The citizen may
still address any agency; this is only the proposal, with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agencies.held import ACTIVE_AGENCIES, HeldResults
from agencies.models import Agency, Category, Region, RoutingRule


@dataclass(frozen=True)
class RouteSuggestion:
    agency: Agency | None  # None: no rule covers this case, the citizen chooses
    reason: str

    @property
    def found(self) -> bool:
        return self.agency is not None


def suggest_agency(*, category: Category, region: Region) -> RouteSuggestion:
    """The proposal for this topic and region (held by the process, agencies.held)."""
    suggestion: RouteSuggestion = _HELD.get(category, region)  # rows key by their ids
    return suggestion


def _suggested(category: Category, region: Region) -> RouteSuggestion:
    rule = _most_specific_rule(category=category, region=region)
    if rule is not None and rule.agency.is_active:
        reason = rule.note or _("Routing rule for “%(category)s” in %(region)s.") % {
            "category": rule.category.name,
            "region": rule.region.name if rule.region else _("every region"),
        }
        return RouteSuggestion(agency=rule.agency, reason=reason)

    if category.jurisdiction == Category.Jurisdiction.LOCAL:
        akimat = _HELD_AKIMATS.get().get(region.pk)
        if akimat is not None:
            return RouteSuggestion(
                agency=akimat,
                reason=_("A local matter: %(agency)s is competent.") % {"agency": akimat.name},
            )
    elif (central := _active_agency(category.central_agency_id)) is not None:
        return RouteSuggestion(
            agency=central,
            reason=_("A matter of national competence: %(agency)s is competent.")
            % {"agency": central.name},
        )

    return RouteSuggestion(
        agency=None,
        reason=_(
            "No routing rule covers “%(category)s” in %(region)s. "
            "Please choose the addressee yourself; the agency will forward the appeal if needed."
        )
        % {"category": category.name, "region": region.name},
    )


def _most_specific_rule(*, category: Category, region: Region) -> RoutingRule | None:
    """The topic in this region, the topic everywhere, then the same for its parent."""
    rules = _HELD_RULES.get()
    for topic in (category.pk, category.parent_id):
        for place in (region.pk, None):
            if topic is not None and (topic, place) in rules:
                return rules[topic, place]
    return None


def _active_rules() -> dict[tuple[int, int | None], RoutingRule]:
    """The rules in force by topic and region (None: every region); a few per topic."""
    rules = RoutingRule.objects.filter(is_active=True)
    rules = rules.select_related("agency", "category", "region")
    return {(rule.category_id, rule.region_id): rule for rule in rules}


def _region_akimats() -> dict[int, Agency]:
    """Each region's active akimat (the first by code, should there be two)."""
    akimats: dict[int, Agency] = {}
    for akimat in Agency.objects.filter(kind=Agency.Kind.AKIMAT, is_active=True).order_by("code"):
        if akimat.region_id is not None:
            akimats.setdefault(akimat.region_id, akimat)
    return akimats


def _active_agency(pk: int | None) -> Agency | None:
    return None if pk is None else ACTIVE_AGENCIES.get(pk=pk)


# A proposal's miss reads nothing: the rules and akimats are held whole (reference data).
_HELD = HeldResults(_suggested)
_HELD_RULES = HeldResults(_active_rules)
_HELD_AKIMATS = HeldResults(_region_akimats)
