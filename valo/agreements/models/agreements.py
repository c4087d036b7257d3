"""Agreements with their parties, dated lifecycle, IP clause, linked results and obligations."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from valo.agreements.choices import AgreementKind, IpOwnership, ObligationState, PartyRole
from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, unit_q
from valo.core.models import ChangeLoggedModel, Component
from valo.directory.models import LabelAward
from valo.patents.choices import Currency


def agreement_q(access: Access, action: str, prefix: str = "") -> Q | None:
    """Agreements of the units in scope: staff read them (finance included), officers edit them."""
    roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
    return unit_q(access.units(roles), f"{prefix}unit")


class Agreement(ChangeLoggedModel):
    """A contract of the institution, from the request to its end: contracting time is measured."""

    # What an autocomplete picker and the global search look in (valo.core.pickers, .search; on
    # PostgreSQL each has its trigram index), and the titles that rank the search's hits.
    picker_fields = ("reference", "title", "partner__name")
    full_text_fields = ("title",)

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    partner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="partner_agreements",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    first_draft_on = models.DateField(_("first draft on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="EUR"
    )
    carnot = models.ForeignKey(
        "directory.Label",
        verbose_name=_("Carnot label"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ip_ownership = models.CharField(
        _("ownership of results"), max_length=24, choices=IpOwnership.choices, blank=True
    )
    institution_share = models.DecimalField(
        _("institution's share"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("When results are co-owned: the institution's share (revenue is split by it)."),
    )
    institution_bears_costs = models.BooleanField(
        _("the institution bears all patent costs"),
        default=False,
        help_text=_(
            "Co-ownership agreements: the institution pays the co-owned families' costs alone, so "
            "they are deducted in full from its revenue (otherwise at its share)."
        ),
    )
    exploitation_rights = models.TextField(_("exploitation rights granted"), blank=True)
    publication_review_days = models.PositiveSmallIntegerField(
        _("publication review (days)"), null=True, blank=True
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "reference",
        "title",
        "kind",
        "unit",
        "partner",
        "officer",
        "requested_on",
        "first_draft_on",
        "signed_on",
        "effective_on",
        "ends_on",
        "amount",
        "currency",
        "carnot",
        "ip_ownership",
        "institution_share",
        "institution_bears_costs",
        "exploitation_rights",
        "publication_review_days",
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-requested_on", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("agreements_agreement_detail", args=[self.pk])

    @property
    def contracting_days(self) -> int | None:
        """Days from the request to the signature."""
        return (self.signed_on - self.requested_on).days if self.signed_on else None

    @property
    def revenue_share(self) -> Decimal:
        return (
            self.institution_share
            if self.ip_ownership == IpOwnership.CO_OWNED and self.institution_share is not None
            else Decimal(1)
        )

    def clean(self) -> None:
        errors = {}
        if self.signed_on and self.requested_on and self.signed_on < self.requested_on:
            errors["signed_on"] = _("An agreement is signed after it is requested.")
        if self.ends_on and self.effective_on and self.ends_on < self.effective_on:
            errors["ends_on"] = _("It cannot end before it takes effect.")
        start = self.effective_on or self.signed_on
        if self.ended_on and start and self.ended_on < start:
            errors["ended_on"] = _("It cannot end before it is signed and takes effect.")
        if self.ip_ownership == IpOwnership.CO_OWNED and self.institution_share is None:
            errors["institution_share"] = _("Give the institution's share of co-owned results.")
        unheld = self._carnot_not_held()
        if unheld:
            errors["carnot"] = unheld
        if errors:
            raise ValidationError(errors)

    def _carnot_not_held(self) -> str:
        """Why the agreement cannot count for its Carnot label ('' if it can): the Carnot figures
        count the contracts of a unit that held the label — itself or a unit above it, a school
        say — on the day the contract was signed (else requested, else in effect)."""
        on = self.signed_on or self.requested_on or self.effective_on
        if not (self.carnot_id and self.unit_id and on):
            return ""
        holders = [self.unit, *self.unit.ancestors()]
        held = LabelAward.objects.filter(
            LabelAward.current_q(on=on), label_id=self.carnot_id, organization__in=holders
        )
        if held.exists():
            return ""
        return _(
            "%(unit)s did not hold this label on %(day)s, nor did a unit above it: an agreement "
            "counts for a label its unit held when it was signed."
        ) % {"unit": self.unit, "day": date_format(on, "DATE_FORMAT")}

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return agreement_q(access, action)


class AgreementPart(Component):
    """A component of an agreement: seen and changed with it, shown in its history."""

    parent_path = "agreement"
    agreement: models.ForeignKey

    class Meta:
        abstract = True


class AgreementInvention(AgreementPart):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="invention_links",
    )
    invention = models.ForeignKey(
        "inventions.Invention",
        verbose_name=_("invention"),
        on_delete=models.PROTECT,
        related_name="agreement_links",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "invention")

    class Meta:
        verbose_name = _("linked invention")
        verbose_name_plural = _("linked inventions")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "invention"], name="agreements_invention_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.invention)


class AgreementFamily(AgreementPart):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="family_links",
    )
    family = models.ForeignKey(
        "patents.PatentFamily",
        verbose_name=_("patent family"),
        on_delete=models.PROTECT,
        related_name="agreement_links",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "family")

    class Meta:
        verbose_name = _("linked patent family")
        verbose_name_plural = _("linked patent families")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "family"], name="agreements_family_unique")
        ]

    def __str__(self) -> str:
        return str(self.family)


class AgreementParty(AgreementPart):
    """A further party to the agreement (consortium member, funder, co-owner…) with its role."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "organization", "role")

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization", "role"], name="agreements_party_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class AgreementSoftware(AgreementPart):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="software_links",
    )
    software = models.ForeignKey(
        "inventions.SoftwareAsset",
        verbose_name=_("software"),
        on_delete=models.PROTECT,
        related_name="agreement_links",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "software")

    class Meta:
        verbose_name = _("linked software")
        verbose_name_plural = _("linked software")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "software"], name="agreements_software_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.software)


