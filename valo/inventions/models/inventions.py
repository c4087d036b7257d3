"""The declaration: the invention, its owning units, inventors and shares, planned disclosures,
attachments, future co-owners, and the history of its states."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel, Component, Parameter
from valo.directory.choices import PersonStatus
from valo.inventions.access import invention_q
from valo.inventions.choices import (
    DisclosureKind,
    InventionState,
    Origin,
    OwnershipClass,
    TechnicalField,
)

# Keys of the legal clocks in core.Parameter (seeded by migration 0002, CPI R611-7).
CLASSIFICATION_ANSWER = "inventions-classification-answer"
ATTRIBUTABLE_CLAIM = "inventions-attributable-claim"


class Invention(ChangeLoggedModel):
    """A declared research result and where it stands, from draft to decision and beyond."""

    # What an autocomplete picker and the global search look in (valo.core.pickers, .search; on
    # PostgreSQL each has its trigram index), and the titles that rank the search's hits.
    picker_fields = ("reference", "title")
    full_text_fields = ("title",)

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    confidential_description = models.TextField(
        _("confidential description"),
        blank=True,
        help_text=_("What the invention is and how it works. Seen only by those who may see it."),
    )
    public_summary = models.TextField(_("public summary"), blank=True)
    field = models.CharField(
        _("field"), max_length=16, choices=TechnicalField.choices, default=TechnicalField.OTHER
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.OWN_RESEARCH
    )
    origin_reference = models.CharField(
        _("contract or joint lab"),
        max_length=200,
        blank=True,
        help_text=_("The partnership contract or joint laboratory the result comes from."),
    )
    owning_units = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("owning units"),
        through="InventionUnit",
        related_name="inventions",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=InventionState.choices, default=InventionState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_on = models.DateField(
        _("declaration received"), null=True, blank=True, help_text=_("First submission.")
    )
    complete_on = models.DateField(
        _("declaration complete"),
        null=True,
        blank=True,
        help_text=_("The 4-month period to claim an attributable invention runs from this date."),
    )
    ownership_class = models.CharField(
        _("ownership"), max_length=16, choices=OwnershipClass.choices, blank=True
    )
    ownership_note = models.TextField(_("qualification notes"), blank=True)
    qualified_on = models.DateField(_("qualified on"), null=True, blank=True)
    closing_reason = models.TextField(_("reason for release or abandonment"), blank=True)

    class Meta:
        verbose_name = _("invention")
        verbose_name_plural = _("inventions")
        ordering = ["-received_on", "-id"]
        indexes = [
            # The work queue and the state filter.
            models.Index(fields=["state", "received_on"], name="inventions_state_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')} – {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.reference:
            super().save(*args, **kwargs)
            return
        # INV-<year>-<n>: the next number of the year of declaration (of creation for a draft); a
        # concurrent declaration taking the same number fails the unique key and tries the next.
        year = (self.received_on or timezone.localdate()).year
        prefix = f"INV-{year}-"
        for _attempt in range(5):
            # A range, not startswith: SQLite's LIKE is case-insensitive and ignores the index,
            # so that each numbering scanned every invention (the 10 000th declaration of an
            # imported history cost a scan of the 9 999 before it).
            last = (
                Invention._base_manager.filter(reference__gte=prefix, reference__lt=f"{prefix}~")
                .order_by("-reference")
                .values_list("reference", flat=True)
                .first()
            )
            self.reference = f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if not Invention._base_manager.filter(reference=self.reference).exists():
                    raise
                self.pk = None
                self._state.adding = True
        raise IntegrityError("could not number the invention")

    def get_absolute_url(self) -> str:
        return reverse("inventions_invention_detail", args=[self.pk])

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return invention_q(access, action)

    # --- shares and legal clocks -----------------------------------------------------------------

    def share_total(self) -> Decimal:
        return sum((i.share for i in self.inventorships.all()), Decimal(0))

    def share_residue(self) -> Decimal:
        """What rounding the contributions to 4 decimals left out (three thirds: 1 − 0.9999)."""
        return Decimal(1) - self.share_total()

    def classification_deadline(self) -> datetime.date | None:
        """2 months from receipt of the declaration to accept or contest the classification."""
        clock = LegalClock.of(CLASSIFICATION_ANSWER, self.received_on)
        return clock.due if clock else None

    def claim_deadline(self) -> datetime.date | None:
        """4 months from the complete declaration to claim an attributable invention."""
        clock = LegalClock.of(ATTRIBUTABLE_CLAIM, self.complete_on)
        return clock.due if clock else None

    def legal_clocks(self) -> list[LegalClock]:
        """The employee-invention clocks that have started and apply, each with its rule and source.

        The employer's claim (R611-7) runs only for an invention that may be attributable: not once
        it is qualified a mission invention (the employer owns it) or a free one (the inventor does).
        """
        clocks = [LegalClock.of(CLASSIFICATION_ANSWER, self.received_on)]
        if self.ownership_class in ("", OwnershipClass.ATTRIBUTABLE):
            clocks.append(LegalClock.of(ATTRIBUTABLE_CLAIM, self.complete_on))
        return [clock for clock in clocks if clock is not None]


@dataclass(frozen=True)
class LegalClock:
    """A period that runs from a date: its rule (a dated parameter), start and due date."""

    rule: Parameter
    start: datetime.date
    due: datetime.date

    @classmethod
    def of(cls, key: str, start: datetime.date | None) -> LegalClock | None:
        """The clock of rule `key` started on `start`, with the period in force that day.

        Calendar months: 31 December + 2 months is 28 (or 29) February.
        """
        if start is None:
            return None
        rule = Parameter.in_force(key, start)
        return cls(rule=rule, start=start, due=start + relativedelta(months=rule.months))

    def days_left(self) -> int:
        return (self.due - timezone.localdate()).days


class InventionPart(Component):
    """A component of an invention (unit, inventor, disclosure, file …)."""

    parent_path = "invention"
    invention: models.ForeignKey

    class Meta:
        abstract = True


class InventionUnit(InventionPart):
    """An owning unit of an invention (a laboratory or school): it decides who sees the invention."""

    invention = models.ForeignKey(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="units"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("owning unit")
        verbose_name_plural = _("owning units")
        constraints = [
            models.UniqueConstraint(
                fields=["invention", "organization"], name="inventions_unit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invention.reference} – {self.organization}"


class Inventorship(InventionPart):
    """An inventor of an invention and their contribution coefficient (the shares sum to 1)."""

    invention = models.ForeignKey(
        Invention,
        verbose_name=_("invention"),
        on_delete=models.CASCADE,
        related_name="inventorships",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inventorships",
    )
    external_name = models.CharField(
        _("external inventor"),
        max_length=200,
        blank=True,
        help_text=_("For an inventor who is not in the directory."),
    )
    employer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=32, choices=PersonStatus.choices, blank=True)
    hosting_agreement = models.CharField(
        _("hosting agreement"),
        max_length=100,
        blank=True,
        help_text=_("Interns and hosted people (CPI L611-7-1): the agreement's reference."),
    )
    share = models.DecimalField(
        _("contribution"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal(1))],
        help_text=_("A fraction of 1 (0.5), a fraction (1/3) or a percentage (50 %)."),
    )

    class Meta:
        verbose_name = _("inventor")
        verbose_name_plural = _("inventors")
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invention", "person"],
                condition=Q(person__isnull=False),
                name="inventions_inventorship_unique_person",
                violation_error_message=_("This person is already an inventor of this invention."),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(external_name=""),
                name="inventions_inventorship_named",
                violation_error_message=_("Name the inventor: a person or an external name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.share.normalize()})"

    @property
    def name(self) -> str:
        return str(self.person) if self.person_id else self.external_name

    def clean(self) -> None:
        if self.person_id is None and not self.external_name:
            raise ValidationError({"person": _("Name the inventor: a person or an external name.")})

    def fill_from_directory(self) -> None:
        """Status and employer from the person's current affiliation, when not given."""
        if self.person_id is None or (self.status and self.employer_id):
            return
        affiliation = self.person.current_affiliations().select_related("organization").first()
        if affiliation is not None:
            self.status = self.status or affiliation.status
            self.employer_id = self.employer_id or affiliation.organization_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_from_directory()
        super().save(*args, **kwargs)


