from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventionsConfig(AppConfig):
    name = "valo.inventions"
    label = "inventions"
    verbose_name = _("Inventions")
