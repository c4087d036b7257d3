from django.utils.translation import gettext_lazy as _

from valo.core import registry


class OfficeDataConfig(registry.ValoAppConfig):
    name = "valo.officedata"
    label = "officedata"
    verbose_name = _("Office data")
    health_checks = ("valo.officedata.store.store_health",)
