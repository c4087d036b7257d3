"""Issue 12: near-identical keys are found without comparing every pair of a block. The pairs found
through the keys' pieces are exactly those the pair-by-pair comparison finds (checked here against it
on names with every kind of typo), and a block of a hundred thousand keys clusters in seconds."""

from __future__ import annotations

import random
import time

import pytest
from rapidfuzz import fuzz

from valo.rankings import clustering
from valo.rankings.clustering import _candidates, _max_distance, cluster

WORDS = (
    "ADVANCED MATERIALS OPTICAL SENSOR SYSTEMS INSTITUTE NATIONAL RESEARCH CENTRE ENERGY ATOMIC "
    "TELECOMMUNICATIONS MICROELECTRONICS LABORATORY UNIVERSITY TECHNOLOGIES INNOVATION PHOTONICS "
    "AUTOMOTIVE EQUIPMENT INDUSTRIES THERMAL DYNAMICS NORMANDY BRITTANY ALPINE MARITIME"
).split()


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    kind = rng.choice(("drop", "double", "swap", "change"))
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "swap" and at + 1 < len(word):
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice("AEIOURST") + word[at + 1 :]


def names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        words = ["ACME", *rng.sample(WORDS, rng.randint(2, 5))]  # one block: "ACM…"
        found.append(" ".join(words))
        for _ in range(rng.randint(0, 2)):
            found.append(" ".join(typo(w, rng) if rng.random() < 0.3 else w for w in words))
    return found


def test_the_pieces_find_every_pair_the_comparison_of_every_pair_finds():
    keys = sorted({"".join(n.split()) for n in names(1500, seed=7)})
    threshold = clustering.THRESHOLD
    expected = {
        (a, b)
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
        if fuzz.ratio(a, b)
        >= (
            min(threshold, clustering.LONG_THRESHOLD)
            if min(len(a), len(b)) >= clustering.LONG_KEY
            else threshold
        )
    }
    assert len(expected) > 300  # typos enough to test something
    found = {(a, b) for a, others in _candidates(keys, threshold).items() for b in others}
    assert expected <= found
    # …and a small share of all pairs, on names of a few shared words (the hard case: a real block
    # is more varied).
    assert len(found) < 0.02 * len(keys) * (len(keys) - 1) / 2
    # The bound is the score's: 100 × (1 − d / (la + lb)) ≥ 97 allows d = 1 from 34 characters.
    assert (_max_distance(16, 17, 97.0), _max_distance(17, 17, 97.0)) == (0, 1)
    assert _max_distance(20, 20, 97.0) == 2  # both long: 94 holds, 2 of 40 characters


@pytest.mark.parametrize("pairwise_block", [0, 10**9])
def test_clusters_are_the_same_found_either_way(monkeypatch, pairwise_block):
    spellings = names(1200, seed=11)
    monkeypatch.setattr(clustering, "PAIRWISE_BLOCK", 10**9)
    by_pairs = cluster(spellings)
    monkeypatch.setattr(clustering, "PAIRWISE_BLOCK", pairwise_block)
    assert cluster(spellings) == by_pairs


def test_a_block_of_a_hundred_thousand_keys_clusters_in_seconds():
    """The case that never finished: every key in one block ("APPLICANT n", 100 000 of them, and
    30 000 names with typos in another block)."""
    spellings = [f"APPLICANT {n}" for n in range(100_000)] + names(10_000, seed=3)
    started = time.perf_counter()
    groups = cluster(spellings)
    elapsed = time.perf_counter() - started
    assert len({groups[f"APPLICANT {n}"] for n in range(100_000)}) == 100_000  # numbers apart
    assert elapsed < 60, elapsed
