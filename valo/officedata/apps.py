from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeDataConfig(AppConfig):
    name = "valo.officedata"
    label = "officedata"
    verbose_name = _("Office data")
