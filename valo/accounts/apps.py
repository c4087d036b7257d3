from django.utils.translation import gettext_lazy as _

from valo.core import registry


class AccountsConfig(registry.ValoAppConfig):
    name = "valo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    url_prefix = "accounts/"
    api_urls = "valo.accounts.api.urls"
    demo_loader = "valo.accounts.demo.load_demo"
    menu = registry.menu(
        "onboarding",
        (_("Account requests"), "accounts_request_list", "accounts.view_accountrequest"),
        order=20,
    )
