from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies and reference data")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from agencies import models
        from agencies.held import forget_on_change

        for model in (models.AppealType, models.Region, models.Category, models.Agency,
                      models.CalendarDay, models.RoutingRule):  # fmt: skip
            post_save.connect(forget_on_change, sender=model, dispatch_uid=f"held-{model}")
            post_delete.connect(forget_on_change, sender=model, dispatch_uid=f"held-d-{model}")
