"""No personal data leaves through the public side: every public page, export and API.

Applicants with known names, IINs/BINs, emails and phones write appeals that repeat them in
every free-text field, and so do staff's comments and the ratings. Every public address
(from the URL resolver: a route nobody classified fails) is fetched anonymously and searched
for those details, digits written with spaces or dashes included.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency, AppealType, Category, Region
from appeals.models import Appeal
from appeals.rating import feedback_give
from appeals.services import (
    appeal_answer,
    appeal_assign,
    appeal_extend,
    appeal_forward,
    appeal_register,
    appeal_submit_on_behalf,
    appeal_terminate,
)
from ratings.models import Period, RankingSnapshot, Scope
from ratings.snapshots import rankings_recompute
from tests.conftest import People, client_for, submit_appeal
from tests.factories import MembershipFactory, UserFactory, valid_iin
from tests.security.access_letters import LETTER_PRIVATE, LETTER_PUBLIC
from tests.security.access_pages import PAGES_PUBLIC
from tests.security.access_status import STATUS_PUBLIC
from tests.security.access_topics import TOPICS_PRIVATE, TOPICS_PUBLIC
from tests.security.helpers import a_later_working_day
from tests.security.public_listening import LISTENING_PUBLIC, plant_clusters
from tests.security.public_petitions import (
    PETITIONS_PRIVATE,
    PETITIONS_PUBLIC,
    petitions_personal_data,
    plant_petitions,
)
from tests.security.public_receptions import (
    RECEPTIONS_PRIVATE,
    RECEPTIONS_PUBLIC,
    hold_receptions,
    problem_map_urls,
)
from tests.security.public_urls import (
    Urls,
    agency_urls,
    api_ranking_urls,
    export_urls,
    fixed,
    map_export_urls,
    per_snapshot,
    rankings_urls,
    routing_urls,
    snapshot_list_urls,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Person:
    full_name: str
    email: str
    phone: str
    number: str  # IIN, or BIN for an organisation
    kind: str = User.Kind.INDIVIDUAL


APPLICANTS = [
    Person("Жанар Конфиденциальная", "zhanar.private@mail.kz", "+7 701 555 12 34", valid_iin(7001)),
    Person("Ерлан Секретов", "erlan.secret@example.kz", "+77029998877", valid_iin(7103)),
    Person("Dana Hiddenova", "dana.hidden@example.com", "8 (705) 111-22-33", valid_iin(7207)),
    Person(
        "ТОО Приватный Пример", "privatnyi.primer@example.kz", "+7 727 300 40 50",
        "180540000002", User.Kind.LEGAL,
    ),
]  # fmt: skip
WALK_IN = Person("Мария Тайнова", "", "+7 777 123 45 67", valid_iin(7301))
EXECUTOR_NAME = "Исполнитель Скрытный"
AGENCIES = ["akimat-kz-75", "akimat-kz-75-almaly", "akimat-kz-71", "mtszn"]


# --- What must never appear -----------------------------------------------------------------


def _digits(number: str) -> re.Pattern[str]:
    """The digits in order, with any spaces, dashes, dots or brackets between them."""
    return re.compile(r"[\s\u00a0\u202f().-]*".join(re.escape(d) for d in number))


def _text(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.I)


def personal_data(person: Person) -> dict[str, re.Pattern[str]]:
    """What identifies `person`, by what it is: IIN/BIN and phone digits, names, email."""
    national = re.sub(r"\D", "", person.phone)[-10:]  # without +7 / 8
    found = {
        f"IIN/BIN of {person.full_name}": _digits(person.number),
        f"phone of {person.full_name}": _digits(national),
        f"name of {person.full_name}": _text(person.full_name),
    }
    if person.kind == User.Kind.INDIVIDUAL:
        found[f"surname of {person.full_name}"] = _text(person.full_name.split()[-1])
    if person.email:
        found[f"email of {person.full_name}"] = _text(person.email)
        found[f"email name of {person.full_name}"] = _text(person.email.split("@")[0])
    return found


def every_personal_datum() -> dict[str, re.Pattern[str]]:
    found = {
        label: p for person in [*APPLICANTS, WALK_IN] for label, p in personal_data(person).items()
    }
    return {**found, "the executor's name": _text(EXECUTOR_NAME), **petitions_personal_data()}


def readable(response: Any) -> str:
    """The body as a reader gets it: entities decoded, JSON without \\u escapes."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig", errors="replace")
    if response.get("Content-Type", "").startswith(("application/json", "application/vnd.oai")):
        with contextlib.suppress(ValueError):  # the schema is YAML unless asked for JSON
            text = json.dumps(json.loads(text), ensure_ascii=False)
    if response.get("Content-Type", "").startswith("text/calendar"):
        text = re.sub(r"\\([\\;,])", r"\1", text.replace("\r\n ", ""))  # unfolded, unescaped
    return html.unescape(text)


