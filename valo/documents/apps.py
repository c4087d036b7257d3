from django.utils.translation import gettext_lazy as _

from valo.core import registry


class DocumentsConfig(registry.ValoAppConfig):
    name = "valo.documents"
    label = "documents"
    verbose_name = _("Documents")
    url_prefix = "documents/"
    api_urls = "valo.documents.api.urls"
