from django.utils.translation import gettext_lazy as _

from valo.core import registry


class DirectoryConfig(registry.ValoAppConfig):
    name = "valo.directory"
    label = "directory"
    verbose_name = _("Directory")
    url_prefix = "directory/"
    api_urls = "valo.directory.api.urls"
    demo_loader = "valo.directory.demo.load_demo"
    documents_on = ("directory.Person", "directory.Organization")
    picker_sources = (
        ("directory.Person", "everyone", "valo.directory.pickers.everyone"),
        ("directory.Organization", "internal_units", "valo.directory.pickers.internal_units"),
        ("directory.Organization", "outside", "valo.directory.pickers.outside"),
    )
    search_sources = ("valo.directory.search.people", "valo.directory.search.organizations")
    data_imports = (
        "valo.directory.imports.ORGANIZATIONS",
        "valo.directory.imports.PEOPLE",
        "valo.directory.imports.AFFILIATIONS",
        "valo.directory.imports.LABELS",
        "valo.directory.imports.LABEL_AWARDS",
    )
    menu_sections = (registry.MenuSection("directory", _("Directory"), order=10),)
    menu = registry.menu(
        "directory",
        (_("Organizations"), "directory_organization_list"),
        (_("People"), "directory_person_list"),
        (_("Labels"), "directory_label_list"),
    )
    cards = (
        registry.Card(
            _("Organizations"),
            _(
                "The institution's schools and laboratories, and the companies, start-ups and "
                "public bodies it works with."
            ),
            "directory_organization_list",
            "directory.view_organization",
            order=40,
        ),
        registry.Card(
            _("People"),
            _("Researchers and their affiliations over time."),
            "directory_person_list",
            "directory.view_person",
            order=50,
        ),
        registry.Card(
            _("Labels"),
            _("Carnot and other labels held by units."),
            "directory_label_list",
            "directory.view_label",
            order=60,
        ),
    )
