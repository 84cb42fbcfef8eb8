from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionsConfig(AppConfig):
    name = "receptions"
    verbose_name = _("Receptions and meetings")

    def ready(self) -> None:
        from accounts.signals import identity_proven
        from receptions.backoffice import admin  # noqa: F401  (registers the back-office pages)
        from receptions.outcomes import walk_in_questions_move

        identity_proven.connect(walk_in_questions_move, dispatch_uid="receptions.walk_in_questions")
