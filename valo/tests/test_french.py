"""What a page rendered in French must not show: an English string of valo's catalogue.

Each demo role crawls the product in French (valo.tests.test_crawl, every link the pages show),
and `leftovers` checks every visible text of every page — text nodes, and the title, placeholder,
aria-label and alt attributes — against the English side of valo's catalogue: a text equal to an
English message whose French differs, or containing one of three words or more, is English left on
a French page. So is a model's choice code (``under_assessment``) where its label should be, and
the English of data entered in both languages (deadline rules, legal parameters).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import polib
from django.apps import apps
from django.contrib.auth import get_user_model
from lxml import html

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{[^}]*\}")
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
SKIPPED_ELEMENTS = ("script", "style", "code", "pre", "textarea")
# A choice code left where its label belongs: lowercase words joined by underscores.
RAW_CODE = re.compile(r"(?<![\w./@-])[a-z]+(?:_[a-z]+)+(?![\w./@-])")


@cache
def choice_codes() -> frozenset[str]:
    """The codes of every choice of valo's models whose label differs from the code."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("valo."):
            continue
        for field in model._meta.get_fields():
            for code, label in getattr(field, "flatchoices", None) or ():
                if isinstance(code, str) and code != str(label):
                    codes.add(code)
    return frozenset(codes)


@cache
def english() -> tuple[frozenset[str], tuple[str, ...]]:
    """valo's English messages whose French differs: whole texts, and phrases of three words or
    more (the literal parts of a message with placeholders) looked for inside texts. A text that is
    also a French message ("Comment", the French of "How") is not English."""
    whole: set[str] = set()
    phrases: set[str] = set()
    catalogue = polib.pofile(str(CATALOGUE))
    all_french = {" ".join(e.msgstr.split()) for e in catalogue} | {
        " ".join(v.split()) for e in catalogue for v in e.msgstr_plural.values()
    }
    for entry in catalogue:
        ids = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        french = set(entry.msgstr_plural.values()) if entry.msgid_plural else {entry.msgstr}
        for msgid in ids:
            if not msgid or msgid in french or not re.search("[A-Za-z]{3}", msgid):
                continue
            for part in PLACEHOLDER.split(msgid):
                part = " ".join(part.split()).strip(" .,:;()—–-")
                if len(part.split()) >= 3:
                    phrases.add(part)
            if not PLACEHOLDER.search(msgid):
                whole.add(" ".join(msgid.split()))
    return frozenset(whole - all_french), tuple(sorted(phrases, key=len, reverse=True))


def texts(page: bytes) -> list[str]:
    """The visible texts of a page, less code, scripts and what is marked translate="no" (values
    recorded verbatim, as the change log shows them)."""
    tree = html.fromstring(page)
    for element in [*tree.iter(*SKIPPED_ELEMENTS), *tree.xpath('//*[@translate="no"]')]:
        element.drop_tree()
    found = [" ".join(t.split()) for t in tree.xpath("//body//text()")]
    for name in ATTRIBUTES:
        found += [" ".join(v.split()) for v in tree.xpath(f"//body//@{name}")]
    return [t for t in found if t]


def usernames() -> frozenset[str]:
    """Login names, shown as data ("researcher" is a demo login, not the English word)."""
    return frozenset(get_user_model().objects.values_list("username", flat=True))


def data_english() -> frozenset[str]:
    """The English of the data entered in both languages (rules, legal parameters) where its
    French differs."""
    from valo.core.models import Parameter
    from valo.patents.models import DeadlineRule

    found = set()
    for model in (Parameter, DeadlineRule):
        for row in model.objects.all():
            found |= {row.label} if row.label_fr and row.label_fr != row.label else set()
            found |= {row.source} if row.source_fr and row.source_fr != row.source else set()
    return frozenset(found)


def leftovers(
    page: bytes, data: frozenset[str] = frozenset(), names: frozenset[str] = frozenset()
) -> list[str]:
    whole, phrases = english()
    shown = [text for text in dict.fromkeys(texts(page)) if text not in names]
    # Each phrase is looked for once in the whole page's text, then in the texts that hold it.
    everything = "\n".join(shown)
    present = [p for p in phrases if p in everything]
    labels = [label for label in data if len(label.split()) >= 2 and label in everything]
    faults = []
    for text in shown:
        if text in data:
            faults.append(f"English data {text!r}")
        else:
            faults += [f"English data {label!r} in {text!r}" for label in labels if label in text]
        if text in whole:
            faults.append(f"English {text!r}")
        else:
            phrase = next((p for p in present if p in text), None)
            if phrase is not None:
                faults.append(f"English {phrase!r} in {text!r}")
        for code in set(RAW_CODE.findall(text)) & choice_codes():
            faults.append(f"raw code {code!r} in {text!r}")
    return faults


def test_the_check_finds_english_phrases_codes_and_passes_french():
    page = (
        b"<html><body><p>Deadline board</p><p>Tableau des \xc3\xa9ch\xc3\xa9ances</p>"
        b"<td>state: under_assessment, from_amount</td><a title='Why this date'>x</a>"
        b"<script>var a_b = 'Deadline board';</script><p>jean.dupont_2@example.org</p>"
        b"<p translate='no'>Deadline board</p><th>Comment</th></body></html>"
    )
    faults = leftovers(page)
    assert "English 'Deadline board'" in faults
    assert "English 'Why this date'" in faults
    assert "raw code 'under_assessment' in 'state: under_assessment, from_amount'" in faults
    assert len(faults) == 3, faults
