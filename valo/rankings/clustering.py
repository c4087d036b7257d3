"""Grouping the names no dictionary knows (reference/harmonization.md §3, §8).

Each name is reduced to its significant words (valo.rankings.cleaning.significant_words: legal forms,
common company words — misspelt ones too — and stop words dropped). Names are then joined, in this
order, by union-find:
1. staff decisions: must-link pairs first; cannot-link pairs are never joined by any later step;
2. the same condensed key ("3 COM" = "3COM");
3. near-identical keys (rapidfuzz, within blocks of the same first letters; numbers never differ),
   each key compared only with the few others that can score enough (found by pieces of the keys,
   not by comparing every pair: a block of a million keys is not a trillion comparisons);
4. an acronym and the one expansion it abbreviates ("IBM" ↔ "INTERNATIONAL BUSINESS MACHINES"),
   only when one expansion holds nearly all the uses of those initials.
A name and a longer one that starts with it ("HONEYWELL", "HONEYWELL INTERNATIONAL") are not joined:
that is entity consolidation (subsidiaries, groups), which the directory does (harmonization.md §7);
joining them raised AIR-UMASS recall but broke NBER precision, whose gold keeps subsidiaries apart.
Precision first: every step is measured on the pv-evaluation gold sets by `valo rankings evaluate`."""

from __future__ import annotations

import functools
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


def _max_distance(la: int, lb: int, threshold: float) -> int:
    """The most insertions and deletions (Indel distance) two keys of these lengths may differ by
    and still be joined: fuzz.ratio is 100 × (1 − distance / (la + lb)), held to `threshold`, or
    to LONG_THRESHOLD when both keys are long. A bound (the score itself then decides)."""
    cutoff = min(threshold, LONG_THRESHOLD) if min(la, lb) >= LONG_KEY else threshold
    return int((100 - cutoff) * (la + lb) / 100 + 1e-9)


@functools.cache
def _segments(length: int, distance: int) -> tuple[tuple[int, int], ...]:
    """A key of this length cut into distance + 2 pieces (start, length), as even as can be."""
    pieces = distance + 2
    base, longer = divmod(length, pieces)
    spans, start = [], 0
    for number in range(pieces):
        size = base + (1 if number >= pieces - longer else 0)
        spans.append((start, size))
        start += size
    return tuple(spans)


@functools.cache
def _lengths(length: int, threshold: float) -> tuple[tuple[int, int], ...]:
    """The lengths another key may have to be joined with one of `length`, each with the distance
    allowed between the two (0, the same key, never: keys are distinct)."""
    ratio = (100 - min(threshold, LONG_THRESHOLD)) / 100
    low = max(MIN_LENGTH, int(length * (1 - ratio) / (1 + ratio)))
    found = []
    for other in range(low, int(length * (1 + ratio) / (1 - ratio)) + 2):
        distance = _max_distance(length, other, threshold)
        if distance and abs(length - other) <= distance:
            found.append((other, distance))
    return tuple(found)


def _candidates(keys: list[str], threshold: float) -> dict[str, set[str]]:
    """For each key of a block, the later keys that may score enough — every pair that does, and
    few others, found without comparing every pair (after PassJoin, Li et al. 2011): two keys within
    distance d differ in at most d places, so of the d + 2 pieces one is cut into, two appear
    unchanged in the other, each shifted by at most d. Each key is indexed by its pieces; the others
    are looked up by their substrings where a piece may sit, leaving out, for each length, the piece
    most keys share (a common first word): one of the remaining pieces still matches."""
    index: dict[tuple[int, int, int, str], list[str]] = defaultdict(list)
    for key in keys:
        for distance in {d for _other, d in _lengths(len(key), threshold)}:
            for number, (start, size) in enumerate(_segments(len(key), distance)):
                index[(len(key), distance, number, key[start : start + size])].append(key)
    # For each length and distance, the piece whose postings would cost the most to walk.
    cost: dict[tuple[int, int], Counter[int]] = defaultdict(Counter)
    for (length, distance, number, _text), posted in index.items():
        cost[(length, distance)][number] += len(posted) ** 2
    skipped = {pair: costs.most_common(1)[0][0] for pair, costs in cost.items()}
    found: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        length = len(key)
        for other, distance in _lengths(length, threshold):
            if (other, distance) not in skipped:
                continue  # no key of that length
            left_out = skipped[(other, distance)]
            for number, (start, size) in enumerate(_segments(other, distance)):
                if number == left_out:
                    continue
                for at in range(max(0, start - distance), min(length - size, start + distance) + 1):
                    for match in index.get((other, distance, number, key[at : at + size]), ()):
                        if match > key:
                            found[key].add(match)
    return found


# A block up to this many keys is compared pair by pair (rapidfuzz's loop in C is then faster than
# finding candidates); a larger one only on the candidates its pieces give. Both join the same pairs.
PAIRWISE_BLOCK = 5000


def _near_identical(groups: _Groups, words: dict[str, tuple[str, ...]], threshold: float) -> None:
    """Join the near-identical keys of each block, each key against the later ones in key order."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in sorted(words):
        if len(key) >= MIN_LENGTH:
            blocks[key[:BLOCK]].append(key)
    for members in blocks.values():
        candidates = _candidates(members, threshold) if len(members) > PAIRWISE_BLOCK else None
        for i, key in enumerate(members[:-1]):
            if candidates is None:
                others = members[i + 1 :]
            elif key in candidates:
                others = sorted(candidates[key])  # in key order, as the block's
            else:
                continue
            cutoff = min(threshold, LONG_THRESHOLD) if len(key) >= LONG_KEY else threshold
            for other, score, _index in process.extract(
                key, others, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
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
