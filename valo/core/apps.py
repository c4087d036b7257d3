from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "valo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from valo.core import checks, signals  # noqa: F401  (registers receivers and checks)
