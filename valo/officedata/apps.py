from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import Capability, Role


class OfficeDataConfig(registry.ValoAppConfig):
    name = "valo.officedata"
    label = "officedata"
    verbose_name = _("Office data")
    url_prefix = "officedata/"
    health_checks = ("valo.officedata.store.store_health",)
    menu = registry.menu(
        "patents", (_("Import office files"), "officedata_import", "officedata.import"), group=1
    )
    capabilities = (
        Capability(
            "officedata.import",
            _("Import office files (INPI, EPO OPS, Lens, PATSTAT) into the analytic store"),
            roles=frozenset({Role.OFFICER, Role.ADMIN}),
        ),
    )
