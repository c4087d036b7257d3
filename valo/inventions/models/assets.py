"""Other protected results: software assets and secret know-how."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, STAFF_ROLES, Access, any_q, unit_q
from valo.core.models import ChangeLoggedModel, Component
from valo.inventions.choices import ReadChannel, SoftwareLicence


class SoftwareAsset(ChangeLoggedModel):
    """A piece of software the institution owns (CPI L113-9), its deposits and its licence."""

    # What the global search looks in (valo.core.search; indexed on PostgreSQL).
    search_fields = ("title", "deposit_reference")

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="software_assets",
    )
    invention = models.ForeignKey(
        "inventions.Invention",
        verbose_name=_("invention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="software_assets",
    )
    version = models.CharField(_("version"), max_length=50, blank=True)
    deposit_reference = models.CharField(
        _("deposit reference"),
        max_length=100,
        blank=True,
        help_text=_("e.g. the APP (Agence pour la protection des programmes) IDDN number."),
    )
    deposit_date = models.DateField(_("deposit date"), null=True, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=SoftwareLicence.choices,
        default=SoftwareLicence.PROPRIETARY,
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("software asset")
        verbose_name_plural = _("software assets")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    def get_absolute_url(self) -> str:
        return reverse("inventions_software_detail", args=[self.pk])

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """The owning unit's staff; the authors read it too."""
        roles = STAFF_ROLES if action == "view" else EDITOR_ROLES
        authored = None
        if action == "view" and access.user_id:
            mine = SoftwareAuthor.objects.filter(person__user_id=access.user_id)
            authored = Q(pk__in=mine.values("software"))
        return any_q(unit_q(access.units(roles), "unit"), authored)


class SoftwareAuthor(Component):
    """An author of a software asset and their share."""

    parent_path = "software"

    software = models.ForeignKey(
        SoftwareAsset, verbose_name=_("software"), on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    share = models.DecimalField(
        _("share"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal(1))],
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["software", "person"], name="inventions_author_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share.normalize()})"


class KnowHow(ChangeLoggedModel):
    """A secret: visible only to the people named on it (and administrators); every read is logged."""

    search_fields = ("title",)

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invention = models.ForeignKey(
        "inventions.Invention",
        verbose_name=_("invention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="know_how",
    )
    description = models.TextField(_("the secret"))
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)

    # Never written to the change log in clear (valo.core.serialization.sealed).
    secret_fields = ("description",)

    class Meta:
        verbose_name = _("know-how")
        verbose_name_plural = _("know-how register")
        ordering = ["-recorded_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inventions_knowhow_detail", args=[self.pk])

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Named people only, whatever their role; they may also edit it if they are editors."""
        if not access.user_id:
            return None
        named = Q(members__user_id=access.user_id)
        if action == "view":
            return Q(pk__in=KnowHow.objects.filter(named).values("pk"))
        if action == "add":
            return Q() if access.has_role(*EDITOR_ROLES) else None
        if access.has_role(*EDITOR_ROLES):
            return Q(pk__in=KnowHow.objects.filter(named).values("pk"))
        return None


class KnowHowMember(ChangeLoggedModel):
    """A person who may know the secret."""

    know_how = models.ForeignKey(
        KnowHow, verbose_name=_("know-how"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("person who may know")
        verbose_name_plural = _("people who may know")
        constraints = [
            models.UniqueConstraint(fields=["know_how", "user"], name="inventions_khmember_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)

    def changelog_parent(self) -> models.Model:
        return self.know_how

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        q = KnowHow.access_q(access, "view" if action == "view" else "change")
        return None if q is None else Q(know_how__in=KnowHow.objects.filter(q))


class KnowHowRead(models.Model):
    """One read of a secret: who, when, through which channel. Append-only, like the change log."""

    know_how = models.ForeignKey(
        KnowHow, verbose_name=_("know-how"), on_delete=models.CASCADE, related_name="reads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150)
    time = models.DateTimeField(_("time"), default=timezone.now)
    channel = models.CharField(_("through"), max_length=16, choices=ReadChannel.choices)

    class Meta:
        verbose_name = _("know-how read")
        verbose_name_plural = _("know-how reads")
        ordering = ["-time", "-id"]

    def __str__(self) -> str:
        return f"{self.user_name} {self.time:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, items: list[KnowHow], user: object, channel: str) -> None:
        """Log one read per secret shown (a list page shows titles only: no read)."""
        cls.objects.bulk_create(
            [
                cls(know_how=item, user=user, user_name=user.get_username(), channel=channel)  # type: ignore[attr-defined]
                for item in items
            ]
        )
