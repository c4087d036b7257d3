from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import ANY_ROLE, EDITOR_ROLES, Capability


class CoreConfig(registry.ValoAppConfig):
    name = "valo.core"
    label = "core"
    verbose_name = _("Core")
    api_urls = "valo.core.api_urls"
    menu_sections = (
        registry.MenuSection("changelog", _("Change log"), order=90, dropdown=False),
        registry.MenuSection("onboarding", _("Imports"), order=92, dropdown=False),
        registry.MenuSection("api", _("API"), order=95, dropdown=False),
    )
    menu = (
        *registry.menu("changelog", (_("Change log"), "changelog_list", "core.view_objectchange")),
        *registry.menu("onboarding", (_("Imports"), "onboarding", "core.import_data")),
        *registry.menu("api", (_("API"), "api_docs", "core.use_api")),
    )
    capabilities = (
        Capability("core.use_api", _("Use the API and its documentation"), roles=ANY_ROLE),
        Capability(
            "core.import_data",
            _("Import the office's spreadsheets and export them in the same format"),
            roles=EDITOR_ROLES,
        ),
    )

    def ready(self) -> None:
        super().ready()
        from valo.core import checks, signals  # noqa: F401  (registers receivers and checks)
