"""The list of listed petitions as RSS and Atom feeds, with the list's filters: newest
first, each item linking to the petition's page. No personal data: titles, addressees,
demands and statuses only."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from petitions.listing import PetitionFilters, Sort, filtered, request_filters
from petitions.models import Petition

FEED_ITEMS = 50
DESCRIPTION_WORDS = 80


class PetitionsRss(Feed[Petition, PetitionFilters]):
    """The newest FEED_ITEMS listed petitions matching the query string's filters."""

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> PetitionFilters:
        filters = request_filters(request.GET)
        return PetitionFilters(**{**filters.__dict__, "sort": Sort.NEWEST})

    def title(self) -> str:
        return _("Otinish: e-petitions")

    def link(self) -> str:
        return reverse("petitions:list")

    def description(self) -> str:
        return _("New petitions open to everyone's signature, newest first.")

    def items(self, filters: PetitionFilters) -> list[Petition]:
        return list(filtered(filters)[:FEED_ITEMS])

    def item_title(self, item: Petition) -> str:
        return f"{item.number}: {item.title}"

    def item_description(self, item: Petition) -> str:
        demand = Truncator(item.demand).words(DESCRIPTION_WORDS)
        return f"{item.addressee.name}. {item.get_status_display()}. {demand}"

    def item_link(self, item: Petition) -> str:
        return reverse("petitions:detail", args=[item.slug])

    def item_guid(self, item: Petition) -> str:
        return f"petition-{item.pk}"

    def item_guid_is_permalink(self, item: Petition) -> bool:
        return False

    def item_pubdate(self, item: Petition) -> datetime.datetime | None:
        return item.listed_at

    def item_updateddate(self, item: Petition) -> datetime.datetime | None:
        return item.answered_at or item.closed_at or item.reached_at or item.listed_at

    def item_categories(self, item: Petition) -> list[str]:
        return [item.category.name]


class PetitionsAtom(PetitionsRss):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
