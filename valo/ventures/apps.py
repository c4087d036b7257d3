from django.utils.translation import gettext_lazy as _

from valo.core import registry


class VenturesConfig(registry.ValoAppConfig):
    name = "valo.ventures"
    label = "ventures"
    verbose_name = _("Ventures")
    url_prefix = "ventures/"
    api_urls = "valo.ventures.api.urls"
    demo_loader = "valo.ventures.demo.load_demo"
    agenda_sources = ("valo.ventures.agenda.expiring_authorisations",)
    documents_on = ("ventures.Venture",)
    search_sources = ("valo.ventures.search.ventures",)
    data_imports = (
        "valo.ventures.imports.VENTURES",
        "valo.ventures.imports.INVOLVEMENTS",
    )
    menu_sections = (registry.MenuSection("transfer", _("Transfer"), order=40),)
    menu = registry.menu("transfer", (_("Ventures"), "ventures_venture_list"), order=50)
