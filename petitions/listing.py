"""The public list's filters, shared by the list page, its feeds, the open data and the API:
the same form reads the query string everywhere, and a value it cannot read is dropped
(that filter only), never an error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Category, Region
from petitions.models import Petition, SignatureTally
from petitions.selectors import listed_petitions

SEARCH_LIMIT = 200
ANY = ("", _("Any"))
PUBLIC_STATUSES = [(value, label) for value, label in Petition.Status.choices
                   if value in Petition.PUBLISHED]  # fmt: skip


class Sort:
    NEWEST = "newest"
    SIGNATURES = "signatures"
    CHOICES = ((NEWEST, _("Newest first")), (SIGNATURES, _("Most signed first")))


@dataclass(frozen=True)
class PetitionFilters:
    """What the list filters by; empty means any. Codes, as the links show them."""

    q: str = ""
    body: str = ""  # the addressee's code
    region: str = ""  # a region's ISO code
    status: str = ""
    topic: str = ""  # a category's code, itself or its parent
    sort: str = Sort.NEWEST


def filtered(filters: PetitionFilters) -> QuerySet[Petition]:
    """Listed petitions matching the filters, in the chosen order (petition_listed_idx for
    the newest first; the list is thousands of rows, a search reads them all)."""
    petitions = listed_petitions().select_related("addressee", "level", "region", "category")
    if filters.q:
        petitions = petitions.filter(Q(title__icontains=filters.q) | Q(text__icontains=filters.q))
    if filters.body:
        petitions = petitions.filter(addressee__code=filters.body)
    if filters.region:
        petitions = petitions.filter(region__code=filters.region)
    if filters.status:
        petitions = petitions.filter(status=filters.status)
    if filters.topic:
        petitions = petitions.filter(
            Q(category__code=filters.topic) | Q(category__parent__code=filters.topic)
        )
    if filters.sort == Sort.SIGNATURES:
        return petitions.order_by("-signatures_seen", "-listed_at", "-pk")
    return petitions.order_by("-listed_at", "-pk")


def signature_totals(petitions: QuerySet[Petition]) -> dict[int, int]:
    """The exact count of each petition of the set: its shards summed, in one grouped query."""
    rows = (
        SignatureTally.objects.filter(petition_id__in=petitions.values("pk"))
        .values("petition_id")
        .annotate(total=Sum("count"))
        .values_list("petition_id", "total")
    )
    return {petition_id: int(total or 0) for petition_id, total in rows}


def _choices(queryset: QuerySet[Any]) -> list[tuple[str, Any]]:
    return [ANY, *((item.code, item.name) for item in queryset)]


class PetitionFilterForm(forms.Form):
    """The list's GET form. Addressees and topics offered are those of listed petitions."""

    q = forms.CharField(label=_("Search in titles and texts"), required=False,
                        max_length=SEARCH_LIMIT)  # fmt: skip
    body = forms.ChoiceField(label=_("Addressee"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[ANY, *PUBLIC_STATUSES])  # fmt: skip
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=Sort.CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        listed = listed_petitions()
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["body"].choices = _choices(
            Agency.objects.filter(pk__in=listed.values("addressee_id")).order_by("name_ru")
        )
        fields["region"].choices = _choices(Region.objects.order_by("code"))
        used = Category.objects.filter(pk__in=listed.values("category_id"))
        fields["topic"].choices = _choices(
            Category.objects.filter(Q(pk__in=used.values("pk")) | Q(pk__in=used.values("parent")))
            .order_by("position", "code")
        )  # fmt: skip

    def filters(self) -> PetitionFilters:
        """The valid filters given; each invalid one is left out on its own."""
        if not self.is_bound:
            return PetitionFilters()
        self.is_valid()  # the fields that are valid stay in cleaned_data
        data = self.cleaned_data
        return PetitionFilters(
            q=data.get("q", "").strip(), body=data.get("body", ""),
            region=data.get("region", ""), status=data.get("status", ""),
            topic=data.get("topic", ""), sort=data.get("sort") or Sort.NEWEST,
        )  # fmt: skip


def request_filters(query: Any) -> PetitionFilters:
    """The filters of a query string (a QueryDict), without building the choices: the feeds,
    the exports and the API check codes by matching, so an unknown one finds nothing."""
    sort = query.get("sort", "")
    status = query.get("status", "")
    values = {name: _code(query.get(name, "")) for name in ("body", "region", "topic")}
    search = query.get("q", "")
    return PetitionFilters(
        q=search.strip() if len(search) <= SEARCH_LIMIT and "\x00" not in search else "",
        status=status if status in Petition.PUBLISHED else "",
        sort=sort if sort == Sort.SIGNATURES else Sort.NEWEST,
        **values,
    )


def _code(value: str) -> str:
    """A code as given, or nothing when it cannot be one (too long, odd characters)."""
    ok = len(value) <= 80 and value.replace("-", "").replace("_", "").isascii()
    return value if ok and value.replace("-", "").replace("_", "").isalnum() else ""
