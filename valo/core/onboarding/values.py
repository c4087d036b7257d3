"""Reading the cells of an import file: headings, choices, dates and numbers as people type them."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation

from valo.core.exports import FORMULA_START

if TYPE_CHECKING:
    from valo.core.onboarding.kinds import Column, ImportKind


# Several values in one cell (a family's units, an invention's laboratories).
SEPARATOR = " | "
OWN_NUMBER = re.compile(r"^#(\d+)$")
TRUE_WORDS = {"1", "true", "yes", "y", "oui", "o", "vrai", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "non", "faux", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def header_names(kind: ImportKind) -> dict[str, str]:
    """Every way a heading may name a column: its code, its label in each language."""
    names: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in kind.columns():
                names[folded(column.label)] = column.name
    for column in kind.columns():
        names[folded(column.name)] = column.name
    return names


def plain(value: str) -> str:
    """A cell as typed: the apostrophe an export puts before a formula-like text taken off."""
    if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def cells(value: str) -> set[str]:
    """The values of a cell that holds several, as a set (order and spacing do not count)."""
    return {part.strip() for part in value.split("|") if part.strip()}


def choice_words(column: Column) -> dict[str, str]:
    """Every way a cell may say a choice: its code, its label in each language."""
    words: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for choice, text in column.kind_field.choices or ():
                words[folded(str(text))] = str(choice)
    for choice, _text in column.kind_field.choices or ():
        words[folded(str(choice))] = str(choice)
    return words


def as_date(value: str) -> str:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    return value  # the form names the fault


def as_decimal(value: str, model_field: Any) -> str:
    """A number as people type it: 1 234,56 or 1234.56; 50 % of a field that holds a fraction of 1
    (a share) is 0.5, of a field that holds a percentage (equity) 50."""
    text = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    if not text.endswith("%"):
        return text
    text = text[:-1]
    fraction = any(
        getattr(validator, "limit_value", None) == 1
        for validator in model_field.validators
        if type(validator).__name__ == "MaxValueValidator"
    )
    if fraction:
        try:
            return str(Decimal(text) / 100)
        except ArithmeticError:
            return value
    return text
