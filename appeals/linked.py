"""What a staff member reads of an appeal's repeats and parallels (appeals/linking.py): every
link, both ways, in outline; the linked appeal's subject, text and answer only where the
reader may already see that appeal — or, joined to it, the lead's answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from accounts.models import Visitor
from appeals.models import Appeal, AppealLink
from appeals.selectors import visible_agency_ids


@dataclass(frozen=True)
class Linked:
    other: Appeal
    kind: str  # AppealLink.Kind
    kind_label: str
    similarity: float
    later: bool  # the other appeal arrived after this one (it links here)
    readable: bool  # the reader may read the other appeal's subject, text and answer


def linked_appeals(appeal: Appeal, reader: Visitor) -> list[Linked]:
    """The appeal's links, most alike first, in one query."""
    links = (
        AppealLink.objects.filter(Q(appeal=appeal) | Q(earlier=appeal))
        .select_related("appeal__agency", "earlier__agency")
        .order_by("-similarity", "pk")
    )
    visible = visible_agency_ids(reader)
    shown = []
    for link in links:
        later = link.earlier_id == appeal.pk
        other = link.appeal if later else link.earlier
        kind = AppealLink.Kind(link.kind)
        readable = other.agency_id in visible
        shown.append(Linked(other, kind.value, str(kind.label), link.similarity, later, readable))
    return shown


def lead_of(appeal: Appeal) -> Appeal | None:
    """The appeal this one is joined to, whose status and answer its body reads (the join
    grants that much)."""
    if appeal.joined_to_id is None:
        return None
    return Appeal.objects.select_related("agency").get(pk=appeal.joined_to_id)


def joined_to_it(appeal: Appeal, linked: list[Linked]) -> list[Appeal]:
    """The appeals joined to this one: each is one of its parallels, so read with the links."""
    return [row.other for row in linked if row.other.joined_to_id == appeal.pk]