# --- The data: personal details in every field ---------------------------------------------


def staff_of(agency: Agency) -> dict[str, User]:
    return {
        role: MembershipFactory.create(agency=agency, role=role).user
        for role in (Membership.Role.REGISTRAR, Membership.Role.HEAD, Membership.Role.EXECUTOR)
    }


def write_appeals(people: People) -> None:
    agencies = {code: Agency.objects.get(code=code) for code in AGENCIES}
    staff = {code: staff_of(agency) for code, agency in agencies.items()}
    for team in staff.values():
        User.objects.filter(pk=team["executor"].pk).update(full_name=EXECUTOR_NAME)
    for index, person in enumerate(APPLICANTS):
        applicant = UserFactory.create(
            full_name=person.full_name, email=person.email, phone=person.phone,
            iin_bin=person.number, kind=person.kind,
        )  # fmt: skip
        details = f"{person.full_name}, ИИН {person.number}, {person.email}, тел. {person.phone}"
        for number, code in enumerate(AGENCIES * 2):
            appeal = submit_appeal(
                applicant, agencies[code], co_applicants=3 * index,
                subject=f"{person.full_name}: нет отопления",
                text=f"Пишет {details}. В доме нет отопления с 1 ноября.",
                address=f"г. Алматы, ул. Абая, 10, кв. {number}; {person.phone}",
            )  # fmt: skip
            close(appeal, staff[code], person, details, variant=(index + number) % 4)


def close(
    appeal: Appeal, team: dict[str, User], person: Person, details: str, variant: int
) -> None:
    """One of four fates, each leaving the person's details in comments and answers."""
    head, executor = team["head"], team["executor"]
    if variant == 3:
        target = Agency.objects.get(code="akimat-kz-79")
        appeal_forward(appeal_id=appeal.pk, actor=head, to_agency=target, reason=details)
        return
    appeal_register(appeal_id=appeal.pk, actor=team["registrar"], comment=details)
    if variant == 2:
        appeal_terminate(appeal_id=appeal.pk, actor=head, reason="no_substance", comment=details)
        return
    appeal_assign(appeal_id=appeal.pk, actor=head, executor=executor, instruction=details)
    until = a_later_working_day(appeal)
    appeal_extend(appeal_id=appeal.pk, actor=head, until=until, reason=f"Звонили {person.phone}")
    appeal_answer(
        appeal_id=appeal.pk, actor=executor, kind="explained",
        text=f"Уважаемый(ая) {person.full_name}! Перезвоним на {person.phone}.",
        override_warnings=True,  # short, and alike for each person: the check is not tested here
    )  # fmt: skip
    feedback_give(
        appeal_id=appeal.pk, satisfied=variant == 1, reason="" if variant == 1 else "formal",
        comment=f"Звоните мне: {person.phone}, {person.email}",
    )  # fmt: skip


def walk_in(people: People) -> None:
    appeal_submit_on_behalf(
        operator=people.front_office, iin=WALK_IN.number, full_name=WALK_IN.full_name,
        phone=WALK_IN.phone, appeal_type=AppealType.objects.get(code="application"),
        category=Category.objects.get(code="housing-heating"),
        region=Region.objects.get(code="KZ-75"), addressee=people.agency,
        subject=WALK_IN.full_name, text=f"{WALK_IN.full_name}, {WALK_IN.phone}, {WALK_IN.number}",
        language="ru",
    )  # fmt: skip


@pytest.fixture
def published(people: People, settings: Any, tmp_path: Any) -> list[RankingSnapshot]:
    settings.RANKINGS_MIN_CASES = 1  # rank everyone: names reach the charts and tables
    settings.MEDIA_ROOT = tmp_path  # for the letters LETTER_PUBLIC issues
    write_appeals(people)
    walk_in(people)
    settings.RECEPTIONS_MIN_CASES = 1  # every official's figures shown, with his name
    executor = User.objects.get(full_name=EXECUTOR_NAME, memberships__agency=people.agency)
    hold_receptions(people, APPLICANTS, WALK_IN, executor)  # before the map counts them
    settings.PETITIONS_MIN_CASES = 1  # every addressee's rates shown
    plant_petitions(people)
    person = APPLICANTS[0]
    plant_clusters(f"{person.full_name}, ИИН {person.number}, {person.email}, {person.phone}")
    today = timezone.localdate()
    rankings_recompute()
    rankings_recompute(periods=(Period.CUSTOM,), start=today.replace(day=1), end=today)
    snapshots = list(RankingSnapshot.objects.order_by("pk"))
    assert {(s.scope, s.period) for s in snapshots} == {(s, p) for s in Scope for p in Period}
    return snapshots


# --- Every route of the site, classified ------------------------------------------------------


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


# Routes an anonymous visitor may read, with every address of each that is scanned.
PUBLIC: dict[str, Urls] = {
    "": fixed("/"),
    "healthz": fixed("/healthz"),
    "ratings/": rankings_urls,
    "ratings/agency/<slug:code>/": agency_urls,
    "ratings/map/": problem_map_urls,
    "ratings/methodology/": fixed("/ratings/methodology/"),
    "ratings/snapshots/<int:pk>.<str:extension>": export_urls,
    "ratings/snapshots/<int:pk>/map.<str:extension>": map_export_urls,
    "api/v1/rankings/": api_ranking_urls,
    "api/v1/rankings/snapshots/": snapshot_list_urls,
    "api/v1/rankings/snapshots/<int:pk>/": per_snapshot("/api/v1/rankings/snapshots/{}/"),
    "api/v1/rankings/snapshots/<int:pk>/problem-map/": per_snapshot(
        "/api/v1/rankings/snapshots/{}/problem-map/"
    ),
    "api/v1/rankings/snapshots/<int:pk>/repeats/": per_snapshot(
        "/api/v1/rankings/snapshots/{}/repeats/"
    ),
    "api/v1/regions/": fixed("/api/v1/regions/"),
    "api/v1/agencies/": fixed("/api/v1/agencies/", "/api/v1/agencies/?region=KZ-75"),
    "api/v1/categories/": fixed("/api/v1/categories/"),
    "api/v1/appeal-types/": fixed("/api/v1/appeal-types/"),
    "api/v1/routing/": routing_urls,
    "appeals/routing/": routing_urls,
    "api/schema/": fixed("/api/schema/", "/api/schema/?format=json"),
    "api/docs/": fixed("/api/docs/"),
    **{r: fixed(f"/{r}") for r in ("api/redoc/", "api/redoc/redoc.standalone.js", "favicon.ico")},
    **LETTER_PUBLIC,
    **STATUS_PUBLIC,
    **PAGES_PUBLIC,
    **RECEPTIONS_PUBLIC,
    **PETITIONS_PUBLIC,
    **LISTENING_PUBLIC,
    **TOPICS_PUBLIC,
    "accounts/login/": fixed("/accounts/login/"),
    "accounts/sign-up/": fixed("/accounts/sign-up/"),
    "accounts/signature/": fixed("/accounts/signature/"),
    "accounts/password-reset/": fixed("/accounts/password-reset/"),
    "accounts/password-reset/sent/": fixed("/accounts/password-reset/sent/"),
    "accounts/password-reset/done/": fixed("/accounts/password-reset/done/"),
    "accounts/password-reset/<uidb64>/<token>/": fixed("/accounts/password-reset/MQ/x-y/"),
    "backoffice/login/": fixed("/backoffice/login/"),
    "admin/login/": fixed("/admin/login/"),
}

LOGIN = "requires logging in: the citizen's own appeals, or a staff role"
# Routes an anonymous visitor cannot read, and why.
PRIVATE: dict[str, str] = {
    "i18n/setlang/": "POST only: switches the language and redirects",
    "appeals/": LOGIN,
    "appeals/new/": LOGIN,
    "appeals/<int:pk>/sent/": LOGIN,
    "appeals/files/<int:pk>/": LOGIN,
    "appeals/<int:pk>/": LOGIN,
    "appeals/<int:pk>/withdraw/": LOGIN,
    "appeals/<int:pk>/objection/": LOGIN,
    "appeals/<int:pk>/questions/<int:question_pk>/reply/": LOGIN,
    **dict.fromkeys(LETTER_PRIVATE, LOGIN),
    **dict.fromkeys(TOPICS_PRIVATE, LOGIN),
    "ratings/appeal/<int:pk>/": LOGIN,
    **RECEPTIONS_PRIVATE,
    **PETITIONS_PRIVATE,
    "ratings/r/<str:token>/": "the applicant's signed link from their own email",
    "accounts/logout/": "POST only",
    "accounts/confirm/<str:uidb64>/<str:token>/": "the signed link from the sign-up email",
    "accounts/profile/": LOGIN,
    "api/v1/auth/token/": "POST only: exchanges a password for a token",
    "api/v1/auth/tokens/": LOGIN,
    "api/v1/auth/tokens/<str:token_key>/": LOGIN,
    "api/v1/auth/logout/": LOGIN,
}
PRIVATE_PREFIXES = {
    "api/v1/appeals/": LOGIN,
    "api/v1/staff/": LOGIN,
    "inbox/": LOGIN,
    "backoffice/": "the back-office: staff of an agency only",
    "admin/": "the administrators' site",
}


def classified(route: str) -> bool:
    return route in PUBLIC or route in PRIVATE or route.startswith(tuple(PRIVATE_PREFIXES))


def test_every_route_is_classified() -> None:
    unclassified = [route for route in routes() if not classified(route)]
    assert unclassified == [], "add these routes to PUBLIC (with their addresses) or PRIVATE"
    assert set(PUBLIC) <= set(routes()), "PUBLIC names routes that no longer exist"


# Values that make a route's address concrete, to see what an anonymous visitor gets.
FILLERS = {"code": "akimat-kz-75", "extension": "csv", "action": "register", "app_label": "appeals"}


def anonymous_address(route: str, appeal: Appeal) -> str:
    def value(match: re.Match[str]) -> str:
        return FILLERS.get(match.group(2), str(appeal.pk))

    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: FILLERS.get(m.group(1), "x"), path)
    return "/" + path.replace("^", "").replace("$", "")


def test_only_the_public_routes_answer_anonymous_visitors(
    client: Client, published: list[RankingSnapshot]
) -> None:
    """A private route that starts answering strangers must move to PUBLIC and be scanned."""
    appeal = Appeal.objects.earliest("pk")
    answering = []
    for route in routes():
        if route in PUBLIC:
            continue
        response = client.get(anonymous_address(route, appeal))
        if response.status_code == 200:
            answering.append(route)
    assert answering == []


def test_no_public_page_export_or_api_shows_personal_data(
    client: Client, published: list[RankingSnapshot]
) -> None:
    patterns = every_personal_datum()
    scanned, leaks = 0, []
    for urls in PUBLIC.values():
        for url in urls(published):
            # An API address opened in a browser gets the browsable API's HTML page.
            accepts = ["*/*", "text/html"] if url.startswith("/api/v1/") else ["*/*"]
            for accept in accepts:
                response = client.get(url, HTTP_ACCEPT=accept)
                assert response.status_code in {200, 400, 404, 503}, f"{url}: {response}"
                text = readable(response)
                leaks += [f"{url} ({accept}): {k}" for k, p in patterns.items() if p.search(text)]
                scanned += 1
    assert leaks == []
    assert scanned > 150  # every period, sort, agency, snapshot and export


def test_the_search_finds_the_details_where_they_belong(people: People) -> None:
    """On the back-office page of such an appeal, every pattern of its applicant is found."""
    write_appeals(people)
    person = APPLICANTS[0]
    appeal = Appeal.objects.filter(applicant__email=person.email).first()
    assert appeal is not None
    head = Membership.objects.filter(agency=appeal.agency_id, role="head").first()
    assert head is not None
    text = readable(client_for(head.user).get(f"/backoffice/appeals/appeal/{appeal.pk}/change/"))
    own = personal_data(person)
    assert len(own) == 6
    assert [label for label, pattern in own.items() if not pattern.search(text)] == []
    spaced = " ".join(person.number[i : i + 3] for i in range(0, 12, 3))  # "900 315 …"
    assert _digits(person.number).search(f"ИИН {spaced}")
