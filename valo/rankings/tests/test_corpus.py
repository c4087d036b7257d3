"""End to end on the generated 2020 corpus: import → harmonise with the demo directory → rank."""

from __future__ import annotations

import csv

import pytest

from valo.directory.demo import load_demo
from valo.officedata.store import AnalyticStore
from valo.rankings import corpus, entities
from valo.rankings.methods import METHODS
from valo.rankings.palmares import palmares


@pytest.mark.django_db
def test_the_generated_year_ranks_as_its_ground_truth_says(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load_demo()
    corpus.directory()
    ground = corpus.build(tmp_path / "inpi")
    truth = {row["entity"]: int(row["count"]) for row in csv.DictReader(ground.open())}
    store = AnalyticStore()
    files = [
        *sorted((tmp_path / "inpi").glob("FR_FRNEWST36_*.zip")),
        tmp_path / "inpi" / "FR_FRAMDST36_2020_52.zip",
    ]
    for path in files:
        store.import_file(path)
    rows = palmares(entities.connect(store), METHODS["inpi-2022"], 2020)
    counted = {row.entity.name: int(row.count) for row in rows}
    assert counted == truth  # every ground-truth entity, exactly
    by_name = {row.entity.name: row for row in rows}
    # The published 2020 ranks, and the institution's own place.
    assert [
        (by_name[n].rank, by_name[n].count)
        for n in ("Groupe PSA", "Safran", "Groupe Valeo", "Saint-Gobain", "Soitec")
    ] == [(1, 1239), (2, 1103), (3, 819), (18, 143), (48, 30)]
    imt = by_name["Institut Mines-Télécom"]
    assert imt.count == 33 and imt.rank <= 50
    top50 = [r for r in rows if r.rank <= 50]
    assert sum(r.entity.category == "RESE" for r in top50) == 13
    assert sum(r.entity.category == "ETI" for r in top50) == 3
    rese = palmares(entities.connect(store), METHODS["inpi-2022"], 2020, category="RESE", top=10)
    assert [r.entity.name for r in rese][:2] == [
        "Commissariat à l'énergie atomique et aux énergies alternatives",
        "Centre national de la recherche scientifique",
    ]
    assert "Institut Mines-Télécom" in {r.entity.name for r in rese}
