"""Evaluating the harmoniser on gold sets: pairwise and B-cubed metrics, beside the cleaning-only
baseline, on any CSV of mentions (pv-evaluation's column names by default)."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from valo.rankings.clustering import cluster, condensed_key
from valo.rankings.metrics import Scores, evaluate

PV_SETS = {
    "air-umass": "pv_evaluation/data/assignee/air-umass-assignees-benchmark.csv",
    "nber-subset": "pv_evaluation/data/assignee/nber-subset-assignees-benchmark.csv",
}


class GoldFileError(ValueError):
    """A gold file that cannot be read: names the file and what is wrong."""


@dataclass
class Result:
    gold_set: str
    method: str
    mentions: int
    clusters: int
    pairwise: Scores
    b3: Scores
    seconds: float


def pv_evaluation_sets() -> dict[str, Path]:
    """The two assignee gold sets inside the installed pv-evaluation package (read, never copied)."""
    try:
        dist = distribution("pv-evaluation")
    except PackageNotFoundError as error:
        raise GoldFileError("pv-evaluation is not installed (make setup installs it)") from error
    return {name: Path(str(dist.locate_file(path))) for name, path in PV_SETS.items()}


def read_gold(
    path: Path,
    mention: str = "mention_id",
    cluster_col: str = "unique_id",
    name: str = "organization",
) -> tuple[dict[str, str], dict[str, str]]:
    """(mention → gold cluster, mention → raw name); a repeated mention keeps its first row."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {mention, cluster_col, name} - set(reader.fieldnames or [])
        if missing:
            raise GoldFileError(
                f"{path.name}, row 1: missing column(s) {', '.join(sorted(missing))}"
            )
        gold: dict[str, str] = {}
        names: dict[str, str] = {}
        for row in reader:
            if row[mention] not in gold:
                gold[row[mention]] = row[cluster_col]
                names[row[mention]] = row[name]
    return gold, names


def run(label: str, gold: dict[str, str], names: dict[str, str]) -> list[Result]:
    """The cleaning-only baseline and valo's harmoniser on the same mentions."""
    results = []
    for method in ("cleaning only", "valo"):
        started = time.perf_counter()
        if method == "valo":
            clusters = cluster(names.values())
            predicted = {m: clusters[n] for m, n in names.items()}
        else:
            predicted = {m: condensed_key(n) for m, n in names.items()}
        seconds = time.perf_counter() - started
        scores = evaluate(gold, predicted)
        results.append(
            Result(
                label,
                method,
                len(gold),
                len(set(predicted.values())),
                scores["pairwise"],
                scores["b3"],
                seconds,
            )
        )
    return results
