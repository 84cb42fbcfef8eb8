"""What ties an appeal to others and to the text it was written in: the links to the same
applicant's earlier or simultaneous appeals on one matter (appeals/linking.py), and the
topic models that propose a category from the text (appeals/topics/)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from appeals.models.appeal import Appeal


class AppealLink(models.Model):
    """The same applicant wrote about one matter twice: `appeal` repeats `earlier` (sent
    after it was closed) or runs beside it (a parallel appeal, both open, to other bodies).
    Found when `appeal` arrives; never edited afterwards."""

    class Kind(models.TextChoices):
        REPEAT = "repeat", _("Repeat appeal")
        PARALLEL = "parallel", _("Parallel appeal")

    appeal = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, related_name="links", verbose_name=_("appeal"),
        db_index=False,  # appeal_link_unique
    )  # fmt: skip
    earlier = models.ForeignKey(
        Appeal, on_delete=models.PROTECT, related_name="later_links",
        verbose_name=_("earlier appeal"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    # Trigram similarity of the two texts (0–1), as pg_trgm's similarity() gave it.
    similarity = models.FloatField(_("similarity"))
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked appeal")
        verbose_name_plural = _("linked appeals")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "earlier"], name="appeal_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(appeal=models.F("earlier")), name="appeal_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.kind} {self.earlier_id}"


class TopicModel(models.Model):
    """A model that proposes an appeal's category from its text, trained from the routing
    history by `manage.py train_topic_model`; the newest one is used."""

    created_at = models.DateTimeField(_("trained"), auto_now_add=True)
    appeals_used = models.PositiveIntegerField(_("texts learnt from"))
    # The model's weights, compressed (appeals/topics/): read once per process and version.
    weights = models.BinaryField(_("weights"))

    class Meta:
        verbose_name = _("topic model")
        verbose_name_plural = _("topic models")

    def __str__(self) -> str:
        return f"{self.pk} ({self.created_at:%Y-%m-%d %H:%M})"
