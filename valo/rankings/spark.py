"""The rankings on Apache Spark, for a public record one machine cannot hold: the same SQL as DuckDB's
(valo.rankings.palmares.ranking_sql over the store's views, valo.officedata.store.view_sql) run by
Spark SQL over the same Parquet files. Settings: VALO_SPARK_MASTER ("local[*]" by default, or a
cluster's URL: spark://host:7077, yarn, k8s://…); the store's files must then be where the cluster's
executors read them (a shared file system or an object store the store root points to).

PySpark is an optional extra (`pip install '.[spark]'`, done by `make test`) and needs a Java runtime
(Debian's openjdk-17-jre-headless, installed by bin/install-test-tools)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from valo.officedata.store import SCHEMAS, WINNERS_SQL, AnalyticStore, credited_sql, view_sql
from valo.rankings import entities
from valo.rankings.methods import Methodology
from valo.rankings.palmares import Row, rank

_session: Any = None


class SparkUnavailable(RuntimeError):
    """PySpark or its Java runtime is missing: says which and how to install it."""


def session() -> Any:
    """The one SparkSession of the process (started on first use: a JVM takes seconds)."""
    global _session
    if _session is None:
        try:
            from pyspark.sql import SparkSession
        except ImportError as error:
            raise SparkUnavailable(
                "the Spark engine needs PySpark: pip install -c constraints.txt '.[spark]'"
            ) from error
        try:
            _session = (
                SparkSession.builder.master(settings.VALO_SPARK_MASTER)
                .appName("valo-rankings")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", str(settings.VALO_SPARK_PARTITIONS))
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate()
            )
        except Exception as error:  # no Java, or a cluster that does not answer
            raise SparkUnavailable(
                f"Spark did not start ({error}); is a Java runtime installed?"
            ) from error
        _session.sparkContext.setLogLevel("ERROR")
    return _session


def _register(spark: Any, store: AnalyticStore) -> None:
    """The store's views and the harmonisation as Spark temporary views (the same SQL)."""
    for name, schema in SCHEMAS.items():
        files = [str(path) for path in store.batch_files(name)]
        if files:
            frame = spark.read.option("mergeSchema", "true").parquet(*files)
            if "batch" not in frame.columns:  # a snapshot of the earlier layout: batch 0
                frame = frame.selectExpr("*", "0 AS batch")
        else:
            columns = ", ".join(f"CAST(NULL AS STRING) AS {f.name}" for f in schema)
            frame = spark.sql(f"SELECT {columns}, CAST(NULL AS INT) AS batch WHERE false")
        frame.createOrReplaceTempView(f"all_{name}")
    spark.sql(WINNERS_SQL).createOrReplaceTempView("winners")
    one = store.one_batch()
    for name in SCHEMAS:
        present = set(spark.table(f"all_{name}").columns)
        spark.sql(view_sql(name, present, one_batch=one)).createOrReplaceTempView(name)
    spark.sql(credited_sql(store.denormalised())).createOrReplaceTempView("credited")
    entities.refresh(store)
    harmonised = store.current / "derived" / f"{entities.TABLE}.parquet"
    spark.read.parquet(str(harmonised)).createOrReplaceTempView(entities.TABLE)


def palmares(
    store: AnalyticStore,
    method: Methodology,
    year: int | None,
    *,
    category: str | None = None,
    top: int | None = None,
) -> dict[int, list[Row]]:
    """The ranking of a year (of every year: None) computed by Spark, by year: the same rows as
    DuckDB's."""
    if store.current is None:
        return {}
    spark = session()
    _register(spark, store)
    return rank(
        lambda sql, params: [tuple(row) for row in spark.sql(sql, args=list(params)).collect()],
        lambda name, keys: spark.createDataFrame(
            [(k,) for k in keys], "key string"
        ).createOrReplaceTempView(name),
        method,
        year,
        category=category,
        top=top,
    )
