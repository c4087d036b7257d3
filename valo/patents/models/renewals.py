"""The inventors' opinion on a renewal: asked before the office decides whether to keep paying
(keep or drop), answered through a signed link (valo.patents.renewals)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from valo.core.models import Component


class Opinion(models.TextChoices):
    KEEP = "keep", _("Keep it: it is used or promising")
    DROP = "drop", _("Drop it: it is no longer worth its fees")
    NONE = "none", _("No opinion")


class RenewalOpinion(Component):
    """One inventor asked about one renewal deadline, and their answer once given."""

    parent_path = "deadline__application__family"

    deadline = models.ForeignKey(
        "patents.Deadline",
        verbose_name=_("deadline"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("inventor"), on_delete=models.CASCADE, related_name="+"
    )
    opinion = models.CharField(_("opinion"), max_length=8, choices=Opinion.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inventor's opinion on a renewal")
        verbose_name_plural = _("inventors' opinions on renewals")
        ordering = ["deadline", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "person"], name="patents_opinion_once")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_opinion_display() or '…'}"
