from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import ANY_ROLE, Capability
from valo.patents.events import EVENTS


class PatentsConfig(registry.ValoAppConfig):
    name = "valo.patents"
    label = "patents"
    verbose_name = _("Patents")
    url_prefix = "patents/"
    api_urls = "valo.patents.api.urls"
    demo_loader = "valo.patents.demo.load_demo"
    menu_sections = (registry.MenuSection("patents", _("Patents"), order=30),)
    menu = registry.menu(
        "patents",
        (_("Patent families"), "patents_family_list", "patents.view_patentfamily"),
        (_("Deadline board"), "patents_deadline_list"),
        (_("Renewal budget"), "patents_budget", "patents.view_deadline"),
        (_("My deadlines calendar"), "patents_calendar", "patents.calendar"),
        (_("Office closures"), "patents_closures", "patents.view_closedday"),
        (_("Families from the offices"), "patents_portfolio_import", "patents.add_patentfamily"),
    )

    def ready(self) -> None:
        super().ready()
        from django.db.models.signals import post_migrate

        from valo.patents.signals import recompute_after_migrate

        post_migrate.connect(recompute_after_migrate, sender=self, dispatch_uid="patents-recompute")
        from valo.core.changelog import changed
        from valo.patents import notices
        from valo.patents.models import Deadline, PatentFamily

        changed.connect(notices.family_changed, sender=PatentFamily, dispatch_uid="patents-family")
        from valo.inventions.choices import ProtectionRoute
        from valo.inventions.transitions import register_protection_evidence
        from valo.patents.handoff import protection_step

        # An invention decided for a patent is protected once it has its family.
        register_protection_evidence(
            ProtectionRoute.PATENT,
            lambda invention: PatentFamily.objects.filter(invention=invention).exists(),
            _(
                "Create its patent family first (Protect this invention): a patent is protected once filed."
            ),
            step=protection_step,
        )
        changed.connect(notices.deadline_changed, sender=Deadline, dispatch_uid="patents-deadline")

    events = EVENTS
    documents_on = ("patents.PatentFamily",)
    record_panels = (
        registry.RecordPanel(
            "inventions.Invention",
            "patents/panels/invention_families.html",
            "valo.patents.panels.invention_families",
        ),
    )
    search_sources = ("valo.patents.search.families", "valo.patents.search.applications")
    data_imports = (
        "valo.patents.imports.FAMILIES",
        "valo.patents.imports.APPLICATIONS",
        "valo.patents.imports.OWNERS",
        "valo.patents.imports.PRIORITIES",
        "valo.patents.imports.VALIDATIONS",
        "valo.patents.imports.COSTS",
    )
    capabilities = (
        Capability(
            "patents.calendar",
            _("Follow one's deadlines and meetings in a calendar"),
            roles=ANY_ROLE,
        ),
    )
