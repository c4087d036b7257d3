from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import STAFF_ROLES, Capability


class RankingsConfig(registry.ValoAppConfig):
    name = "valo.rankings"
    label = "rankings"
    verbose_name = _("Rankings")
    url_prefix = "rankings/"
    api_urls = "valo.rankings.api_urls"
    demo_loader = "valo.rankings.demo.load_demo"
    menu_sections = (registry.MenuSection("patents", _("Patents"), order=30),)
    menu = registry.menu("patents", (_("Rankings"), "rankings_page", "rankings.view"), group=1)

    def ready(self) -> None:
        super().ready()
        from valo.officedata.store import store_changed
        from valo.rankings.entities import on_store_changed

        store_changed.connect(on_store_changed, dispatch_uid="rankings-harmonise")

    capabilities = (
        Capability(
            "rankings.view",
            _("Read the rankings of applicants and the reconciliation with the portfolio"),
            roles=STAFF_ROLES,
        ),
    )
