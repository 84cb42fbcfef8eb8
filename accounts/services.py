"""Sign-up and email confirmation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import User
from notifications.services import notification_create, notifications_enqueue_sending


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    """A link that confirms the email once: it stops working when the account is active."""

    key_salt = "accounts.EmailConfirmationTokens"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.is_active}{timestamp}"


email_confirmation_tokens = EmailConfirmationTokens()


def confirmation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:confirm", args=[uid, email_confirmation_tokens.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def account_sign_up(*, email: str, password: str, **fields: str) -> User:
    """An inactive account and, in the same transaction, the email that confirms it."""
    with transaction.atomic():
        user = User.objects.create_user(email, password, is_active=False, **fields)
        notification_create(
            recipient=user,
            kind="account.confirm_email",
            template="notifications/confirm_email.txt",
            context={"url": confirmation_url(user)},
        )
        notifications_enqueue_sending()
    return user


def account_confirm(uidb64: str, token: str) -> User | None:
    """Activates the account the link was made for; None when the link is not valid."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if not email_confirmation_tokens.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
