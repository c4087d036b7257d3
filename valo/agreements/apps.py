from django.utils.translation import gettext_lazy as _

from valo.agreements.events import EVENTS
from valo.agreements.letters import LETTERS
from valo.core import registry
from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Capability


class AgreementsConfig(registry.ValoAppConfig):
    name = "valo.agreements"
    label = "agreements"
    verbose_name = _("Agreements")
    url_prefix = "agreements/"
    api_urls = "valo.agreements.api.urls"
    demo_loader = "valo.agreements.demo.load_demo"
    agenda_sources = (
        "valo.agreements.agenda.open_obligations",
        "valo.agreements.agenda.ending_agreements",
        "valo.agreements.followup.agenda_statements",
        "valo.agreements.followup.agenda_payments",
    )
    events = EVENTS
    letters = LETTERS
    search_sources = ("valo.agreements.search.agreements",)
    data_imports = (
        "valo.agreements.imports.AGREEMENTS",
        "valo.agreements.imports.PARTIES",
        "valo.agreements.imports.COVERED_FAMILIES",
        "valo.agreements.imports.COVERED_INVENTIONS",
        "valo.agreements.imports.COVERED_SOFTWARE",
        "valo.agreements.imports.LICENCES",
        "valo.agreements.imports.TIERS",
        "valo.agreements.imports.STATEMENTS",
        "valo.agreements.imports.PAYMENTS",
        "valo.agreements.imports.OBLIGATIONS",
    )
    record_panels = (
        registry.RecordPanel(
            "patents.PatentFamily",
            "agreements/panels/family_agreements.html",
            "valo.agreements.panels.family_agreements",
        ),
    )
    documents_on = ("agreements.Agreement",)
    menu_sections = (registry.MenuSection("transfer", _("Transfer"), order=40),)
    menu = registry.menu(
        "transfer",
        (_("Agreements"), "agreements_agreement_list"),
        (_("Contracting time"), "agreements_contracting_time", "agreements.contracting_time"),
        (_("Obligations due"), "agreements_obligation_list"),
        (_("Co-ownership"), "agreements_co_ownership", "agreements.co_ownership"),
    )
    capabilities = (
        Capability(
            "agreements.contracting_time",
            _("Read the contracting-time figures"),
            roles=STAFF_ROLES,
        ),
        Capability(
            "agreements.co_ownership",
            _("Read the co-owned portfolio, mandates and notices"),
            roles=STAFF_ROLES,
        ),
        Capability(
            "agreements.record_notice",
            _("Record a co-owner's licence notice"),
            roles=EDITOR_ROLES,
        ),
    )

    def ready(self) -> None:
        super().ready()
        from valo.agreements import notices
        from valo.agreements.models import Agreement, CoOwnershipNotice, Payment, RoyaltyStatement
        from valo.core.changelog import changed

        changed.connect(notices.agreement_changed, sender=Agreement, dispatch_uid="agr-signed")
        changed.connect(notices.statement_changed, sender=RoyaltyStatement, dispatch_uid="agr-stmt")
        changed.connect(notices.payment_changed, sender=Payment, dispatch_uid="agr-payment")
        changed.connect(notices.notice_changed, sender=CoOwnershipNotice, dispatch_uid="agr-notice")
