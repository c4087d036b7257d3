"""Grouping the names no dictionary knows: a condensed key per name (Magerman-style cleaning), then
keys merged when they are near-identical strings, compared only within blocks (same first letters) with
rapidfuzz. Conservative on purpose: precision first (reference/harmonization.md §8)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from valo.rankings.cleaning import clean_applicant

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
COMMON_WORDS = {"COMPANY", "CO", "CORPORATION", "CORP", "INCORPORATED", "INC", "LIMITED", "LTD"}
# Keys this close (0–100, rapidfuzz ratio) are one entity; below, they stay apart.
THRESHOLD = 97.0
MIN_LENGTH = 8
BLOCK = 3


def condensed_key(name: str) -> str:
    """Cleaned name without stop words and common company words, spaces removed."""
    words = [
        w for w in clean_applicant(name).split() if w not in STOP_WORDS and w not in COMMON_WORDS
    ]
    return "".join(words) or clean_applicant(name).replace(" ", "")


def cluster_keys(keys: Iterable[str], threshold: float = THRESHOLD) -> dict[str, str]:
    """key → representative key, merging near-identical keys within blocks (union-find)."""
    keys = sorted(set(keys))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) >= MIN_LENGTH:
            blocks[key[:BLOCK]].append(key)
    for members in blocks.values():
        if len(members) < 2:
            continue
        for i, key in enumerate(members[:-1]):
            for other, _score, _index in process.extract(
                key, members[i + 1 :], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                # Numbered names (FUND 3 / FUND 4) differ by their number: never merged on it.
                if key[-1].isdigit() == other[-1].isdigit() and not (
                    key[-1].isdigit() and key[-1] != other[-1]
                ):
                    parent[find(key)] = find(other)
    return {k: find(k) for k in keys}


def cluster(names: Iterable[str], threshold: float = THRESHOLD) -> dict[str, str]:
    """raw name → cluster id."""
    names = list(names)
    keys = {name: condensed_key(name) for name in set(names)}
    merged = cluster_keys(keys.values(), threshold)
    return {name: merged[key] for name, key in keys.items()}
