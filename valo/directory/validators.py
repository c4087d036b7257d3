"""Identifier checks: SIREN and SIRET (Luhn), ROR, intra-EU VAT number."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# La Poste's SIRET numbers (SIREN 356000000) do not satisfy Luhn; INSEE documents the exception.
LA_POSTE_SIREN = "356000000"


def validate_siren(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value or ""):
        raise ValidationError(_("A SIREN number has 9 digits."), code="siren_format")
    if not luhn_valid(value):
        raise ValidationError(_("This SIREN number fails its check digit."), code="siren_checksum")


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError(_("A SIRET number has 14 digits."), code="siret_format")
    if not value.startswith(LA_POSTE_SIREN) and not luhn_valid(value):
        raise ValidationError(_("This SIRET number fails its check digit."), code="siret_checksum")


def validate_ror(value: str) -> None:
    """A ROR id: 0 + 6 characters of Crockford base 32 + 2 check digits (https://ror.org/…)."""
    if not re.fullmatch(r"0[0-9a-hjkmnp-tv-z]{6}\d{2}", value or ""):
        raise ValidationError(
            _("A ROR id looks like 030hj3061 (without https://ror.org/)."), code="ror_format"
        )


def validate_vat(value: str) -> None:
    if not re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2,13}", value or ""):
        raise ValidationError(
            _("A VAT number starts with its country code, e.g. FR12345678901."), code="vat_format"
        )
