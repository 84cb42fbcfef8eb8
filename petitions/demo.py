"""The demo's petitions (`load_demo_petitions`, run by `make run` after the meetings): a
moderator at the authorised body, a verified citizen who files, two hundred verified
signers without a login, and a dozen petitions to the Almaty city akimat, one of its
districts, a ministry and the Government in every state, their signatures written in bulk
with the shards of the tally set to match. Idempotent: each petition's link is fixed by
the seed, and a petition already there is left."""

from __future__ import annotations

import base64
import datetime
import random
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.identifiers import check_digit
from accounts.models import Membership, Proof, User
from agencies.models import Agency
from agencies.workdays import due_at
from appeals.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoLogin
from petitions.demo_plans import PLANS, SIGNER_NAMES, Plan
from petitions.levels import collection_end, level_for, petition_rules, threshold_for
from petitions.models import (
    TALLY_SHARDS,
    ExcludedSubject,
    Petition,
    PetitionFlag,
    Signature,
    SignatureTally,
)
from petitions.signing import short_name

MODERATOR = f"moderator.mki@{DEMO_DOMAIN}"
AUTHOR = f"dana@{DEMO_DOMAIN}"  # the verified citizen who files and signs
SIGNERS = 240
DAY, HOUR = datetime.timedelta(days=1), datetime.timedelta(hours=1)


@lru_cache(maxsize=1)
def _password() -> str:
    # Hashing is slow on purpose; every demo login shares one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _iins(count: int, first_seven: str = "8811205") -> list[str]:
    """`count` valid IINs of one birth date, none used by the other demos."""
    found: list[str] = []
    serial = 0
    while len(found) < count:
        first_eleven = f"{first_seven}{serial:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            found.append(first_eleven + str(digit))
        serial += 1
    return found


def _staff(email: str, name: str, code: str, role: str) -> User:
    user, _created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "password": _password()}
    )
    Membership.objects.get_or_create(user=user, agency=Agency.objects.get(code=code), role=role)
    return user


def demo_people(now: datetime.datetime) -> tuple[User, list[User]]:
    """The verified author (with a login) and the signers (without one), made once."""
    iins = _iins(SIGNERS + 1)
    proven = {"iin_verified_at": now - 400 * DAY, "iin_verified_by": Proof.SIGNATURE,
              "date_joined": now - 400 * DAY}  # fmt: skip
    author, _created = User.objects.get_or_create(
        email=AUTHOR, defaults={"full_name": "Ермекова Дана Сериковна", "iin_bin": iins[0],
                                "password": _password(), **proven},
    )  # fmt: skip
    emails = [f"signer-{index:03d}@{DEMO_DOMAIN}" for index in range(SIGNERS)]
    known = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(email=email, full_name=SIGNER_NAMES[index % len(SIGNER_NAMES)],
             iin_bin=iins[index + 1], password=make_password(None), **proven)
        for index, email in enumerate(emails) if email not in known
    )  # fmt: skip
    return author, [author, *User.objects.filter(email__in=emails).order_by("email")]


def _slug(seed: int, key: str) -> str:
    """Unguessable-looking and the same on every run, so a rerun finds it."""
    raw = random.Random(f"{seed}:{key}").randbytes(12)  # noqa: S311 - repeatable demo links
    return base64.urlsafe_b64encode(raw).decode()


def _moderated(petition: Petition, plan: Plan, moderator: User) -> None:
    petition.moderator = moderator
    petition.moderated_at = petition.submitted_at + 3 * DAY
    if plan.status == Petition.Status.REFUSED:
        petition.refusal_ground, petition.refusal_reason = plan.ground, plan.reason
        if plan.subject:
            petition.excluded_subject = ExcludedSubject.objects.get(code=plan.subject)
        return
    petition.published_at = petition.moderated_at
    petition.collection_ends_at = collection_end(petition.published_at, petition.level)
    # The law's goals (2,500 to 50,000) would need that many demo signers: a petition that
    # reaches its goal here has it lowered on its own row, where the goal is fixed anyway.
    petition.threshold = plan.goal or threshold_for(petition.addressee, petition.level)


def _petition(plan: Plan, now: datetime.datetime, author: User, moderator: User) -> Petition:
    addressee = Agency.objects.select_related("region").get(code=plan.addressee)
    level = level_for(addressee)
    if level is None:
        raise LookupError(f"No petition level for {addressee.code}")
    submitted = now - plan.age_days * DAY
    petition = Petition(
        author=author, addressee=addressee, level=level, region=addressee.region,
        category_id=plan.category_id(), title=plan.title, text=plan.text, demand=plan.demand,
        status=plan.status, submitted_at=submitted, outcome=plan.outcome, decision=plan.decision,
        admissibility_due=due_at(submitted, petition_rules().admissibility_working_days),
    )  # fmt: skip
    if plan.status != Petition.Status.SUBMITTED:
        _moderated(petition, plan, moderator)
    if plan.status == Petition.Status.FAILED:
        petition.closed_at = petition.collection_ends_at  # its months ended short of the goal
    return petition


