from django.utils.translation import gettext_lazy as _

from valo.core import registry


class CorrespondenceConfig(registry.ValoAppConfig):
    name = "valo.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence")
    url_prefix = "notifications/"
    events = (
        registry.EventType(
            "correspondence.agenda_due",
            _("Obligations, licensee statements and authorisations falling due (daily, officers)"),
        ),
    )
    personal_links = (
        registry.PersonalLink(
            _("Notifications"),
            "correspondence_notification_list",
            count="valo.correspondence.models.unread_count",
            order=10,
        ),
        registry.PersonalLink(_("Notification settings"), "correspondence_preferences", order=20),
        registry.PersonalLink(_("E-mails sent"), "correspondence_mail_list", order=30),
    )
