"""Issue 12: every methodology's ranking of the generated 2020 year, computed by DuckDB and by Apache
Spark (local, from the same Parquet files and the same SQL), is the same ranking."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from valo.directory.demo import load_demo
from valo.officedata.store import AnalyticStore
from valo.rankings import corpus, entities
from valo.rankings.methods import METHODS


@pytest.fixture(scope="module")
def spark_session():
    from django.conf import settings

    from valo.rankings import spark

    saved = settings.VALO_SPARK_MASTER, settings.VALO_SPARK_PARTITIONS
    settings.VALO_SPARK_MASTER, settings.VALO_SPARK_PARTITIONS = "local[2]", 2
    session = spark.session()
    yield session
    session.stop()
    spark._session = None
    settings.VALO_SPARK_MASTER, settings.VALO_SPARK_PARTITIONS = saved


@pytest.mark.django_db
def test_duckdb_and_spark_give_the_same_ranking_for_every_methodology(
    settings, tmp_path, spark_session
):
    settings.VAR_DIR = tmp_path
    load_demo()
    corpus.directory()
    corpus.build(tmp_path / "inpi")
    store = AnalyticStore()
    for path in sorted((tmp_path / "inpi").glob("FR_*.zip")):
        store.import_file(path)
    for code, method in METHODS.items():
        # The year's documents were filed 18 months before publication: 2018–2019.
        year = 2019 if method.year_of == "filing" else 2020
        duck = entities.ranking(store, method, year, engine="duckdb")
        spark = entities.ranking(store, method, year, engine="spark")
        assert duck, code
        assert [(r.rank, r.entity, r.count, r.documents) for r in spark] == [
            (r.rank, r.entity, r.count, r.documents) for r in duck
        ], code
    # The top rows (their counts first, then their documents only): the same on both engines,
    # and the head of the whole ranking.
    method = METHODS["fractional"]
    whole = entities.ranking(store, method, 2020, engine="duckdb")
    for engine in ("duckdb", "spark"):
        top = entities.ranking(store, method, 2020, top=5, engine=engine)
        assert top == [r for r in whole if r.rank <= 5], engine
    # Every year in one query: the same on both engines (the corpus's 2020, the 2019 of a
    # methodology by filing year).
    for code in ("inpi-2022", "fractional"):
        years = {
            engine: entities.rankings(store, METHODS[code], engine=engine)
            for engine in ("duckdb", "spark")
        }
        assert years["duckdb"] == years["spark"] and years["duckdb"][2020], code
    out = io.StringIO()
    call_command(
        "rankings", "palmares", "--year", "2020", "--top", "3", "--engine", "spark", stdout=out
    )
    assert "Groupe PSA" in out.getvalue()
