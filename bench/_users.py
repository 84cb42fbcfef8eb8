"""The people the benchmarks log in as, created in the target database when missing.

Accounts that already exist are used as they are: their passwords are not changed, so
the logins of a generated database (`--citizen-login`, `--password`) work too.

The scripts configure Django after reading their arguments (the database is theirs to
name), so the models are imported inside the functions that use them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agencies.models import Agency

PASSWORD = "bench-pass-2026"  # noqa: S105 - a known password for generated bench accounts


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    role: str = ""  # a staff member's role in the agency; empty for citizens


def _iin_candidates(first_birthday: datetime.date) -> Iterator[str]:
    """Valid IINs of people born from `first_birthday` on (1900s, so 7th digit 3)."""
    from accounts.identifiers import check_digit

    day = first_birthday
    while True:
        for serial in range(10_000):
            first_eleven = f"{day:%y%m%d}3{serial:04d}"
            digit = check_digit(first_eleven)
            if digit is not None:
                yield first_eleven + str(digit)
        day += datetime.timedelta(days=1)


def _unused_iins(count: int) -> list[str]:
    from accounts.models import User

    candidates = _iin_candidates(datetime.date(1961, 2, 3))
    chosen: list[str] = []
    while len(chosen) < count:
        batch = [next(candidates) for _ in range(2 * count)]
        taken = set(User.objects.filter(iin_bin__in=batch).values_list("iin_bin", flat=True))
        chosen += [iin for iin in batch if iin not in taken][: count - len(chosen)]
    return chosen


def _ensure_users(emails: list[str], password: str, *, with_iin: bool, title: str) -> None:
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    if not missing:
        return
    hashed = make_password(password)  # once: hashing takes ~0.5 s, the same hash serves all
    iins = _unused_iins(len(missing)) if with_iin else [""] * len(missing)
    User.objects.bulk_create(
        User(
            email=email,
            password=hashed,
            full_name=f"{title} {email.split('@')[0]}",
            iin_bin=iin,
            phone="+77010000000",
        )
        for email, iin in zip(missing, iins, strict=True)
    )


def ensure_citizens(pattern: str, count: int, password: str = PASSWORD) -> list[Login]:
    """`count` citizens whose emails are `pattern.format(n=1…count)`."""
    from django.db import transaction

    emails = [pattern.format(n=n).lower() for n in range(1, count + 1)]
    with transaction.atomic():
        _ensure_users(emails, password, with_iin=True, title="Гражданин")
    return [Login(email, password) for email in emails]


def ensure_staff(
    pattern: str, roles: list[str], agency: Agency, password: str = PASSWORD
) -> list[Login]:
    """One staff member per role in `roles`: the new ones hold that role in `agency`;
    those who exist keep the roles they have (the first one found is theirs here)."""
    from django.db import transaction

    from accounts.models import Membership, User

    emails = [pattern.format(n=n).lower() for n in range(1, len(roles) + 1)]
    with transaction.atomic():
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        _ensure_users(emails, password, with_iin=False, title="Сотрудник")
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        Membership.objects.bulk_create(
            Membership(user=users[email], agency=agency, role=role)
            for email, role in zip(emails, roles, strict=True)
            if email not in existing
        )
        held = dict(
            Membership.objects.filter(user__email__in=emails, is_active=True)
            .order_by("-pk")
            .values_list("user__email", "role")
        )
    return [Login(email, password, held.get(email, "")) for email in emails]


def staff_roles(count: int) -> list[str]:
    """Heads, executors and registrars in turn: from two people on, every step is staffed
    (a head registers and assigns, an executor answers)."""
    from accounts.models import Membership

    cycle = [Membership.Role.HEAD, Membership.Role.EXECUTOR, Membership.Role.REGISTRAR]
    return [str(cycle[i % len(cycle)]) for i in range(count)]


def signed_in_sessions(logins: list[Login]) -> list[str]:
    """A session for each of these people, as logging in leaves it (ModelBackend's), for a
    server sharing this process's SECRET_KEY: its key, in the order of `logins`."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from accounts.models import User

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    users = {user.email: user for user in User.objects.filter(email__in=[x.email for x in logins])}
    keys = []
    for login in logins:
        user, session = users[login.email], store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys
