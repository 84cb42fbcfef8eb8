"""Which agency is competent for an appeal, given its category and region.

The most specific active routing rule wins: the category in this region, the
category everywhere, then the same for its parent category. Without a rule the
category's own jurisdiction decides: a local matter goes to the akimat of the
appeal's region, a central one to the category's named body. The citizen may
still address any agency; this is only the proposal, with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.held import HeldResults
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
        akimat = Agency.objects.filter(
            region=region, kind=Agency.Kind.AKIMAT, is_active=True
        ).first()
        if akimat is not None:
            return RouteSuggestion(
                agency=akimat,
                reason=_("A local matter: %(agency)s is competent.") % {"agency": akimat.name},
            )
    elif category.central_agency is not None and category.central_agency.is_active:
        return RouteSuggestion(
            agency=category.central_agency,
            reason=_("A matter of national competence: %(agency)s is competent.")
            % {"agency": category.central_agency.name},
        )

    return RouteSuggestion(
        agency=None,
        reason=_(
            "No routing rule covers “%(category)s” in %(region)s. "
            "Please choose the addressee yourself; the agency will forward the appeal if needed."
        )
        % {"category": category.name, "region": region.name},
    )


_HELD = HeldResults(_suggested)


def _most_specific_rule(*, category: Category, region: Region) -> RoutingRule | None:
    categories = [category.pk] + ([category.parent_id] if category.parent_id else [])
    rules = list(
        RoutingRule.objects.filter(category_id__in=categories, is_active=True)
        .filter(Q(region=region) | Q(region__isnull=True))
        .select_related("agency", "category", "region")
    )

    def specificity(rule: RoutingRule) -> tuple[bool, bool]:
        return (rule.category_id == category.pk, rule.region_id is not None)

    return max(rules, key=specificity, default=None)
