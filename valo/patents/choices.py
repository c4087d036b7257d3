"""Choice lists of the patent portfolio."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    FR = "FR", _("France (INPI)")
    EP = "EP", _("European Patent Office")
    WO = "WO", _("PCT (WIPO)")
    US = "US", _("United States (USPTO)")
    DE = "DE", _("Germany")
    GB = "GB", _("United Kingdom")
    CN = "CN", _("China")
    JP = "JP", _("Japan")
    KR = "KR", _("South Korea")
    CA = "CA", _("Canada")
    UP = "UP", _("Unitary patent (EPO)")


class Route(models.TextChoices):
    FIRST_FILING = "first_filing", _("First filing")
    PRIORITY_FILING = "priority_filing", _("Filing claiming a priority")
    PCT = "pct", _("PCT international application")
    EP_DIRECT = "ep_direct", _("European application (direct)")
    EURO_PCT = "euro_pct", _("Euro-PCT regional phase")
    NATIONAL_PHASE = "national_phase", _("National phase")
    DIVISIONAL = "divisional", _("Divisional application")
    UTILITY_CERTIFICATE = "utility_certificate", _("Utility certificate")
    PROVISIONAL = "provisional", _("Provisional application")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PUBLISHED = "published", _("Published")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")
    EXPIRED = "expired", _("Expired")


# An application in these states has no more deadlines.
DEAD_STATUSES = frozenset(
    {
        ApplicationStatus.REFUSED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.LAPSED,
        ApplicationStatus.EXPIRED,
    }
)


class Trigger(models.TextChoices):
    """The date a rule counts from."""

    FILING = "filing", _("Filing date")
    PRIORITY = "priority", _("Earliest priority date (or filing)")
    SEARCH_REPORT = "search_report", _("Search report (notification or Bulletin mention)")
    GRANT = "grant", _("Grant (or its publication)")


class GrantEffect(models.TextChoices):
    """What the grant does to a recurring rule (EPC Art. 86(2) and Art. 141)."""

    NONE = "", _("The grant changes nothing")
    UNTIL = "until", _("Due up to the year the grant is published, not after")
    AFTER = "after", _("Due from the year after the grant is published")


# The pseudo-route of the rules that apply to a European patent validated in a state (or opted into
# unitary effect): they are matched by the validation's state, never by an application's route.
VALIDATION_ROUTE = "validation"


class Anchor(models.TextChoices):
    SAME_DATE = "same_date", _("Same date number (else month end)")
    MONTH_END = "month_end", _("Last day of the anniversary month")


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    WAIVED = "waived", _("Waived")
    MISSED = "missed", _("Missed")


class RenewalDecision(models.TextChoices):
    UNDECIDED = "", _("Not decided")
    KEEP = "keep", _("Keep (pay)")
    DROP = "drop", _("Drop (let lapse)")


class CostKind(models.TextChoices):
    OFFICIAL_FEE = "official_fee", _("Official fee")
    ATTORNEY = "attorney", _("Attorney invoice")
    TRANSLATION = "translation", _("Translation")
    OTHER = "other", _("Other")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    USD = "USD", "USD"
    GBP = "GBP", "GBP"
    CHF = "CHF", "CHF"
    JPY = "JPY", "JPY"
    CNY = "CNY", "CNY"
