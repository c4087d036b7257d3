"""Cleaning of applicant names, in the spirit of Magerman et al. (reference/harmonization.md): case,
accents, punctuation, legal forms, spaces. Proper names are never corrected."""

from __future__ import annotations

import re
import unicodedata

# Legal forms removed at the end of a name (French private and public forms, and common foreign ones).
LEGAL_FORMS = {
    "SA",
    "SAS",
    "SASU",
    "SARL",
    "EURL",
    "SNC",
    "SCS",
    "SCA",
    "SCOP",
    "SEM",
    "GIE",
    "SE",
    "EPIC",
    "EPST",
    "EPSCP",
    "EPA",
    "GIP",
    "GMBH",
    "AG",
    "KG",
    "KGAA",
    "CO",
    "INC",
    "LTD",
    "LIMITED",
    "LLC",
    "CORP",
    "CORPORATION",
    "PLC",
    "BV",
    "NV",
    "OY",
    "AB",
    "AS",
    "SPA",
    "SRL",
    "SL",
}
CONNECTORS = {"&", "AND", "ET", "UND"}


def clean_applicant(name: str) -> str:
    """'Optiques Normandes S.A.S.' → 'OPTIQUES NORMANDES'; 'Institut Mines-Télécom' → 'INSTITUT MINES TELECOM'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    text = re.sub(r"\[[A-Z]{2}\]", " ", text)  # OPS country suffix
    # Dotted forms become words ("S.A.S." → "SAS") before punctuation turns into spaces.
    text = re.sub(r"\b((?:[A-Z]\.){2,})", lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"[^A-Z0-9&]+", " ", text)
    words = text.split()
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or words[-1] in CONNECTORS):
        words.pop()
    return " ".join(words)
