from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals")

    def ready(self) -> None:
        from accounts.signals import identity_proven
        from appeals.backoffice import (  # noqa: F401  (registers the back-office pages)
            admin,
            answer_templates,
        )
        from appeals.identity import walk_in_appeals_move

        identity_proven.connect(walk_in_appeals_move, dispatch_uid="appeals.walk_in_appeals")
