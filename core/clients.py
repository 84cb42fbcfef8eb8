"""Who is asking, by network address: the address the nearest trusted proxy saw.

Behind TRUSTED_PROXIES proxies (a load balancer, nginx), each appends the address it
received the request from to X-Forwarded-For, so the client is that many entries from the
right; whatever stands further left was sent by the client and proves nothing. With no
proxy trusted, the header is ignored. Used by the login lockout, throttles and limits.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",")]
    candidate = addresses[-min(hops, len(addresses))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy that writes something else is misconfigured: trust none
        return remote
