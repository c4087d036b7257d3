"""The collegial assessment: a meeting with the inventors, scores on a configurable grid, minutes,
and the decision on protection and valorisation with each inventor's agreement or objection."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import Access
from valo.core.models import ChangeLoggedModel, in_language
from valo.inventions.access import invention_q
from valo.inventions.choices import (
    AssessmentStatus,
    InventorPosition,
    ParticipantRole,
    ProtectionRoute,
    ValorisationRoute,
)
from valo.inventions.models.inventions import Invention, Inventorship

MAX_SCORE = 5


def _assess_q(access: Access, action: str, prefix: str) -> Q | None:
    return invention_q(access, "view" if action == "view" else "assess", prefix)


class Criterion(ChangeLoggedModel):
    """A criterion of the scoring grid (novelty, market …) and its weight: the grid is data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    help_en = models.CharField(_("guidance (English)"), max_length=300, blank=True)
    help_fr = models.CharField(_("guidance (French)"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_en, self.name_fr)

    @property
    def guidance(self) -> str:
        return in_language(self.help_en, self.help_fr)

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Everyone reads the grid; administrators change it."""
        return Q() if action == "view" and access.scopes else None


class Assessment(ChangeLoggedModel):
    """A collegial meeting on one invention, held with its inventors."""

    invention = models.ForeignKey(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="assessments"
    )
    meeting_on = models.DateField(_("meeting date"))
    starts_at = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Empty: the meeting's hour is not set.")
    )
    # The revision of the invitation sent (iCalendar SEQUENCE): each reschedule raises it.
    invitation_sequence = models.PositiveIntegerField(_("invitation revision"), default=0)
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.SCHEDULED,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    inventors_absent_reason = models.TextField(
        _("why the inventors did not take part"),
        blank=True,
        help_text=_("Needed to close a meeting that no inventor attended."),
    )

    class Meta:
        verbose_name = _("assessment meeting")
        verbose_name_plural = _("assessment meetings")
        ordering = ["-meeting_on", "-id"]

    def __str__(self) -> str:
        return f"{self.invention.reference} – {self.meeting_on}"

    def get_absolute_url(self) -> str:
        return reverse("inventions_assessment_detail", args=[self.pk])

    def changelog_parent(self) -> models.Model:
        return self.invention

    def weighted_score(self) -> Decimal | None:
        """Weighted mean of the scores given, on the 0–5 scale; None before any score."""
        scores = [
            s
            for s in self.scores.select_related("criterion")
            if s.criterion.weight and s.score is not None
        ]
        total_weight = sum((s.criterion.weight for s in scores), Decimal(0))
        if not total_weight:
            return None
        total = sum((s.criterion.weight * s.score for s in scores), Decimal(0))
        return (total / total_weight).quantize(Decimal("0.01"))

    def inventors_attended(self) -> bool:
        return self.participants.filter(role=ParticipantRole.INVENTOR, attended=True).exists()

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _assess_q(access, action, "invention__")


class AssessmentParticipant(ChangeLoggedModel):
    """Someone invited to the meeting (the inventors always are) and whether they attended."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=ParticipantRole.choices)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "id"]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.name

    def changelog_parent(self) -> models.Model:
        return self.assessment.invention

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _assess_q(access, action, "assessment__invention__")


class Score(ChangeLoggedModel):
    """The score (0–5) a meeting gave on one criterion, with its comment."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)],
        help_text=_("0 to 5; empty while not scored."),
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="inventions_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__lte=MAX_SCORE),
                name="inventions_score_at_most_5",
                violation_error_message=_("A score cannot be above the top of the grid."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'—' if self.score is None else self.score}"

    def changelog_parent(self) -> models.Model:
        return self.assessment.invention

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _assess_q(access, action, "assessment__invention__")


class Decision(ChangeLoggedModel):
    """What the institution decided with the inventors: how to protect and how to transfer."""

    invention = models.OneToOneField(
        Invention, verbose_name=_("invention"), on_delete=models.CASCADE, related_name="decision"
    )
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="+"
    )
    protection_route = models.CharField(
        _("protection"), max_length=20, choices=ProtectionRoute.choices
    )
    valorisation_route = models.CharField(
        _("valorisation"), max_length=20, choices=ValorisationRoute.choices
    )
    rationale = models.TextField(_("rationale"))
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_protection_route_display()} + {self.get_valorisation_route_display()}"

    def get_absolute_url(self) -> str:
        return self.invention.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.invention

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _assess_q(access, action, "invention__")


class InventorAgreement(ChangeLoggedModel):
    """One inventor's agreement with, or objection to, the decision."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="agreements"
    )
    inventorship = models.ForeignKey(
        Inventorship, verbose_name=_("inventor"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.CharField(
        _("position"),
        max_length=16,
        choices=InventorPosition.choices,
        default=InventorPosition.PENDING,
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("inventor's agreement")
        verbose_name_plural = _("inventors' agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "inventorship"], name="inventions_agreement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inventorship.name}: {self.get_position_display()}"

    def changelog_parent(self) -> models.Model:
        return self.decision.invention

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        return _assess_q(access, action, "decision__invention__")
