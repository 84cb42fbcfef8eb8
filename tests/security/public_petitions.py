"""Petitions in the public-PII scan (test_public_pii.py): verified authors and signers with
distinctive names, IINs, emails and phones file and sign petitions in every state; the
unpublished ones carry marked texts and file names, the refused ones marked reasons. Every
public route of petitions is listed with the addresses the scan reads. Public there: the
published petitions, their counts and files, signers' short names ("Гульнар П.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.test import override_settings
from django.utils import timezone

from accounts.models import Proof, User
from agencies.models import Agency, Category
from appeals.attachments import clean_upload
from petitions.answering import petition_answer, signers_notify
from petitions.figures import FigurePeriod
from petitions.filing import Draft, petition_file
from petitions.models import ExcludedSubject, Petition, PetitionAttachment
from petitions.moderation import petition_accept, petition_refuse
from petitions.signing import signature_add
from ratings.models import RankingSnapshot
from tests.conftest import People
from tests.factories import UserFactory, valid_iin
from tests.files import pdf
from tests.petitions.world import moderator, signed_by
from tests.security.public_urls import Urls, fixed


@dataclass(frozen=True)
class Verified:
    """A verified person: the name as the CA writes it, "Surname Name Patronymic"."""

    full_name: str
    email: str
    phone: str
    number: str

    @property
    def surname(self) -> str:
        return self.full_name.split()[0]

    @property
    def patronymic(self) -> str:
        return self.full_name.split()[2]


AUTHOR = Verified("Заявителева Сауле Петиционовна", "saule.author@example.kz",
                  "+7 701 444 55 66", valid_iin(7601))  # fmt: skip
SIGNERS = [
    Verified("Подписантова Гульнар Тайновна", "gulnar.signer@example.kz", "+7 702 333 22 11",
             valid_iin(7703)),
    Verified("Скрытбеков Арман Неизвестович", "arman.hidden@example.com", "8 (705) 222-33-44",
             valid_iin(7805)),
]  # fmt: skip
# Marked words of what is never public: unpublished texts and files, refusals (a search
# for a part of one, "невидимка", must not find them; the whole word would be echoed).
DRAFT = "Черновик-невидимка-4471"
DRAFT_FILE = "файл-черновика-3390"
REASON = "Причина-отказа-8812"


def _words(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.I)


def _digits(number: str) -> re.Pattern[str]:
    return re.compile(r"[\s\u00a0\u202f().-]*".join(re.escape(d) for d in number))


def petitions_personal_data() -> dict[str, re.Pattern[str]]:
    """What must never be public: a verified person's short name ("Гульнар П.") may be."""
    found: dict[str, re.Pattern[str]] = {}
    for person in [AUTHOR, *SIGNERS]:
        national = re.sub(r"\D", "", person.phone)[-10:]
        found |= {
            f"name of {person.full_name}": _words(person.full_name),
            f"surname of {person.full_name}": _words(person.surname),
            f"patronymic of {person.full_name}": _words(person.patronymic),
            f"IIN of {person.full_name}": _digits(person.number),
            f"phone of {person.full_name}": _digits(national),
            f"email of {person.full_name}": _words(person.email.split("@")[0]),
        }
    return found | {
        "an unpublished petition's text": _words(DRAFT),
        "an unpublished petition's file name": _words(DRAFT_FILE),
        "the reasons of a refusal": _words(REASON),
    }


def _user(person: Verified) -> User:
    return UserFactory.create(
        full_name=person.full_name, email=person.email, phone=person.phone,
        iin_bin=person.number, iin_verified_at=timezone.now(), iin_verified_by=Proof.SIGNATURE,
    )  # fmt: skip


def details(person: Verified) -> str:
    return f"{person.full_name}, ИИН {person.number}, {person.email}, тел. {person.phone}"


def _file(author: User, agency: Agency, *, draft: bool = False, files: int = 0) -> Petition:
    """A petition; a draft's every text names its author and carries the marked words."""
    mark = f"{DRAFT} {details(AUTHOR)}" if draft else ""
    text = Draft(
        addressee=agency, category=Category.objects.get(code="housing-heating"),
        title=f"Котельная {mark}".strip(), text=f"Котельная не работает. {mark}",
        demand=f"Отремонтировать котельную. {mark}",
    )  # fmt: skip
    name = f"{DRAFT_FILE} {AUTHOR.full_name}.pdf" if draft else "схема.pdf"
    uploads = [clean_upload(pdf(name)) for _n in range(files)]
    with override_settings(PETITIONS_FILED_PER_DAY=100):  # the author files them all today
        return petition_file(author=author, draft=text, files=uploads, not_excluded=True)


