from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenturesConfig(AppConfig):
    name = "valo.ventures"
    label = "ventures"
    verbose_name = _("Ventures")

    def ready(self) -> None:
        from valo.core.agenda import register
        from valo.ventures.agenda import expiring_authorisations

        register(expiring_authorisations)
