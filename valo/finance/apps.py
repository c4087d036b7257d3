from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import MONEY_ROLES, Capability, is_person
from valo.finance.letters import LETTERS


class FinanceConfig(registry.ValoAppConfig):
    name = "valo.finance"
    label = "finance"
    verbose_name = _("Finance")
    url_prefix = "finance/"
    api_urls = "valo.finance.api.urls"
    menu_sections = (
        registry.MenuSection("inventions", _("Inventions"), order=20),
        registry.MenuSection("transfer", _("Transfer"), order=40),
    )
    menu = (
        *registry.menu(
            "inventions",
            (_("My remuneration"), "finance_my_statement", "finance.view_own_statement"),
            order=30,
        ),
        *registry.menu(
            "transfer",
            (_("Inventors' remuneration"), "finance_statements", "finance.view_statements"),
            (_("Direct costs"), "finance_directcost_list"),
            order=60,
        ),
    )
    letters = LETTERS
    events = (
        registry.EventType(
            "finance.statement_ready", _("My yearly remuneration statement is written")
        ),
    )
    capabilities = (
        Capability(
            "finance.view_own_statement",
            _("Read one's own remuneration statements"),
            test=is_person,
        ),
        Capability(
            "finance.view_statements",
            _("Read every inventor's remuneration and the payroll export"),
            roles=MONEY_ROLES,
        ),
    )
