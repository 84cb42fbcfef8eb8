"""The information pages (help, about, privacy, accessibility, contacts, open data): the
access walk's rows (anyone may read them) and their addresses for the public-PII scan."""

from __future__ import annotations

from portal.pages import PAGES
from tests.security.access_table import page
from tests.security.access_world import EVERYONE
from tests.security.public_urls import fixed

PAGE_ROWS = [page(f"pages:{name}", EVERYONE) for name in PAGES]


ADDRESSES = [f"/{name.replace('_', '-')}/" for name in PAGES]
PAGES_PUBLIC = {address[1:]: fixed(address) for address in ADDRESSES}