def _milestones(petition: Petition, plan: Plan, signatures: list[Signature]) -> None:
    """Listed at the 50th active signature, reached at the goal's, answered ten days on."""
    active = [s.signed_at for s in signatures if s.withdrawn_at is None]
    petition.signatures_seen = len(active)
    listed_from = petition_rules().listed_from
    if len(active) >= listed_from:
        petition.listed_at = active[listed_from - 1]
    goal = petition.threshold or 0
    if plan.status not in (Petition.Status.CONSIDERING, Petition.Status.ANSWERED):
        return
    reached = petition.reached_at = active[goal - 1]
    petition.answer_due = due_at(reached, petition.level.answer_working_days)
    if plan.status == Petition.Status.ANSWERED:
        petition.answered_at = petition.closed_at = reached + 10 * DAY
        petition.answered_by = _answerer(petition.addressee.code)
        # The signers were told when it was answered: the minute's task must not tell them now.
        petition.notified_at = petition.answered_at
        petition.notified_through = max(s.pk for s in signatures)


def _answerer(code: str) -> User:
    """The addressee's head (load_demo's for the staffed bodies; made here otherwise)."""
    return _staff(f"head.{code}@{DEMO_DOMAIN}", "Бекзат Ораз", code, Membership.Role.HEAD)


def _end(plan: Plan, petition: Petition, now: datetime.datetime) -> datetime.datetime:
    """The last signature's moment: an answered petition's came before its answer."""
    if plan.status == Petition.Status.ANSWERED:
        return now - 30 * DAY
    return min(now, petition.collection_ends_at or now)


def _write(plan: Plan, rng: random.Random, people: tuple[User, list[User]], seed: int) -> None:
    now, (author, signers) = timezone.now(), people
    moderator = User.objects.get(email=MODERATOR)
    petition = _petition(plan, now, signers[plan.author] if plan.author else author, moderator)
    petition.slug = _slug(seed, plan.key)
    petition.save()
    if petition.published_at is None:
        return
    start, end = petition.published_at, _end(plan, petition, now)
    chosen = rng.sample(signers, plan.signatures + plan.withdrawn)
    moments = sorted(start + (end - start) * rng.random() for _signer in chosen)
    # The first few signed and took it back the next day.
    signatures = Signature.objects.bulk_create(
        Signature(
            petition=petition, signer=signer, iin=signer.iin_bin, signed_at=at,
            short_name=short_name(signer.full_name),
            withdrawn_at=min(now, at + DAY) if index < plan.withdrawn else None,
        )
        for index, (signer, at) in enumerate(zip(chosen, moments, strict=True))
    )  # fmt: skip
    counts = [0] * TALLY_SHARDS
    for signature in signatures:
        if signature.withdrawn_at is None:
            counts[signature.pk % TALLY_SHARDS] += 1
    SignatureTally.objects.bulk_create(
        SignatureTally(petition=petition, shard=shard, count=count)
        for shard, count in enumerate(counts)
    )
    _milestones(petition, plan, signatures)
    petition.save()
    if plan.flagged:
        PetitionFlag.objects.create(
            petition=petition, window_start=now - 2 * HOUR, window_end=now - HOUR,
            new_accounts=31,
        )  # fmt: skip


@transaction.atomic
def demo_petitions(seed: int = 2026) -> tuple[int, list[DemoLogin]]:
    """The demo's petitions, each once; returns how many were made and the logins."""
    moderator = _staff(MODERATOR, "Жанна Оспанова", "mki", Membership.Role.MODERATOR)
    people = demo_people(timezone.now())
    for code in {plan.addressee for plan in PLANS}:
        _answerer(code)
    known = set(Petition.objects.values_list("slug", flat=True))
    made = 0
    for plan in PLANS:
        if _slug(seed, plan.key) in known:
            continue
        _write(plan, random.Random(f"{seed}:{plan.key}"), people, seed)  # noqa: S311
        made += 1
    logins = [
        DemoLogin(moderator.email, "petition moderator, Ministry of Culture and Information"),
        DemoLogin(AUTHOR, "citizen with a verified IIN: files and signs petitions"),
        DemoLogin(f"head.{PLANS[1].addressee}@{DEMO_DOMAIN}", "answers the district's petitions"),
    ]
    return made, logins