def _sign_all(petition: Petition, signers: list[User]) -> None:
    for number, signer in enumerate(signers):
        signature_add(signer=signer, petition=petition, address=f"198.51.100.{number}")


def plant_petitions(people: People) -> None:
    """Petitions to `people.agency` in every state, by the planted author and signers."""
    author, signers, checker = _user(AUTHOR), [_user(p) for p in SIGNERS], moderator()
    _file(author, people.agency, draft=True, files=1)  # awaiting moderation
    for ground, subject in (("requirements", None), ("excluded_subject", "dismissals")):
        petition_refuse(
            moderator=checker, petition_id=_file(author, people.agency, draft=True, files=1).pk,
            ground=ground, reason=f"{REASON}: {details(AUTHOR)}",
            excluded_subject=ExcludedSubject.objects.filter(code=subject).first(),
        )  # fmt: skip
    link_only = petition_accept(moderator=checker, petition_id=_file(author, people.agency).pk)
    _sign_all(link_only, signers)
    listed = petition_accept(
        moderator=checker, petition_id=_file(author, people.agency, files=1).pk
    )
    _sign_all(listed, signers)
    signed_by(listed, 50)
    answered = petition_accept(moderator=checker, petition_id=_file(author, people.agency).pk)
    Petition.objects.filter(pk=answered.pk).update(threshold=51)  # the law's goal, lowered
    answered.refresh_from_db()
    _sign_all(answered, [author, *signers])
    signed_by(answered, 48)
    petition_answer(
        staff=people.head, petition_id=answered.pk, outcome=Petition.Outcome.PARTLY,
        decision="Котельную отремонтируют летом.",
    )  # fmt: skip
    signers_notify(answered.pk)


# --- The addresses the scan reads -------------------------------------------------------------

FILTERS = ["", "?body=akimat-kz-75", "?region=KZ-75", "?status=collecting", "?status=answered",
           "?topic=housing", "?sort=signatures", "?q=невидимка", "?q=Котельная",
           "?page=2"]  # fmt: skip


def _slugs() -> list[str]:
    return list(Petition.objects.order_by("pk").values_list("slug", flat=True))


def each_petition(template: str) -> Urls:
    """Every petition's address, the unpublished ones' too (they must answer 404)."""
    return lambda _: [template.format(slug) for slug in _slugs()]


def with_filters(path: str) -> Urls:
    return lambda _: [path + query for query in FILTERS]


def file_urls(_: list[RankingSnapshot]) -> list[str]:
    files = PetitionAttachment.objects.select_related("petition").order_by("pk")
    return [f"/petitions/{f.petition.slug}/files/{f.pk}/" for f in files]


def figures_urls(path: str) -> Urls:
    return lambda _: [path, *[f"{path}?period={p}" for p in FigurePeriod.values]]


PETITIONS_PUBLIC: dict[str, Urls] = {
    "petitions/": with_filters("/petitions/"),
    "petitions/feed.rss": with_filters("/petitions/feed.rss"),
    "petitions/feed.atom": with_filters("/petitions/feed.atom"),
    "petitions/export.csv": with_filters("/petitions/export.csv"),
    "petitions/export.json": with_filters("/petitions/export.json"),
    "petitions/figures/": figures_urls("/petitions/figures/"),
    "petitions/methodology/": fixed("/petitions/methodology/"),
    "petitions/<slug:slug>/signers/": each_petition("/petitions/{}/signers/"),
    "petitions/<slug:slug>/files/<int:pk>/": file_urls,
    "petitions/<slug:slug>/": each_petition("/petitions/{}/"),
    "api/v1/petitions/": with_filters("/api/v1/petitions/"),
    "api/v1/petitions/figures/": figures_urls("/api/v1/petitions/figures/"),
    "api/v1/petitions/<slug:slug>/": each_petition("/api/v1/petitions/{}/"),
}
LOGIN = "requires logging in: filing, the citizen's own petitions, signing"
PETITIONS_PRIVATE = {
    "petitions/new/": LOGIN,
    "petitions/mine/": LOGIN,
    "petitions/<slug:slug>/sign/": "POST only: " + LOGIN,
    "petitions/<slug:slug>/withdraw/": "POST only: " + LOGIN,
}
