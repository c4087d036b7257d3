"""Benchmarks of the public-record side, each beside a naive baseline in the same run.

    .venv/bin/python bench/rankings.py [--skip-big] [--rows 50000000]

1. Import a year of INPI files (the generated 2020 corpus, ~15 000 documents): valo's streaming lxml
   reader into the Parquet store, against ElementTree parsing each whole document into a tree.
2. Rank one year (inpi-2022): valo's DuckDB selection + harmonisation, against counting from the
   records in Python (no store: re-reading every file).
3. Rank a 20-year store (~300 000 documents, the 2020 year replicated with shifted dates).
4. Rank a 50-million-row applicant table in Parquet: DuckDB group-by on 2 threads with a memory cap,
   peak RSS printed, against nothing (a Python Counter would not fit the time).
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--rows", type=int, default=50_000_000)
    args = parser.parse_args()
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    import django

    django.setup()
    import duckdb
    import pyarrow.parquet as pq
    from django.conf import settings
    from django.core.management import call_command

    from valo.directory.demo import load_demo
    from valo.officedata.readers.inpi import read_inpi
    from valo.officedata.store import AnalyticStore
    from valo.rankings import corpus, entities
    from valo.rankings.methods import METHODS
    from valo.rankings.palmares import palmares

    call_command("migrate", verbosity=0)
    load_demo()
    corpus.directory()
    out = Path(settings.VAR_DIR) / "corpus"
    corpus.build(out)
    files = sorted(out.glob("FR_FRNEWST36_*.zip"))
    documents = sum(len(zipfile.ZipFile(f).namelist()) for f in files)

    # 1. Import.
    # One process, file by file (the import of one file) …
    single = AnalyticStore(Path(settings.VAR_DIR) / "single")
    started = time.perf_counter()
    for path in files:
        single.import_file(path)
    one_core = time.perf_counter() - started
    # … and the files read by every core (`valo officedata import` of several files).
    store = AnalyticStore()
    started = time.perf_counter()
    for _path, result in store.import_files(files):
        assert not isinstance(result, Exception), result
    ours = time.perf_counter() - started
    started = time.perf_counter()
    naive_names = collections.Counter()
    for path in files:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                tree = ET.fromstring(archive.read(member))
                for name in tree.iter("orgname"):
                    naive_names[name.text] += 1
    naive = time.perf_counter() - started
    print(
        f"1. import {documents} documents in {len(files)} weekly files, to Parquet: valo one core "
        f"{one_core:.2f} s ({documents / one_core:.0f} documents/s), {os.cpu_count()} cores "
        f"{ours:.2f} s ({documents / ours:.0f} documents/s) | ElementTree whole documents, parse "
        f"only, one core {naive:.2f} s ({documents / naive:.0f} documents/s) | ratio one core "
        f"{naive / one_core:.2f}, all cores {naive / ours:.2f}"
    )
    # The cost of the n-th file: the first and the last weekly file, imported again into stores
    # holding nothing and holding every other file.
    last, first = files[-1], files[0]
    fresh = AnalyticStore(Path(settings.VAR_DIR) / "fresh")
    started = time.perf_counter()
    fresh.import_file(first)
    cost_first = time.perf_counter() - started
    full = AnalyticStore(Path(settings.VAR_DIR) / "full")
    for _path, result in full.import_files(files[:-1]):
        assert not isinstance(result, Exception), result
    started = time.perf_counter()
    full.import_file(last)
    cost_last = time.perf_counter() - started
    print(
        f"1b. the 1st weekly file into an empty store {cost_first * 1000:.0f} ms | the "
        f"{len(files)}th into a store holding the {len(files) - 1} others {cost_last * 1000:.0f} ms "
        f"| ratio {cost_last / cost_first:.2f}"
    )

    # 2. Rank one year.
    started = time.perf_counter()
    entities.refresh(store)  # the import command does this once after its files
    built = time.perf_counter() - started
    started = time.perf_counter()
    rows = palmares(entities.connect(store), METHODS["inpi-2022"], 2020)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    counts = collections.Counter()
    for path in files:
        for record in read_inpi(path):
            for applicant in {a.name for a in record.applicants}:
                counts[applicant] += 1
    naive = time.perf_counter() - started
    print(
        f"2. rank one year ({len(rows)} applicants): valo {ours:.2f} s (after harmonising the store's names once, {built:.2f} s) | re-reading the files and counting raw names {naive:.1f} s | ratio {naive / ours:.1f}x"
    )

    # 2b. The same after compaction (one batch instead of one per imported file).
    started = time.perf_counter()
    store.compact()
    compacted = time.perf_counter() - started
    started = time.perf_counter()
    rows = palmares(entities.connect(store), METHODS["inpi-2022"], 2020)
    ours_compacted = time.perf_counter() - started
    print(
        f"2b. compact {len(files)} batches into 1: {compacted:.2f} s; rank one year then: "
        f"{ours_compacted:.2f} s (was {ours:.2f} s over the batches) | ratio {ours / ours_compacted:.1f}x"
    )

    # 3. A 20-year store: the year replicated with shifted dates, written straight to Parquet.
    con = store.connect()
    pubs = con.sql("SELECT * FROM publications").to_arrow_table()
    apps = con.sql("SELECT * FROM applicants").to_arrow_table()
    big = Path(settings.VAR_DIR) / "twenty"
    big.mkdir()
    con = duckdb.connect()
    con.register("pubs", pubs)
    con.register("apps", apps)
    con.execute(f"""COPY (SELECT doc_key || '-' || y AS doc_key, * EXCLUDE (doc_key, publication_date, filing_date),
        publication_date - INTERVAL (2020 - y) YEAR AS publication_date, filing_date - INTERVAL (2020 - y) YEAR AS filing_date
        FROM pubs, range(2001, 2021) t(y)) TO '{big}/publications.parquet' (FORMAT parquet)""")
    con.execute(f"""COPY (SELECT doc_key || '-' || y AS doc_key, * EXCLUDE (doc_key) FROM apps, range(2001, 2021) t(y))
        TO '{big}/applicants.parquet' (FORMAT parquet)""")
    twenty = duckdb.connect()
    twenty.execute(
        f"CREATE VIEW publications AS SELECT * FROM read_parquet('{big}/publications.parquet')"
    )
    twenty.execute(
        f"CREATE VIEW applicants AS SELECT * FROM read_parquet('{big}/applicants.parquet')"
    )
    # The same names as the year's: its harmonised table serves the 20 years.
    entities.refresh(store)
    twenty.execute(
        "CREATE VIEW harmonised AS SELECT * FROM "
        f"read_parquet('{store.current}/derived/harmonised.parquet')"
    )
    total = twenty.execute("SELECT count(*) FROM publications").fetchone()[0]
    started = time.perf_counter()
    rows = palmares(twenty, METHODS["inpi-2022"], 2012)
    ours = time.perf_counter() - started
    print(
        f"3. rank one year of a {total}-document, 20-year store: valo {ours:.2f} s ({len(rows)} applicants)"
    )

    # 3b. One more weekly file into that 20-year store (held as one batch, as a compaction leaves it),
    # against rewriting the store's tables once — what every import cost before batches.
    from valo.officedata.store import SCHEMAS

    held = AnalyticStore(Path(settings.VAR_DIR) / "held")
    held.root.mkdir(parents=True)
    tables = {name: schema.empty_table() for name, schema in SCHEMAS.items()}
    tables["publications"] = pq.read_table(big / "publications.parquet")
    tables["applicants"] = pq.read_table(big / "applicants.parquet")
    held._write_batch("000001-twenty", 1, tables)
    entry = {
        "file": "twenty",
        "sha256": "-",
        "batch": "000001-twenty",
        "seq": 1,
        "documents": total,
    }
    held._new_snapshot([entry])
    weekly = files[len(files) // 2]
    started = time.perf_counter()
    result = held.import_file(weekly)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for name in ("publications", "applicants"):
        table = pq.read_table(held.root / "batches" / "000001-twenty" / f"{name}.parquet")
        pq.write_table(table, Path(settings.VAR_DIR) / f"rewrite-{name}.parquet")
    rewrite = time.perf_counter() - started
    print(
        f"3b. import one weekly file ({result.added} documents) into the {total}-document store: "
        f"valo {ours:.2f} s | rewriting the store once (the former cost of each import) "
        f"{rewrite:.2f} s | ratio {rewrite / ours:.1f}x"
    )

    # 4. 50 million applicant rows.
    if args.skip_big:
        return
    path = Path(settings.VAR_DIR) / "applicants-50m.parquet"
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute("SET memory_limit = '1GB'")
    started = time.perf_counter()
    con.execute(f"""COPY (SELECT 'FR|' || (i // 2)::VARCHAR || '|A1' AS doc_key, (i % 2)::INTEGER AS sequence,
        'APPLICANT ' || (hash(i // 2) % 400000)::VARCHAR AS raw_name, '' AS identifier, 'FR' AS country
        FROM range({args.rows}) t(i)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")
    written = time.perf_counter() - started
    started = time.perf_counter()
    top = con.execute(f"""SELECT raw_name, count(DISTINCT doc_key) AS n FROM read_parquet('{path}')
        GROUP BY raw_name ORDER BY n DESC, raw_name LIMIT 50""").fetchall()
    ranked = time.perf_counter() - started
    print(
        f"4. rank a {args.rows:,}-row applicant table (written in {written:.0f} s): {ranked:.1f} s on 2 threads, "
        f"top count {top[0][1]}, peak RSS {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
