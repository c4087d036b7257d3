"""Organisations: the institution's tree of units, and the companies and bodies it deals with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from valo.core.access import EDITOR_ROLES, Access, Role, any_q, unit_q
from valo.core.fields import URLField
from valo.core.models import ChangeLoggedModel
from valo.directory.choices import (
    ALLOWED_PARENTS,
    COMPANY_KINDS,
    INTERNAL_KINDS,
    RESEARCH_KINDS,
    AliasSource,
    OrganizationKind,
    Sector,
    SizeCategory,
)
from valo.directory.validators import validate_ror, validate_siren, validate_siret, validate_vat

ALL_ROLES = frozenset(Role.values)
# Optional identifiers that must be unique when given: blank is stored as NULL (two blanks never clash).
IDENTIFIER_FIELDS = ("siren", "siret", "ror", "vat")


class Organization(ChangeLoggedModel):
    """A legal entity or unit: institution, school, laboratory, company, start-up, funder…

    The institution's own units (institution, schools, subsidiary schools, laboratories) form the tree
    that memberships scope; other organisations are shared by all staff.
    """

    # What an autocomplete picker and the global search look in (valo.core.pickers, .search; on
    # PostgreSQL each has its trigram index), and the titles that rank the search's hits.
    picker_fields = ("name", "short_name", "siren", "aliases__name")
    full_text_fields = ("name",)

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("School → institution, laboratory → school, subsidiary → group."),
    )
    siren = models.CharField(
        _("SIREN"), max_length=9, unique=True, null=True, blank=True, validators=[validate_siren]
    )
    siret = models.CharField(
        _("SIRET"), max_length=14, unique=True, null=True, blank=True, validators=[validate_siret]
    )
    ror = models.CharField(
        _("ROR id"), max_length=9, unique=True, null=True, blank=True, validators=[validate_ror]
    )
    vat = models.CharField(
        _("VAT number"),
        max_length=15,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_vat],
    )
    country = models.CharField(
        _("country"), max_length=2, default="FR", help_text=_("ISO 3166 code")
    )
    city = models.CharField(_("city"), max_length=128, blank=True)
    website = URLField(_("website"), blank=True)
    size_category = models.CharField(
        _("size category"),
        max_length=3,
        choices=SizeCategory.choices,
        blank=True,
        help_text=_("Companies only: GE, ETI or PME."),
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Made-up demo data, not a real record.")
    )
    unit_decision_on = models.DateField(
        _("decision creating or renewing the unit"),
        null=True,
        blank=True,
        help_text=_(
            "Research units: the latest decision creating or renewing the unit; its parent bodies "
            "designate the unit's mandataire unique within a month (Code de la recherche D533-2)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    edit_fields = (
        "name",
        "short_name",
        "kind",
        "parent",
        "siren",
        "siret",
        "ror",
        "vat",
        "country",
        "city",
        "website",
        "size_category",
        "sector",
        "unit_decision_on",
        "notes",
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kind", "name"], name="directory_org_kind_name"),
            # The ordering's: a picker or the search reads a common word's matches in it (at
            # 100 000 organisations PostgreSQL otherwise scanned and sorted them all).
            models.Index(fields=["name", "id"], name="directory_org_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory_organization_detail", args=[self.pk])

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

    def ancestors(self) -> list[Organization]:
        """Parent, grand-parent… up to the top (stops on a loop, which clean() forbids)."""
        found: list[Organization] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            found.append(node)
            seen.add(node.pk)
            node = node.parent
        return found

    def school(self) -> Organization:
        """The school this unit belongs to (itself if it is one; the top unit if none is found)."""
        for node in [self, *self.ancestors()]:
            if node.kind in (OrganizationKind.SCHOOL, OrganizationKind.SUBSIDIARY_SCHOOL):
                return node
        return ([self, *self.ancestors()])[-1]

    @classmethod
    def descendant_ids(cls, roots: Iterable[int]) -> frozenset[int]:
        """The given units and everything below them (one query per level of the tree)."""
        found = set(roots)
        frontier = set(found)
        while frontier:
            children = set(
                cls._base_manager.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            frontier = children - found
            found |= frontier
        return frozenset(found)

    # --- validation -----------------------------------------------------------------------------

    def _normalise(self) -> None:
        for name in IDENTIFIER_FIELDS:
            value = getattr(self, name)
            if value is not None:
                value = value.replace(" ", "").strip()
                if name == "vat":
                    value = value.upper()
                setattr(self, name, value or None)
        self.country = (self.country or "").upper()
        if not self.sector:
            if self.kind in COMPANY_KINDS:
                self.sector = Sector.COMPANY
            elif self.kind in RESEARCH_KINDS:
                self.sector = Sector.RESE

    def clean_fields(self, exclude: Any = None) -> None:
        self._normalise()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.parent_id is not None:
            if self.pk is not None and (
                self.parent_id == self.pk or self.pk in {a.pk for a in self.parent.ancestors()}
            ):
                errors.setdefault("parent", []).append(
                    _("A unit cannot be placed under itself or under one of its own sub-units.")
                )
            allowed = ALLOWED_PARENTS.get(self.kind)
            if allowed is not None and self.parent.kind not in allowed:
                errors.setdefault("parent", []).append(
                    _("A %(kind)s cannot sit under a %(parent)s.")
                    % {
                        "kind": self.get_kind_display().lower(),
                        "parent": self.parent.get_kind_display().lower(),
                    }
                )
            if (
                allowed is None
                and self.parent.is_internal
                and self.kind != OrganizationKind.INCUBATOR
            ):
                errors.setdefault("parent", []).append(
                    _("Only the institution's own units and incubators sit under its units.")
                )
        elif self.kind in {OrganizationKind.SCHOOL, OrganizationKind.SUBSIDIARY_SCHOOL}:
            errors.setdefault("parent", []).append(_("A school belongs to an institution."))
        if self.siret and self.siren and not self.siret.startswith(self.siren):
            errors.setdefault("siret", []).append(
                _("A SIRET number starts with the organization's SIREN.")
            )
        if self.size_category and self.kind not in COMPANY_KINDS:
            errors.setdefault("size_category", []).append(
                _("Only companies and start-ups have a size category.")
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._normalise()
        super().save(*args, **kwargs)

    # --- permissions ----------------------------------------------------------------------------

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        """Units: within the user's scope (editors edit theirs). Other organisations: every member
        sees them, every editor edits them — partners are shared across schools — except one placed
        under a unit of the institution (a school's incubator), which that unit's editors keep. The
        check after a save (core.permissions.check_write) then refuses moving an organisation under
        a unit outside one's scope."""
        internal = Q(kind__in=INTERNAL_KINDS)
        if action == "view":
            scoped = unit_q(access.units(ALL_ROLES), "pk")
            shared = ~internal if access.scopes else None
        else:
            units = access.units(EDITOR_ROLES)
            scoped = unit_q(units, "pk")
            shared = None
            if access.has_role(*EDITOR_ROLES):
                free = Q(parent__isnull=True) | ~Q(parent__kind__in=INTERNAL_KINDS)
                shared = ~internal & any_q(free, unit_q(units, "parent"))
        return any_q(scoped & internal if scoped is not None else None, shared)


class OrganizationAlias(ChangeLoggedModel):
    """Another name of an organisation, as it appears in patent data or elsewhere."""

    # Searched through its organisation's `aliases__name` (indexed on PostgreSQL, valo.core.search).
    search_fields = ("name",)

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("name"), max_length=255)
    source = models.CharField(
        _("source"), max_length=16, choices=AliasSource.choices, default=AliasSource.MANUAL
    )

    edit_fields = ("organization", "name", "source")

    class Meta:
        verbose_name = _("name alias")
        verbose_name_plural = _("name aliases")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="directory_alias_unique_org_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.organization.get_absolute_url()

    def changelog_parent(self) -> models.Model:
        return self.organization

    @classmethod
    def access_q(cls, access: Access, action: str) -> Q | None:
        q = Organization.access_q(access, "view" if action == "view" else "change")
        return None if q is None else Q(organization__in=Organization.objects.filter(q))
