"""Deadline rules (held as dated data with their source) and the deadlines of each application."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import Bilingual, ChangeLoggedModel, DatedPeriod
from valo.core.models.parameters import SourceStatus
from valo.patents.access import family_q
from valo.patents.choices import (
    VALIDATION_ROUTE,
    Anchor,
    DeadlineState,
    GrantEffect,
    RenewalDecision,
    Trigger,
)


def deadline_label(rule_label: str, state: str | None, year: int | None) -> str:
    """A computed deadline's label: its rule's, the state of a validation, the renewal year."""
    label = f"{rule_label} ({state})" if state else str(rule_label)
    return f"{label} – {year}" if year else label


class DeadlineRule(Bilingual, DatedPeriod, ChangeLoggedModel):
    """A legal period: which applications it applies to, from which date it counts, how long it
    runs, whether closed days extend it, and where the law says so. Renewals recur yearly."""

    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    offices = models.CharField(
        _("offices"), max_length=40, help_text=_("Office codes it applies to, comma-separated.")
    )
    routes = models.CharField(
        _("routes"),
        max_length=200,
        blank=True,
        help_text=_(
            'Routes it applies to, comma-separated; empty for all; "validation" for a European '
            "patent validated in the office's state."
        ),
    )
    except_routes = models.CharField(
        _("except routes"),
        max_length=200,
        blank=True,
        help_text=_("Routes it does not apply to, comma-separated (another rule covers them)."),
    )
    trigger = models.CharField(_("counted from"), max_length=16, choices=Trigger.choices)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    anchor = models.CharField(
        _("anchor"), max_length=12, choices=Anchor.choices, default=Anchor.SAME_DATE
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, help_text=_("Renewals: the first year due.")
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("Renewals: the last year due (the term of the title, in years)."),
    )
    grant_effect = models.CharField(
        _("effect of the grant"),
        max_length=8,
        choices=GrantEffect.choices,
        blank=True,
        help_text=_("Renewals: whether the published grant ends them or starts them."),
    )
    not_before_months = models.PositiveSmallIntegerField(
        _("not due before (months from the priority)"),
        null=True,
        blank=True,
        help_text=_("A due date falling earlier is deferred to this limit (EPC Rule 159(1))."),
    )
    after_grant_months = models.PositiveSmallIntegerField(
        _("payable until (months from the grant mention)"),
        null=True,
        blank=True,
        help_text=_(
            "Renewals in a validated state: one falling due within this many months after the "
            "grant mention may be paid until then, without surcharge (EPC Art. 141(2): 2)."
        ),
    )
    covers_running = models.BooleanField(
        _("also governs titles in force on its start"),
        default=False,
        help_text=_(
            "A transitional provision: the version applies to titles counted from before its "
            "start that are still in force on that day."
        ),
    )
    calendar_office = models.CharField(
        _("closed days of"),
        max_length=2,
        blank=True,
        help_text=_("The office whose closed days extend the period; empty: never extended."),
    )
    grace_months = models.PositiveSmallIntegerField(_("grace period (months)"), default=0)
    surcharge_percent = models.PositiveSmallIntegerField(_("surcharge in grace (%)"), default=0)
    informational = models.BooleanField(
        _("informational"), default=False, help_text=_("An expected date, not a time limit.")
    )
    source = models.CharField(_("source"), max_length=200)
    status = models.CharField(
        _("source status"),
        max_length=20,
        choices=SourceStatus.choices,
        default=SourceStatus.CONFIRMED,
    )

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code", "-start"]
        constraints = [
            *DatedPeriod.Meta.constraints,
            models.UniqueConstraint(fields=["code", "start"], name="patents_rule_unique_start"),
        ]

    def __str__(self) -> str:
        return self.local_label

    @property
    def recurring(self) -> bool:
        return self.first_year is not None

    @staticmethod
    def _codes(text: str) -> set[str]:
        return {code.strip() for code in text.split(",") if code.strip()}

    def applies_to(self, office: str, route: str) -> bool:
        """Whether it applies to an application at `office` filed by `route`."""
        routes = self._codes(self.routes)
        return (
            office in self._codes(self.offices)
            and VALIDATION_ROUTE not in routes
            and (not routes or route in routes)
            and route not in self._codes(self.except_routes)
        )

    def applies_to_validation(self, state: str) -> bool:
        """Whether it applies to a European patent validated in `state` (UP: unitary effect)."""
        return state in self._codes(self.offices) and VALIDATION_ROUTE in self._codes(self.routes)

    @property
    def calendar_label(self) -> str:
        """The calendar whose closed days extend the period, as the board names it."""
        if self.informational:
            return str(_("not extended (an expected date)"))
        if self.calendar_office == "*":
            return str(_("the application's office"))
        if self.calendar_office:
            return self.calendar_office
        return str(_("weekends only"))

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Everyone reads the rules; administrators maintain them."""
        return Q() if action == "view" and access.scopes else None


