"""Which clustering rule applies to an appeal's category: its leaf's, else its parent's,
else the default row's, else the model's defaults (docs/listening.md)."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Category
from listening.models import ClusterRule


@dataclass(frozen=True)
class Rules:
    """Every rule and the categories' parents, read once for a batch of appeals."""

    by_category: dict[int, ClusterRule]
    parents: dict[int, int | None]
    default: ClusterRule

    def for_category(self, category_id: int) -> ClusterRule:
        parent = self.parents.get(category_id)
        for key in (category_id, parent):
            if key is not None and key in self.by_category:
                return self.by_category[key]
        return self.default


def rules_load() -> Rules:
    """The rules as they stand: an administrator's change applies from the next batch."""
    by_category: dict[int, ClusterRule] = {}
    default = ClusterRule()  # unsaved: the model's defaults when no default row exists
    for rule in ClusterRule.objects.all():
        if rule.category_id is None:
            default = rule
        else:
            by_category[rule.category_id] = rule
    parents: dict[int, int | None] = dict(Category.objects.values_list("id", "parent_id"))
    return Rules(by_category=by_category, parents=parents, default=default)


def rule_for(category_id: int) -> ClusterRule:
    return rules_load().for_category(category_id)
