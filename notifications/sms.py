"""The SMS gateway: SMS_BACKEND "console" logs each message, "http" posts it to
SMS_GATEWAY_URL. Any failure raises SmsFailed, and the outbox tries again later."""

from __future__ import annotations

import http.client
import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10  # to connect, and for each read: a gateway that hangs frees the sender
ANSWER_BYTES = 64 * 1024  # what is read of the gateway's answer; only its status matters
MIN_DIGITS, MAX_DIGITS = 10, 15  # E.164 numbers have at most 15 digits


class SmsFailed(Exception):
    """The gateway did not take the message (or its answer was lost): send it again."""


@dataclass(frozen=True)
class Sms:
    to: str  # +77011234567
    text: str
    id: str  # the idempotency key: the same message sent again carries the same id


def sms_number(phone: str) -> str:
    """The number as the gateway takes it (+ and digits), or "" when it is no number.

    Kazakhstan's 8 701 … is +7 701 …
    """
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("8") and not phone.strip().startswith("+"):
        digits = "7" + digits[1:]
    return f"+{digits}" if MIN_DIGITS <= len(digits) <= MAX_DIGITS else ""


def sms_send(message: Sms) -> None:
    """Hands the message to the gateway; raises SmsFailed unless it took it."""
    if settings.SMS_BACKEND == "console":
        logger.info("SMS %s to %s: %s", message.id, message.to, message.text)
        return
    if settings.SMS_BACKEND != "http":
        raise ImproperlyConfigured(f"Unknown SMS_BACKEND {settings.SMS_BACKEND!r}.")
    _post(message)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is no acceptance: it fails like any other answer but 2xx."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(message: Sms) -> None:
    url = settings.SMS_GATEWAY_URL
    if not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured("SMS_GATEWAY_URL must be an http(s) URL.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps({"to": message.to, "text": message.text, "id": message.id}).encode(),
        headers={
            "Authorization": f"Bearer {settings.SMS_GATEWAY_KEY}",
            "Content-Type": "application/json",
            "Idempotency-Key": message.id,
        },
        method="POST",
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = getattr(response, "status", 0)
            response.read(ANSWER_BYTES)
    except urllib.error.HTTPError as error:
        raise SmsFailed(f"gateway answered {error.code}") from None
    # Refused, reset, timed out, closed before an answer (the message may have been taken:
    # the same id again lets the gateway tell), or a bad URL.
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise SmsFailed(f"gateway unreachable: {error}") from None
    if not 200 <= status < 300:
        raise SmsFailed(f"gateway answered {status}")