class Deadline(ChangeLoggedModel):
    """A time limit of one application: computed from a rule (and a year, for renewals), or entered
    by hand (an office action). Computed ones follow their dates; manual ones are kept as entered."""

    application = models.ForeignKey(
        "patents.PatentApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    validation = models.ForeignKey(
        "patents.Validation",
        verbose_name=_("validation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        help_text=_("The national validation (or unitary effect) a renewal is paid for."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    label = models.CharField(_("what"), max_length=200)
    base_date = models.DateField(_("counted from"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    grace_end = models.DateField(_("end of grace period"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=DeadlineState.choices, default=DeadlineState.OPEN
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    renewal_decision = models.CharField(
        _("renewal decision"), max_length=4, choices=RenewalDecision.choices, blank=True
    )
    decide_by = models.DateField(_("decide by"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "rule", "year"],
                condition=Q(rule__isnull=False),
                name="patents_deadline_unique_rule_year",
                violation_error_message=_(
                    "This application already has this rule's deadline for that year."
                ),
            ),
            models.UniqueConstraint(
                fields=["application", "rule"],
                condition=Q(rule__isnull=False, year__isnull=True),
                name="patents_deadline_unique_rule",
                violation_error_message=_("This application already has this rule's deadline."),
            ),
        ]
        indexes = [
            # The deadline board and the reminder digest read open deadlines by due date.
            models.Index(
                fields=["due_date"], condition=Q(state="open"), name="patents_deadline_open_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_date} {self.local_label} ({self.application})"

    @property
    def local_label(self) -> str:
        """What it is, in the reader's language: a computed one named by its rule (the stored label
        is the rule's English), one entered by hand as entered."""
        if self.rule_id is None:
            return self.label
        state = self.validation.state if self.validation_id else None
        return deadline_label(self.rule.local_label, state, self.year)

    @property
    def days_left(self) -> int:
        """Days from today to the due date (negative once overdue)."""
        return (self.due_date - timezone.localdate()).days

    @property
    def urgency(self) -> str:
        """overdue, week (≤ 7 days), month (≤ 30 days) or "" for an open deadline; "" once closed."""
        if self.state != DeadlineState.OPEN:
            return ""
        days = self.days_left
        return "overdue" if days < 0 else "week" if days <= 7 else "month" if days <= 30 else ""

    def get_absolute_url(self) -> str:
        """Its line on its family's page (the edit page is for those who may change it)."""
        return f"{self.application.family.get_absolute_url()}#deadline-{self.pk}"

    def changelog_parent(self) -> models.Model:
        return self.application.family

    @property
    def is_manual(self) -> bool:
        return self.rule_id is None

    @property
    def office(self) -> str:
        """The office the fee is paid to: the validation's state, else the application's office."""
        return self.validation.state if self.validation_id else self.application.office

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.renewal_decision and self.year is None:
            errors["renewal_decision"] = _("Only a renewal is kept or dropped.")
        if self.renewal_decision == RenewalDecision.DROP and not self.decision_reason.strip():
            errors["decision_reason"] = _("Say why the renewal is dropped.")
        if self.decide_by and self.due_date and self.decide_by > self.due_date:
            errors["decide_by"] = _("The decision must be taken before the due date.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return family_q(access, "view" if action == "view" else "change", "application__family__")
