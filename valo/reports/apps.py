from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import Capability, Role


class ReportsConfig(registry.ValoAppConfig):
    name = "valo.reports"
    label = "reports"
    verbose_name = _("Reports")
    url_prefix = "reports/"
    menu_sections = (registry.MenuSection("reports", _("Reports"), order=60),)
    menu = registry.menu("reports", (_("Yearly report"), "reports_yearly", "reports.view"))
    dashboards = ("valo.reports.dashboard.panels",)
    capabilities = (
        Capability(
            "reports.view",
            _("Read the institution's yearly report and its figures"),
            roles=frozenset({Role.OFFICER, Role.DIRECTOR, Role.FINANCE, Role.AUDITOR, Role.ADMIN}),
        ),
    )