class CoOwnerToBe(InventionPart):
    """Another body expected to co-own the invention (a public research body, a company)."""

    invention = models.ForeignKey(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="co_owners"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("co-owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("co-owner to be")
        verbose_name_plural = _("co-owners to be")
        constraints = [
            models.UniqueConstraint(
                fields=["invention", "organization"], name="inventions_coowner_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class Disclosure(InventionPart):
    """A planned public disclosure (talk, paper, thesis defence): a risk to novelty, with its date."""

    invention = models.ForeignKey(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="disclosures"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DisclosureKind.choices)
    planned_on = models.DateField(_("date"))
    title = models.CharField(_("title or venue"), max_length=300)

    class Meta:
        verbose_name = _("planned disclosure")
        verbose_name_plural = _("planned disclosures")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on}: {self.title}"

    def days_left(self) -> int:
        return (self.planned_on - timezone.localdate()).days


class ClockDismissal(InventionPart):
    """A legal clock the office closed with its reason (answered outside valo, moot since …), so
    that it leaves the work queue; shown on the invention with who closed it and why."""

    invention = models.ForeignKey(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="dismissals"
    )
    clock = models.CharField(_("clock"), max_length=80)
    reason = models.TextField(_("reason"))
    dismissed_by = models.CharField(_("closed by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("closed legal clock")
        verbose_name_plural = _("closed legal clocks")
        constraints = [
            models.UniqueConstraint(
                fields=["invention", "clock"], name="inventions_clock_closed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invention} {self.clock}"


def attachment_path(instance: Any, filename: str) -> str:
    """Where declarations' attachments were stored before they became documents (valo.documents);
    named by the migrations that created them."""
    return f"inventions/{instance.invention_id}/{Path(filename).name}"


class StateChange(InventionPart):
    """One transition of an invention: from which state to which, by whom, when and why."""

    invention = models.ForeignKey(
        Invention,
        verbose_name=_("invention"),
        on_delete=models.CASCADE,
        related_name="state_changes",
    )
    transition = models.CharField(_("transition"), max_length=32)
    from_state = models.CharField(_("from"), max_length=20, choices=InventionState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=InventionState.choices)
    user_name = models.CharField(_("by"), max_length=150)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.invention.reference}: {self.from_state} → {self.to_state}"

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        # Written only by the transition functions, read with the invention.
        return invention_q(access, "view", "invention__") if action == "view" else None
