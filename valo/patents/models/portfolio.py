"""Families and applications across offices, their priorities, owners, inventors, classes and
legal events."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel, Component
from valo.patents.access import family_q
from valo.patents.choices import ApplicationStatus, Office, Route


class PatentFamily(ChangeLoggedModel):
    """The applications that protect one invention across offices (one invention may have several)."""

    # What an autocomplete picker and the global search look in (valo.core.pickers, .search; on
    # PostgreSQL each has its trigram index), and the titles that rank the search's hits.
    picker_fields = ("reference", "title")
    full_text_fields = ("title",)

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=400)
    invention = models.ForeignKey(
        "inventions.Invention",
        verbose_name=_("invention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patent_families",
    )
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="patent_families",
        help_text=_("The laboratory or school the family belongs to: it decides who sees it."),
    )
    inpadoc_family_id = models.CharField(
        _("INPADOC family"), max_length=20, unique=True, null=True, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Receives the family's deadlines unless one names someone else."),
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("reference", "title", "invention", "unit", "inpadoc_family_id", "responsible")

    class Meta:
        verbose_name = _("patent family")
        verbose_name_plural = _("patent families")
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.inpadoc_family_id = self.inpadoc_family_id or None
        if self._state.adding and self.responsible_id is None and self.unit_id:
            # A new family goes to the officer following its unit (or the nearest parent unit).
            from valo.directory.models import UnitOfficer

            self.responsible = UnitOfficer.for_unit(self.unit)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("patents_family_detail", args=[self.pk])

    def offices(self) -> str:
        """The offices of its applications, in filing order (from prefetched applications)."""
        ordered = sorted(
            self.applications.all(), key=lambda a: (a.filing_date is None, a.filing_date)
        )
        return ", ".join(dict.fromkeys(a.office for a in ordered))

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return family_q(access, action)


class FamilyPart(Component):
    """A record that belongs to a family through its application (shown in the family's history)."""

    parent_path = "application__family"

    class Meta:
        abstract = True


class PatentApplication(ChangeLoggedModel):
    """One application at one office, from filing to grant and expiry."""

    # What the global search looks in: its numbers (valo.core.search; indexed on PostgreSQL).
    search_fields = ("application_number", "publication_number", "grant_number")

    family = models.ForeignKey(
        PatentFamily,
        verbose_name=_("family"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    office = models.CharField(_("office"), max_length=2, choices=Office.choices)
    route = models.CharField(_("route"), max_length=24, choices=Route.choices)
    application_number = models.CharField(_("application number"), max_length=40, blank=True)
    filing_date = models.DateField(_("filing date"), null=True, blank=True)
    publication_number = models.CharField(_("publication number"), max_length=40, blank=True)
    publication_kind = models.CharField(_("publication kind"), max_length=4, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    grant_number = models.CharField(_("grant number"), max_length=40, blank=True)
    grant_kind = models.CharField(_("grant kind"), max_length=4, blank=True)
    grant_date = models.DateField(_("grant date"), null=True, blank=True)
    search_report_date = models.DateField(
        _("search report"),
        null=True,
        blank=True,
        help_text=_("Notification of the FR search report, or Bulletin mention of the EP one."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    attorney_firm = models.CharField(_("attorney firm"), max_length=200, blank=True)
    title = models.CharField(_("title as filed"), max_length=400, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The PCT application of a national phase, the parent of a divisional."),
    )

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = (
        "family",
        "office",
        "route",
        "application_number",
        "filing_date",
        "parent",
        "publication_number",
        "publication_kind",
        "publication_date",
        "search_report_date",
        "grant_number",
        "grant_kind",
        "grant_date",
        "status",
        "language",
        "attorney_firm",
        "title",
    )

    class Meta:
        verbose_name = _("patent application")
        verbose_name_plural = _("patent applications")
        ordering = ["family", "filing_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "application_number"],
                condition=~Q(application_number=""),
                name="patents_application_unique_number",
                violation_error_message=_(
                    "An application with this number is already recorded at this office."
                ),
            )
        ]
        indexes = [models.Index(fields=["office", "publication_number"], name="patents_app_pub")]

    def __str__(self) -> str:
        number = self.application_number or self.publication_number or _("not filed")
        return f"{self.office} {number}"

    def get_absolute_url(self) -> str:
        return self.family.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.family

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return family_q(access, "view" if action == "view" else "change", "family__")

    def earliest_priority(self) -> datetime.date | None:
        """The earliest priority claimed, or the filing date when none is."""
        dates = [claim.date for claim in self.priority_claims.all() if claim.date]
        if self.filing_date:
            dates.append(self.filing_date)
        return min(dates) if dates else None

    def share_total(self) -> Decimal:
        return sum((owner.share for owner in self.owners.all()), Decimal(0))

    def is_co_owned(self) -> bool:
        return self.owners.count() > 1


class PriorityClaim(FamilyPart):
    """A priority claimed by an application: one of ours, or an outside application."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="priority_claims",
    )
    priority_application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("our application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_by",
    )
    country = models.CharField(_("country"), max_length=2)
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"), null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=1)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("application", "priority_application", "country", "number", "date", "sequence")

    class Meta:
        verbose_name = _("priority claim")
        verbose_name_plural = _("priority claims")
        ordering = ["application", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "country", "number"], name="patents_priority_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.number} ({self.date})"


class ApplicationOwner(FamilyPart):
    """An applicant/owner of an application and its share (co-ownership with companies included)."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="owners",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name_as_published = models.CharField(_("name as published"), max_length=300, blank=True)
    share = models.DecimalField(
        _("share"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=1)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("application", "organization", "name_as_published", "share", "sequence")

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["application", "sequence"]

    def __str__(self) -> str:
        return f"{self.organization or self.name_as_published} ({self.share.normalize()})"


class Validation(FamilyPart):
    """A European patent validated in a state after its grant, or opted into unitary effect (UP):
    from the year after the grant is published its renewals are paid there (EPC Art. 141)."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("European application"),
        on_delete=models.CASCADE,
        related_name="validations",
    )
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=Office.choices,
        help_text=_("The state validated, or UP for the unitary patent."),
    )
    validated_on = models.DateField(_("validated on"), null=True, blank=True)
    lapsed_on = models.DateField(
        _("lapsed on"),
        null=True,
        blank=True,
        help_text=_("When renewals stop being paid there: no deadline follows."),
    )
    national_number = models.CharField(_("national number"), max_length=40, blank=True)

    # What a person edits, in this order: the edit form's and the API's fields alike.
    edit_fields = ("application", "state", "validated_on", "lapsed_on", "national_number")

    class Meta:
        verbose_name = _("validation")
        verbose_name_plural = _("validations")
        ordering = ["application", "state"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "state"],
                name="patents_validation_unique",
                violation_error_message=_("This patent is already validated in this state."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.state}"

    def clean(self) -> None:
        from valo.patents.models.deadlines import DeadlineRule

        errors: dict[str, Any] = {}
        if self.application_id and self.application.office != Office.EP:
            errors["application"] = _("Only a European application is validated in states.")
        if self.state and not any(
            rule.applies_to_validation(self.state) for rule in DeadlineRule.objects.all()
        ):
            errors["state"] = _(
                "No renewal rule is recorded for patents validated in %(state)s: add it to the "
                "rules first, or the renewals there would be missed."
            ) % {"state": self.state}
        if self.lapsed_on and self.validated_on and self.lapsed_on < self.validated_on:
            errors["lapsed_on"] = _("It cannot lapse before it is validated.")
        if errors:
            raise ValidationError(errors)


class ApplicationInventor(FamilyPart):
    """An inventor as published on the application (linked to the directory when known)."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="inventors",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name_as_published = models.CharField(_("name as published"), max_length=300)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=1)

    class Meta:
        verbose_name = _("inventor")
        verbose_name_plural = _("inventors")
        ordering = ["application", "sequence"]

    def __str__(self) -> str:
        return self.name_as_published


class Classification(FamilyPart):
    """An IPC or CPC class of the application."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="classes",
    )
    scheme = models.CharField(_("scheme"), max_length=4, choices=[("IPC", "IPC"), ("CPC", "CPC")])
    code = models.CharField(_("code"), max_length=30)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["application", "scheme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "scheme", "code"], name="patents_class_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.code}"


class LegalEvent(FamilyPart):
    """An event of the application's life at the office (INPADOC or EP Register)."""

    application = models.ForeignKey(
        PatentApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="legal_events",
    )
    code = models.CharField(_("code"), max_length=10)
    description = models.CharField(_("description"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2, blank=True)
    source = models.CharField(_("source"), max_length=20, default="INPADOC")

    class Meta:
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")
        ordering = ["application", "date", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "code", "date", "country", "description"],
                name="patents_legalevent_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.code} {self.description}"
