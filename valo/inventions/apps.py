from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import STAFF_ROLES, Capability, is_person
from valo.inventions.events import EVENTS
from valo.inventions.letters import LETTERS


class InventionsConfig(registry.ValoAppConfig):
    name = "valo.inventions"
    label = "inventions"
    verbose_name = _("Inventions")
    url_prefix = "inventions/"
    api_urls = "valo.inventions.api.urls"
    demo_loader = "valo.inventions.demo.load_demo"
    menu_sections = (registry.MenuSection("inventions", _("Inventions"), order=20),)
    menu = registry.menu(
        "inventions",
        (_("Declare an invention"), "inventions_invention_add", "inventions.add_invention"),
        (_("My inventions"), "inventions_mine", "inventions.mine"),
        None,
        (_("Work queue"), "inventions_queue", "inventions.work_queue"),
        (_("All inventions"), "inventions_invention_list", "inventions.view_all"),
        (_("Software"), "inventions_software_list", "inventions.view_softwareasset"),
        (_("Know-how register"), "inventions_knowhow_list"),
    )
    cards = (
        registry.Card(
            _("Declare an invention"),
            _(
                "Describe your result, name your co-inventors and their contributions; the "
                "valorisation office takes it from there."
            ),
            "inventions_invention_add",
            "inventions.add_invention",
            order=10,
        ),
        registry.Card(
            _("My inventions"),
            _("Where each of your declarations stands."),
            "inventions_mine",
            "inventions.mine",
            order=20,
        ),
        registry.Card(
            _("Work queue"),
            _("Declarations to qualify, meetings to hold, decisions to apply, legal clocks."),
            "inventions_queue",
            "inventions.work_queue",
            order=30,
        ),
    )
    events = EVENTS
    letters = LETTERS
    search_sources = ("valo.inventions.search.inventions", "valo.inventions.search.assets")
    data_imports = (
        "valo.inventions.imports.INVENTIONS",
        "valo.inventions.imports.INVENTORS",
        "valo.inventions.imports.DISCLOSURES",
        "valo.inventions.imports.SOFTWARE",
        "valo.inventions.imports.SOFTWARE_AUTHORS",
    )
    documents_on = ("inventions.Invention", "inventions.KnowHow", "inventions.SoftwareAsset")
    capabilities = (
        Capability("inventions.mine", _("Follow one's own declarations"), test=is_person),
        Capability(
            "inventions.work_queue",
            _("Work on the office's queue of declarations, meetings and clocks"),
            roles=STAFF_ROLES,
        ),
        Capability(
            "inventions.view_all",
            _("Read the inventions of the units one works for"),
            roles=STAFF_ROLES,
        ),
    )

    def ready(self) -> None:
        super().ready()
        from valo.core.changelog import changed
        from valo.inventions import notices
        from valo.inventions.models import Assessment

        changed.connect(notices.meeting_changed, sender=Assessment, dispatch_uid="inv-meeting")
