from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "valo.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from valo.agreements.agenda import open_obligations
        from valo.core.agenda import register

        register(open_obligations)
