from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("E-petitions")

    def ready(self) -> None:
        from petitions.backoffice import admin  # noqa: F401  (registers the back-office pages)
