"""What a petition's people are told, through the outbox, in the transaction of the change."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from notifications.services import notification_create, notifications_enqueue_sending
from petitions.models import Petition


def page_url(petition: Petition) -> str:
    """The petition's public page, absolute for a message."""
    return settings.SITE_URL.rstrip("/") + reverse("petitions:detail", args=[petition.slug])


def tell_author(petition: Petition, kind: str) -> None:
    """kind: accepted, refused, reached, failed, answered (templates/petitions/notices/)."""
    notification_create(
        recipient=petition.author,
        kind=f"petition.{kind}",
        template=f"petitions/notices/{kind}.txt",
        context={"petition": petition, "url": page_url(petition)},
        about=petition,
        dedupe_key=f"petition-{kind}:{petition.pk}",
    )
    notifications_enqueue_sending()


def tell_signer(petition: Petition, signer: User, signature_id: int) -> None:
    """The answer, to one signer: once, whatever reruns the fan-out has."""
    notification_create(
        recipient=signer,
        kind="petition.answered_signer",
        template="petitions/notices/answered_signer.txt",
        context={"petition": petition, "url": page_url(petition)},
        about=petition,
        dedupe_key=f"petition-answer:{signature_id}",
    )
