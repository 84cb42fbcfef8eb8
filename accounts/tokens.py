"""API tokens: issued for an email and a password, stored only as digests (django-rest-knox),
expiring after API_TOKEN_HOURS of disuse and API_TOKEN_MAX_DAYS at most, revoked by their
owner one by one or all at once, and dead once the password changes."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxAuthentication
from knox.models import AuthToken
from rest_framework import exceptions

from accounts.models import User


class TokenAuthentication(KnoxAuthentication):
    """Knox's, refusing a token issued before its owner's last change of password."""

    def validate_user(self, auth_token: AuthToken) -> tuple[User, AuthToken]:
        user: User = auth_token.user
        changed = user.password_changed_at
        if changed is not None and auth_token.created < changed:
            auth_token.delete()
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        result: tuple[User, AuthToken] = super().validate_user(auth_token)
        return result

    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        """Whether the token presented has expired (and is deleted). Knox also reads every
        other token of the owner on each request to delete expired ones: that happens when
        the owner gets a new token, and daily (clear_expired), not on every call."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def api_token_create(*, user: User) -> tuple[AuthToken, str]:
    """A new token; the owner's expired ones go, and past API_TOKENS_PER_USER the oldest."""
    instance, token = AuthToken.objects.create(user=user)
    kept = api_tokens_of(user).values_list("digest", flat=True)[: settings.API_TOKENS_PER_USER]
    AuthToken.objects.filter(user=user).exclude(digest__in=list(kept)).delete()
    return instance, token


def api_tokens_of(user: User) -> QuerySet[AuthToken]:
    """The owner's tokens that still work, newest first."""
    alive = Q(expiry__isnull=True) | Q(expiry__gte=timezone.now())
    return AuthToken.objects.filter(alive, user=user).order_by("-created")


def api_tokens_clear_expired() -> int:
    """Deletes every expired token (beat, daily); their owners could no longer use them."""
    deleted, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted


def api_token_revoke(*, user: User, token_key: str) -> bool:
    """Revokes the owner's token of this key; False when they have none."""
    deleted, _ = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted > 0


def api_tokens_revoke_all(*, user: User) -> int:
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted
