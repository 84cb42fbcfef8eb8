"""The petitions the access walk's petition rows need (access_petitions.py), made on first
use through the real services, all addressed to `people.agency`: one awaiting moderation
with a file, one refused, one collecting (the citizen signed it), one listed, one with the
addressee, one answered, and a burst flag. The citizen's IIN is verified here (petitions
need it); the moderator is `other_agency_head`, given the moderator's role at the
authorised body: staff of another body than the addressee, as moderators are."""

from __future__ import annotations

import datetime
from functools import cached_property

from django.test import override_settings
from django.utils import timezone

from accounts.models import Membership, User
from agencies.models import Agency, Category
from appeals.attachments import clean_upload
from petitions.answering import petition_answer
from petitions.filing import Draft, petition_file
from petitions.models import Petition, PetitionFlag
from petitions.moderation import petition_accept, petition_refuse
from petitions.signing import signature_add
from tests.conftest import People
from tests.factories import valid_iin
from tests.files import pdf
from tests.petitions.world import signed_by

TITLE = "Отремонтировать котельную на улице Абая"


def verified(user: User, serial: int) -> User:
    """The user, his IIN proven by a digital signature."""
    User.objects.filter(pk=user.pk).update(
        iin_bin=valid_iin(serial), iin_verified_at=timezone.now(), full_name="Алиева Алия Ержановна"
    )
    user.refresh_from_db()
    return user


def moderator_of(user: User) -> User:
    """`user` becomes a moderator of the authorised body too."""
    Membership.objects.get_or_create(
        user=user, agency=Agency.objects.get(code="mki"), role=Membership.Role.MODERATOR
    )
    return user


class Petitions:
    def __init__(self, people: People) -> None:
        self.people = people

    @cached_property
    def citizen(self) -> User:
        return verified(self.people.citizen, 6101)

    @cached_property
    def moderator(self) -> User:
        return moderator_of(self.people.other_agency_head)

    def file(self, *, files: int = 0) -> Petition:
        draft = Draft(
            addressee=self.people.agency, category=Category.objects.get(code="housing-heating"),
            title=TITLE, text="Котельная работает с перебоями третью зиму.",
            demand="Включить ремонт котельной в план.",
        )  # fmt: skip
        uploads = [clean_upload(pdf()) for _n in range(files)]
        with override_settings(PETITIONS_FILED_PER_DAY=100):  # one citizen files them all
            return petition_file(author=self.citizen, draft=draft, files=uploads, not_excluded=True)

    def accept(self, petition: Petition, threshold: int | None = None) -> Petition:
        petition = petition_accept(moderator=self.moderator, petition_id=petition.pk)
        if threshold is not None:  # the law's goals are thousands: lowered on the row
            Petition.objects.filter(pk=petition.pk).update(threshold=threshold)
            petition.refresh_from_db()
        return petition

    @cached_property
    def submitted(self) -> Petition:
        """Awaiting moderation, with a file."""
        return self.file(files=1)

    @cached_property
    def refused(self) -> Petition:
        return petition_refuse(
            moderator=self.moderator, petition_id=self.file().pk,
            ground=Petition.RefusalGround.REQUIREMENTS, reason="Не указано, что требуется.",
        )  # fmt: skip

    @cached_property
    def collecting(self) -> Petition:
        """Published by link, with a file; the citizen signed it."""
        petition = self.accept(self.file(files=1))
        signature_add(signer=self.citizen, petition=petition, address="203.0.113.1")
        return petition

    @cached_property
    def unsigned(self) -> Petition:
        """Published by link; nobody signed it yet."""
        return self.accept(self.file())

    @cached_property
    def listed(self) -> Petition:
        """Past the first threshold: in the lists."""
        petition = self.accept(self.file())
        signed_by(petition, 50)
        petition.refresh_from_db()
        return petition

    @cached_property
    def considering(self) -> Petition:
        """With the addressee: its goal, lowered to 2, reached."""
        petition = self.accept(self.file(), threshold=2)
        signature_add(signer=self.citizen, petition=petition, address="203.0.113.2")
        signed_by(petition, 1)
        petition.refresh_from_db()
        assert petition.status == Petition.Status.CONSIDERING
        return petition

    @cached_property
    def answered(self) -> Petition:
        petition = self.accept(self.file(), threshold=1)
        signed_by(petition, 1)
        return petition_answer(
            staff=self.people.head, petition_id=petition.pk,
            outcome=Petition.Outcome.PARTLY, decision="Котельную отремонтируют летом.",
        )  # fmt: skip

    @cached_property
    def flag(self) -> PetitionFlag:
        now = timezone.now()
        return PetitionFlag.objects.create(
            petition=self.unsigned, window_start=now - datetime.timedelta(minutes=10),
            window_end=now, new_accounts=120,
        )  # fmt: skip
