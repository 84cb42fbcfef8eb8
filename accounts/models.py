from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    AnonymousUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.identifiers import validate_bin, validate_iin


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("Users must have an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class Proof(models.TextChoices):
    SIGNATURE = "signature", _("Digital signature")
    DOCUMENT = "document", _("Identity document seen at a front office")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a citizen, an organisation's representative or a staff member."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual (IIN)")
        LEGAL = "legal", _("Organisation (BIN)")

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.INDIVIDUAL)
    # IIN for individuals, BIN for organisations. Optional for staff-only accounts. Typed at
    # sign-up it is only claimed; proven (below) it is the person's (docs/identity.md).
    iin_bin = models.CharField(_("IIN / BIN"), max_length=12, blank=True)
    iin_verified_at = models.DateTimeField(_("IIN / BIN proven"), null=True, blank=True)
    # Database defaults too: the benchmarks' generator writes accounts in plain SQL.
    iin_verified_by = models.CharField(
        _("proven by"), max_length=10, choices=Proof, blank=True, db_default=""
    )
    # A record of a citizen seen at a front office, who has no login: the appeals sent for
    # them wait here until they prove the same IIN on an account of their own.
    walk_in = models.BooleanField(_("walk-in record"), default=False, db_default=False)
    contact_email = models.EmailField(_("email given at a front office"), blank=True, db_default="")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Notices by SMS too, not only by email (docs/user-guide.md "Notifications").
    notify_by_sms = models.BooleanField(
        _("notices by SMS too"),
        default=False,
        db_default=False,
        help_text=_("Each notice also comes to your phone as a short SMS with a link."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="ru"
    )
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("May sign in to the administration site."),
    )
    is_active = models.BooleanField(pgettext_lazy("account", "active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # API tokens issued before it stop working (accounts/tokens.py).
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One account per proven IIN/BIN; claims may repeat, and never block the owner.
            models.UniqueConstraint(
                fields=["iin_bin"],
                condition=~models.Q(iin_bin="") & models.Q(iin_verified_at__isnull=False),
                name="accounts_user_unique_proven_iin_bin",
            ),
        ]
        indexes = [
            # A front office and a proof look the IIN up: proven, claimed, walk-in records.
            models.Index(fields=["iin_bin"], condition=~models.Q(iin_bin=""), name="user_iin_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        if self.iin_bin:
            validate = validate_iin if self.kind == self.Kind.INDIVIDUAL else validate_bin
            try:
                validate(self.iin_bin)
            except ValidationError as error:
                raise ValidationError({"iin_bin": error.messages}) from None

    @property
    def address_for_notices(self) -> str:
        """Where notices are mailed: a walk-in record's email as given, else the login's."""
        return self.contact_email or self.email

    @property
    def iin_proven(self) -> bool:
        return self.iin_verified_at is not None and bool(self.iin_bin)

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """A staff member's role in one agency. A person may hold roles in several agencies."""

    class Role(models.TextChoices):
        REGISTRAR = "registrar", _("Registrar")
        EXECUTOR = "executor", _("Executor")
        HEAD = "head", _("Head")
        CONTROLLER = "controller", _("Controller")
        FRONT_OFFICE = "front_office", _("Front-office operator")
        # A head or deputy who holds receptions and meetings (receptions/).
        OFFICIAL = "official", _("Official who holds receptions")
        # Staff of the authorised body who check petitions' admissibility (petitions/).
        MODERATOR = "moderator", _("Petition moderator")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("agency"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    is_active = models.BooleanField(pgettext_lazy("in force", "active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="accounts_membership_unique_role"
            ),
        ]
        indexes = [
            # "Who works here in this role?" — the back-office's executor pickers and digests.
            models.Index(fields=["agency", "role"], name="membership_agency_role_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.agency})"


# Whoever is asking: a signed-in user or an anonymous visitor.
Visitor = User | AnonymousUser


class IdentityCheck(models.Model):
    """One proof of an IIN/BIN: whose, how, and, at a front office, who saw which document.
    Written with each verification and never changed."""

    class Document(models.TextChoices):
        ID_CARD = "id_card", _("Identity card")
        PASSPORT = "passport", _("Passport")
        RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate (with a parent)")

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="identity_checks", verbose_name=_("user")
    )
    iin_bin = models.CharField(_("IIN / BIN"), max_length=12)
    full_name = models.CharField(_("full name"), max_length=200)
    proof = models.CharField(_("proven by"), max_length=10, choices=Proof)
    document = models.CharField(_("document"), max_length=20, choices=Document, blank=True)
    operator = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("front-office operator"),
    )
    # The signature's certificate: its serial number and issuer, as the CA wrote them.
    certificate = models.CharField(_("certificate"), max_length=300, blank=True)
    released = models.PositiveIntegerField(_("claims released"), default=0)
    merged = models.PositiveIntegerField(_("walk-in records merged"), default=0)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")

    def __str__(self) -> str:
        return f"{self.iin_bin} {self.get_proof_display()} {self.created_at:%Y-%m-%d}"