class AgreementKnowHow(AgreementPart):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="know_how_links",
    )
    know_how = models.ForeignKey(
        "inventions.KnowHow",
        verbose_name=_("know-how"),
        on_delete=models.PROTECT,
        related_name="agreement_links",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "know_how")

    class Meta:
        verbose_name = _("linked know-how")
        verbose_name_plural = _("linked know-how")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "know_how"], name="agreements_know_how_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.know_how)


class Obligation(AgreementPart):
    """Something an agreement requires by a date (a report, a payment, a publication review)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="obligations"
    )
    label = models.CharField(_("what"), max_length=200)
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=8, choices=ObligationState.choices, default=ObligationState.OPEN
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("agreement", "label", "due_date", "state")

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.due_date} {self.label}"


class CoOwnershipNotice(ChangeLoggedModel):
    """A co-owner's notice of a draft non-exclusive licence (CPI L613-29): the others may oppose it by
    buying the notifier's share within the period in force (3 months), tracked as a deadline."""

    family = models.ForeignKey(
        "patents.PatentFamily",
        verbose_name=_("patent family"),
        on_delete=models.CASCADE,
        related_name="co_ownership_notices",
    )
    co_owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("notifying co-owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_on = models.DateField(_("notified on"))
    draft_licensee = models.CharField(_("draft licensee"), max_length=200)
    share_price = models.DecimalField(
        _("price offered for its share"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    deadline = models.OneToOneField(
        "patents.Deadline",
        verbose_name=_("opposition deadline"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("family", "co_owner", "notified_on", "draft_licensee", "share_price")

    class Meta:
        verbose_name = _("co-owner's licence notice")
        verbose_name_plural = _("co-owners' licence notices")
        ordering = ["-notified_on"]

    def __str__(self) -> str:
        return f"{self.co_owner} → {self.draft_licensee} ({self.notified_on})"

    def get_absolute_url(self) -> str:
        return self.family.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.family

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Co-ownership is the office's business (docs/transfer.md): staff of the family's unit
        read notices, officers record them; the family's inventors do not see them."""
        roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
        return unit_q(access.units(roles), "family__unit")
