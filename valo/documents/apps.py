from django.utils.translation import gettext_lazy as _

from valo.core import registry
from valo.core.access import Capability, Role


class DocumentsConfig(registry.ValoAppConfig):
    name = "valo.documents"
    label = "documents"
    verbose_name = _("Documents")
    url_prefix = "documents/"
    api_urls = "valo.documents.api.urls"
    menu_sections = (registry.MenuSection("letters", _("Letters"), order=85, dropdown=False),)
    menu = registry.menu(
        "letters",
        (_("Letter templates"), "documents_letter_templates", "documents.letter_templates"),
    )
    capabilities = (
        Capability(
            "documents.letter_templates",
            _("Read and replace the templates of letters and contracts"),
            roles=frozenset({Role.OFFICER, Role.ADMIN}),
        ),
    )
