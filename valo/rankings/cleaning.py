"""Cleaning of applicant names, in the spirit of Magerman et al. (reference/harmonization.md): case,
accents, punctuation, legal forms, spaces. Proper names are never corrected."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

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


# Words that say what kind of body a name is, not which: dropped anywhere (harmonization.md §5.2).
STOP_WORDS = {
    "THE",
    "OF",
    "AND",
    "ET",
    "DE",
    "DES",
    "DU",
    "LA",
    "LE",
    "L",
    "D",
    "FUR",
    "DER",
    "DIE",
    "VOOR",
}
# Legal forms and company words written out, dropped at the end of a name even when misspelt
# ("CORPORTAION", "COMAPNY"), as Magerman's step 4 does for common company words.
SPELT_FORMS = {
    "COMPANY",
    "CORPORATION",
    "INCORPORATED",
    "LIMITED",
    "AKTIENGESELLSCHAFT",
    "GESELLSCHAFT",
    "KABUSHIKI",
    "KAISHA",
    "KABUSHIKIKAISHA",
    "KK",
    "MBH",
    "ANONYME",
    "AKTIEBOLAG",
    "AKTIEBOLAGET",
    "CORP",
    "INC",
    "LTD",
    "LLC",
    "LLP",
}
# Abbreviated common words, spelt out (Magerman's step 5: common words only, never proper names).
COMMON_SPELLINGS = {
    "UNIV": "UNIVERSITY",
    "INTL": "INTERNATIONAL",
    "DEPT": "DEPARTMENT",
    "LAB": "LABORATORY",
    "LABS": "LABORATORIES",
    "MFG": "MANUFACTURING",
    "TECH": "TECHNOLOGY",
    "SYS": "SYSTEMS",
    "SYSTEM": "SYSTEMS",
    "JR": "JUNIOR",
    "NAT": "NATIONAL",
    "USA": "US",
}
# The governing body a university or foundation files under ("The Regents of", "Board of Trustees
# of"), dropped at either end: the body it governs is the applicant.
GOVERNING_WORDS = {"BOARD", "REGENTS", "TRUSTEES", "GOVERNORS", "FOR"}
# "<principal> as represented by <agent>": the agent is the applicant (the United States by each
# department, a Crown by each ministry); these words of the agent's title say nothing about which.
REPRESENTED = "REPRESENTED"
AGENT_TITLE_WORDS = {
    "AS",
    "BY",
    "IS",
    "SECRETARY",
    "DEPARTMENT",
    "ADMINISTRATOR",
    "MINISTER",
    "UNITED",
    "STATES",
    "US",
    "AMERICA",
    "GOVERNMENT",
}
PRINCIPAL_WORDS = {"AS", "IS", "GOVERNMENT", "AMERICA", "AMERICAN"}


@lru_cache(maxsize=65536)
def _near(word: str, target: str) -> bool:
    """The same word, give or take a typo (one edit, two from nine letters)."""
    allowed = 1 if len(target) < 9 else 2
    return len(word) >= 4 and OSA.distance(word, target, score_cutoff=allowed) <= allowed


def _governing(word: str) -> bool:
    return word in GOVERNING_WORDS or any(_near(word, g) for g in GOVERNING_WORDS if len(g) > 4)


def _represented(words: list[str]) -> list[str]:
    """'UNITED STATES AMERICA AS REPRESENTED BY SECRETARY NAVY' → 'UNITED STATES BY NAVY'."""
    at = next((i for i, w in enumerate(words) if _near(w, REPRESENTED)), None)
    if at is None:
        return words
    principal = [w for w in words[:at] if w not in PRINCIPAL_WORDS]
    agent = [w for w in words[at + 1 :] if w not in AGENT_TITLE_WORDS]
    return [*principal, "BY", *agent] if agent else words


@lru_cache(maxsize=65536)
def _is_form(word: str) -> bool:
    if word in LEGAL_FORMS or word in SPELT_FORMS:
        return True
    return len(word) >= 6 and any(_near(word, form) for form in SPELT_FORMS if len(form) >= 6)


def _without_forms(words: list[str]) -> list[str]:
    words = list(words)
    while len(words) > 1 and (_is_form(words[-1]) or words[-1] in CONNECTORS):
        words.pop()
    return words


def significant_words(name: str) -> tuple[str, ...]:
    """The words that name the body: 'The International Business Machines Corportion (IBM)' →
    ('INTERNATIONAL', 'BUSINESS', 'MACHINES'). Legal forms are dropped at the end (misspelt ones too),
    stop words anywhere, a trailing acronym of the words before it, common abbreviations spelt out."""
    words = [COMMON_SPELLINGS.get(w, w) for w in clean_applicant(name).split()]
    words = _represented([w for w in words if w not in STOP_WORDS])
    words = _without_forms(words)
    # A trailing acronym of the words before it: "… MACHINES CORP. (IBM)".
    if len(words) > 3:
        rest = _without_forms(words[:-1])
        if words[-1] == "".join(w[0] for w in rest):
            words = rest
    while len(words) > 2 and _governing(words[0]):
        words.pop(0)
    while len(words) > 2 and _governing(words[-1]):
        words.pop()
    return tuple(words)
