"""Sign-up, email confirmation and password reset, which answer alike whether or not an
account exists: what differs goes to the account's owner, by email."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import User
from core.ratelimit import rate_take
from notifications.services import notification_create, notifications_enqueue_sending


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    """A link that confirms the email once: it stops working when the account is active."""

    key_salt = "accounts.EmailConfirmationTokens"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.is_active}{timestamp}"


email_confirmation_tokens = EmailConfirmationTokens()


def confirmation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return _site(
        reverse("accounts:confirm", args=[uid, email_confirmation_tokens.make_token(user)])
    )


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def account_sign_up(*, email: str, password: str, **fields: str) -> User | None:
    """An inactive account and, in the same transaction, the email that confirms it. When
    the email already has an account, its owner is told instead, and None is returned."""
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            make_password(password)  # the same work as a new account's: no telling by time
            notification_create(
                recipient=existing,
                kind="account.sign_up_again",
                template="notifications/sign_up_again.txt",
                context={"login_url": _site(reverse("accounts:login")),
                         "reset_url": _site(reverse("accounts:password_reset"))},
            )  # fmt: skip
            notifications_enqueue_sending()
            return None
        user = User.objects.create_user(email, password, is_active=False, **fields)
        notification_create(
            recipient=user,
            kind="account.confirm_email",
            template="notifications/confirm_email.txt",
            context={"url": confirmation_url(user)},
            email_only=True,  # the link proves the mailbox
        )
        notifications_enqueue_sending()
    return user


def password_reset_send(*, user: User, uid: str, token: str) -> None:
    """The reset link, through the outbox (at most PASSWORD_RESETS_PER_HOUR an address)."""
    verdict = rate_take(
        f"password-resets:{user.pk}", amount=1, limit=settings.PASSWORD_RESETS_PER_HOUR,
        window=3600,
    )  # fmt: skip
    if not verdict.allowed:
        return  # its owner has the links sent before; more would only flood the inbox
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    notification_create(
        recipient=user,
        kind="account.password_reset",
        template="notifications/password_reset.txt",
        context={"url": _site(path)},
        email_only=True,  # in the inbox, a stolen session would become a new password
    )
    notifications_enqueue_sending()


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
