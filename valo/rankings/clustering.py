"""Grouping the names no dictionary knows (reference/harmonization.md §3, §8).

Each name is reduced to its significant words (valo.rankings.cleaning.significant_words: legal forms,
common company words — misspelt ones too — and stop words dropped). Names are then joined, in this
order, by union-find:
1. staff decisions: must-link pairs first; cannot-link pairs are never joined by any later step;
2. the same condensed key ("3 COM" = "3COM");
3. near-identical keys (rapidfuzz, within blocks of the same first letters; numbers never differ);
4. an acronym and the one expansion it abbreviates ("IBM" ↔ "INTERNATIONAL BUSINESS MACHINES"),
   only when one expansion holds nearly all the uses of those initials.
A name and a longer one that starts with it ("HONEYWELL", "HONEYWELL INTERNATIONAL") are not joined:
that is entity consolidation (subsidiaries, groups), which the directory does (harmonization.md §7);
joining them raised AIR-UMASS recall but broke NBER precision, whose gold keeps subsidiaries apart.
Precision first: every step is measured on the pv-evaluation gold sets by `valo rankings evaluate`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from valo.rankings.cleaning import STOP_WORDS, clean_applicant, significant_words

COMMON_WORDS = {"COMPANY", "CO", "CORPORATION", "CORP", "INCORPORATED", "INC", "LIMITED", "LTD"}
# Keys this close (0–100, rapidfuzz ratio) are one entity; below, they stay apart.
THRESHOLD = 97.0
# Long keys tolerate one more typo: at this length and above, this ratio suffices.
LONG_KEY, LONG_THRESHOLD = 20, 94.0
MIN_LENGTH = 8
# A word this long may carry two typos and still be the same word; a shorter one only one.
WORD_TYPO_LENGTH = 13
BLOCK = 3
# Acronyms shorter than this are too ambiguous ("GE", "GM") to be linked to an expansion.
MIN_ACRONYM = 3
# ... and linked only to an expansion that has this share of the uses of all names with these initials.
ACRONYM_SHARE = 0.95


def condensed_key(name: str) -> str:
    """The cleaning-only baseline of harmonization.md §5.2: cleaned name without stop words and
    common company words, spaces removed (kept as it is: it is the floor valo is measured against)."""
    words = [
        w for w in clean_applicant(name).split() if w not in STOP_WORDS and w not in COMMON_WORDS
    ]
    return "".join(words) or clean_applicant(name).replace(" ", "")


class _Groups:
    """Union-find over keys that refuses any union a cannot-link pair forbids."""

    def __init__(self, keys: Iterable[str], cannot: Iterable[tuple[str, str]] = ()) -> None:
        self.parent = {k: k for k in keys}
        self.cannot = [(a, b) for a, b in cannot if a in self.parent and b in self.parent]

    def find(self, key: str) -> str:
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: str, b: str, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force:
            for x, y in self.cannot:
                rx, ry = self.find(x), self.find(y)
                if {rx, ry} == {ra, rb}:
                    return False
        # The smaller key leads, so a group's id does not depend on the order of unions.
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _numbers_agree(key: str, other: str) -> bool:
    """Numbered names (FUND 3 / FUND 4) differ by their number: never merged on it."""
    return key[-1].isdigit() == other[-1].isdigit() and not (
        key[-1].isdigit() and key[-1] != other[-1]
    )


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every word one name has and the other lacks is a misspelling of one the other has: "NAVY"
    and "ARMY" are different words, "SECREATARY" and "SECRETARY" the same one."""
    only_a, only_b = set(a) - set(b), set(b) - set(a)
    for words, others in ((only_a, only_b), (only_b, only_a)):
        for word in words:
            allowed = 1 if len(word) < WORD_TYPO_LENGTH else 2
            if not any(OSA.distance(word, o, score_cutoff=allowed) <= allowed for o in others):
                return False
    return True


def _near_identical(groups: _Groups, words: dict[str, tuple[str, ...]], threshold: float) -> None:
    keys = sorted(words)
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) >= MIN_LENGTH:
            blocks[key[:BLOCK]].append(key)
    for members in blocks.values():
        for i, key in enumerate(members[:-1]):
            cutoff = min(threshold, LONG_THRESHOLD) if len(key) >= LONG_KEY else threshold
            for other, score, _index in process.extract(
                key, members[i + 1 :], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                # The lower threshold holds only when both keys are long.
                enough = score >= threshold or min(len(key), len(other)) >= LONG_KEY
                if enough and _numbers_agree(key, other) and _same_words(words[key], words[other]):
                    groups.union(key, other)


def _acronyms(groups: _Groups, words: dict[str, tuple[str, ...]], uses: Counter[str]) -> None:
    expansions: dict[str, set[str]] = defaultdict(set)
    for key, ws in words.items():
        initials = "".join(w[0] for w in ws)
        if len(ws) >= MIN_ACRONYM and ws[0] != initials:
            expansions[initials].add(key)
    for key, ws in words.items():
        # "IBM" alone, or "IBM INTERNATIONAL BUSINESS MACHINES" (an acronym before its expansion).
        acronym = ws[0] if len(ws) == 1 or "".join(w[0] for w in ws[1:]) == ws[0] else ""
        if len(acronym) < MIN_ACRONYM or not expansions.get(acronym):
            continue
        by_group: Counter[str] = Counter()
        for expansion in expansions[acronym]:
            by_group[groups.find(expansion)] += uses[expansion]
        (group, used), total = by_group.most_common(1)[0], sum(by_group.values())
        # One expansion, or one that all but a few stray spellings agree on.
        if used >= ACRONYM_SHARE * total:
            groups.union(key, group)


def cluster(
    names: Iterable[str],
    threshold: float = THRESHOLD,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """raw name → cluster id. `names` may repeat a name (once per use): uses weigh the acronyms.
    `must_link` / `cannot_link`: pairs of raw names that staff joined or split."""
    uses_by_name = Counter(names)
    must_link, cannot_link = list(must_link), list(cannot_link)
    for a, b in must_link + cannot_link:
        uses_by_name.setdefault(a, 0)
        uses_by_name.setdefault(b, 0)
    words_of = {name: significant_words(name) for name in uses_by_name}
    key_of = {
        name: "".join(ws) or clean_applicant(name).replace(" ", "") for name, ws in words_of.items()
    }
    words = {key_of[n]: ws for n, ws in words_of.items()}
    uses: Counter[str] = Counter()
    for name, count in uses_by_name.items():
        uses[key_of[name]] += count
    groups = _Groups(sorted(words), [(key_of[a], key_of[b]) for a, b in cannot_link])
    for a, b in must_link:
        groups.union(key_of[a], key_of[b], force=True)
    _near_identical(groups, words, threshold)
    _acronyms(groups, words, uses)
    return {name: groups.find(key) for name, key in key_of.items()}
